"""Small things users notice on the service point's pages (issue 15.6)."""

import datetime

import pytest
import time_machine

from kern import bezetting
from kern.models import Voorziening
from servicepunt.models import Beschikking, Landschapsmelding, Plaatsing
from tests.factories import JeugdigeFactory, persona

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _omgeving(settings):
    settings.TWEESTAPS_VERPLICHT = False
    with time_machine.travel(NU, tick=False):
        yield


@pytest.mark.django_db
def test_een_aanbieder_ziet_alleen_de_eigen_voorzieningen_in_de_landschapsmelding(client):
    client.force_login(persona("aanbieder", aanbieder_id="vitree"))
    form = client.get("/servicepunt/").context["landschap_form"]
    eigen = set(Voorziening.objects.filter(aanbieder_id="vitree", actief=True).values_list("pk", flat=True))
    assert set(form.fields["voorziening"].queryset.values_list("pk", flat=True)) == eigen
    assert list(form.fields["aanbieder"].queryset.values_list("pk", flat=True)) == ["vitree"]
    client.force_login(persona("servicepunt"))
    alle = client.get("/servicepunt/").context["landschap_form"].fields["voorziening"].queryset.count()
    assert alle > len(eigen)


@pytest.mark.django_db
def test_een_melding_voor_een_ander_verliest_de_tekst_niet_en_is_geen_kale_403(client):
    client.force_login(persona("aanbieder", aanbieder_id="vitree"))
    ander = Voorziening.objects.filter(aanbieder_id="triade").first()
    tekst = "Onze groep in Lelystad sluit per 1 januari; de jongeren verhuizen naar Almere."
    for data in (
        {"aanbieder": "triade", "soort": "sluiting", "ingangsdatum": "2027-01-01", "toelichting": tekst},
        {
            "aanbieder": "vitree",
            "voorziening": ander.pk,
            "soort": "sluiting",
            "ingangsdatum": "2027-01-01",
            "toelichting": tekst,
        },
    ):
        r = client.post("/servicepunt/landschap/", data)
        assert r.status_code == 200
        form = r.context["landschap_form"]
        assert form.errors and set(form.errors) <= {"aanbieder", "voorziening"}
        assert tekst in r.content.decode()  # the typed text is still in the form
    assert not Landschapsmelding.objects.exists()
    r = client.post(
        "/servicepunt/landschap/",
        {"aanbieder": "vitree", "soort": "sluiting", "ingangsdatum": "2027-01-01", "toelichting": tekst},
    )
    assert r.status_code == 302 and Landschapsmelding.objects.get().aanbieder_id == "vitree"


@pytest.mark.django_db
def test_capaciteitsmeldingen_tonen_de_bezetting_van_toen_en_van_nu(client):
    sp = persona("servicepunt")
    huis = Voorziening.objects.get(naam="Pleegzorg Flevoland")
    bezetting.capaciteit_bevestigen(sp, huis, capaciteit=huis.capaciteit)  # empty at that moment
    for _ in range(3):
        b = Beschikking.objects.create(
            jeugdige=JeugdigeFactory(),
            zorgtype_id="pleegzorg",
            afgegeven_op=datetime.date(2026, 11, 1),
            gemeente_id="almere",
            brp_gemeente_id="almere",
            geregistreerd_door=sp,
        )
        Plaatsing.objects.create(beschikking=b, voorziening=huis, startdatum=datetime.date(2026, 11, 2))
    client.force_login(sp)
    r = client.get("/servicepunt/")
    melding = next(m for m in r.context["trend"] if m.voorziening_id == huis.pk)
    assert (melding.bezet, melding.nu_bezet) == (0, 3)
    html = r.content.decode()
    assert "Bezet bij melding" in html and "Nu bezet" in html


@pytest.mark.django_db
def test_een_lege_wachtlijst_van_een_gemeente_zegt_dat_de_regio_wel_wacht(client):
    sp = persona("servicepunt")
    for _ in range(2):
        Beschikking.objects.create(
            jeugdige=JeugdigeFactory(),
            zorgtype_id="pleegzorg",
            afgegeven_op=datetime.date(2026, 11, 1),
            gemeente_id="almere",
            brp_gemeente_id="almere",
            geregistreerd_door=sp,
        )
    client.force_login(persona("toegang", gemeente_id="urk"))
    html = client.get("/servicepunt/wachtlijst/").content.decode()
    assert "Niemand uit Urk wacht. In de hele regio wachten 2 jeugdigen" in html
    client.force_login(sp)
    html = client.get("/servicepunt/wachtlijst/").content.decode()
    assert "Niemand" not in html and "2 wachtenden, langst" in html
