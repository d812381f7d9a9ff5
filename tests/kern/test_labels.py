"""Labels never contradict themselves: a field that is required only in some case says when
("verplicht bij een verblijf") instead of the template's "(niet verplicht)" (issue 15.6)."""

import inspect
from html import unescape

import pytest
from django import forms
from django.template.loader import render_to_string

import crisis.forms
import experttafel.forms
import perspectiefregie.forms
import rapportage.forms
import servicepunt.forms
from crisis.forms import GeenInzetForm, InzetForm
from experttafel.forms import InbrengForm, OpvolgingForm
from perspectiefregie.forms import RegisseurForm
from servicepunt.forms import PlaatsingForm

MODULES = [crisis.forms, experttafel.forms, perspectiefregie.forms, rapportage.forms, servicepunt.forms]


def alle_velden():
    for module in MODULES:
        for naam, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                for veldnaam, veld in cls.base_fields.items():
                    yield f"{naam}.{veldnaam}", veld


def test_geen_label_zegt_zelf_verplicht():
    """'verplicht' in a label met the template's '(niet verplicht)': use kern.velden.voorwaardelijk."""
    fout = [naam for naam, veld in alle_velden() if "verplicht" in str(veld.label or "").lower()]
    assert not fout, f"Labels met 'verplicht' erin (gebruik voorwaardelijk): {fout}"


@pytest.mark.parametrize(
    "form,veld,wanneer",
    [
        (lambda: InzetForm(), "ambulant_door", "verplicht bij een verblijf"),
        (lambda: InzetForm(), "voorziening", "verplicht bij een verblijf"),
        (lambda: InzetForm(), "boven_capaciteit_reden", "verplicht bij plaatsen boven capaciteit"),
        (lambda: GeenInzetForm(), "alternatief_toelichting", "verplicht bij 'Anders'"),
        (lambda: OpvolgingForm(), "motivering", "verplicht als u afwijkt"),
        (lambda: InbrengForm(), "voornaam", "verplicht bij toestemming"),
        (lambda: RegisseurForm(), "reden", "verplicht als er al een regisseur is"),
        (lambda: PlaatsingForm(), "voorziening", "verplicht bij een plaatsing in de regio"),
    ],
)
@pytest.mark.django_db
def test_een_voorwaardelijk_veld_zegt_wanneer_het_verplicht_is(form, veld, wanneer):
    html = render_to_string("includes/veld.html", {"veld": form()[veld]})
    label = unescape(html.split("<label")[1].split("</label>")[0])
    assert f"({wanneer})" in label
    assert "niet verplicht" not in label


@pytest.mark.django_db
def test_een_echt_optioneel_veld_blijft_niet_verplicht():
    html = render_to_string("includes/veld.html", {"veld": InzetForm()["verwachte_einddatum"]})
    assert "(niet verplicht)" in html
