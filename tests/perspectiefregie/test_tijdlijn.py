"""The youth's timeline is whole and need-to-know (issue #12.7)."""

import datetime

import pytest
import time_machine

from experttafel.models import Casus
from kern.models import Voorzieningtype
from kern.tijdlijn import tijdlijn
from perspectiefregie import services
from perspectiefregie.models import Traject
from servicepunt import services as servicepunt
from tests.factories import persona
from tests.perspectiefregie.test_zorgperiode import D, crisisbed, op, pleeggezin

pytestmark = pytest.mark.django_db


def _casus(jeugdige, inbrenger, via_gi):
    return Casus.objects.create(
        jeugdige=jeugdige,
        gemeente_id="almere",
        inbrenger=inbrenger,
        via_gi=via_gi,
        vraag="?",
        toestemming=True,
        ingediend_op=datetime.datetime(2026, 11, 5, 10, tzinfo=datetime.UTC),
    )


def test_een_gi_casus_staat_niet_op_de_tijdlijn_van_de_toegang(api, ccp, toegang_almere, client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    gi = persona("gi", username="gi-medewerker")
    with op(D(2026, 11, 2)):
        inzet = crisisbed(api, ccp)
    jeugdige = inzet.aanmelding.jeugdige
    _casus(jeugdige, gi, via_gi=True)
    voor_toegang = [s.wat for s in tijdlijn(jeugdige, toegang_almere)]
    assert "Ingebracht bij de experttafel" not in voor_toegang
    assert "Ingebracht bij de experttafel" in [s.wat for s in tijdlijn(jeugdige, gi)]
    # The trajectory page reads the same timeline.
    client.force_login(toegang_almere)
    with op(D(2026, 11, 6)):
        pagina = client.get(f"/perspectiefregie/trajecten/{Traject.objects.get().pk}/").content.decode()
    assert "Tijdlijn" in pagina and "experttafel" not in pagina.split("Tijdlijn")[1].split("</ol>")[0]


def test_de_tijdlijn_toont_elke_stap_over_de_vier_functies(api, ccp, toegang_almere):
    anouk = persona("toegang", gemeente_id="almere", username="anouk", first_name="Anouk")
    with op(D(2026, 11, 2)):
        inzet = crisisbed(api, ccp)
        traject = Traject.objects.get()
        services.wijs_regisseur_toe(toegang_almere, traject, regisseur=anouk)
    jeugdige = inzet.aanmelding.jeugdige
    _casus(jeugdige, toegang_almere, via_gi=False)
    with op(D(2026, 11, 14)):
        api(ccp).post(
            f"/api/v1/crisis/inzet/{inzet.pk}/perspectiefplan/",
            {"perspectiefplan_datum": "2026-11-13", "evaluatie_op": "2026-11-14"},
            format="json",
        )
        api(ccp).post(
            f"/api/v1/crisis/inzet/{inzet.pk}/afsluiten/",
            {"einddatum": "2026-11-14", "vervolg": "uhp_pleegzorg"},
            format="json",
        )
        b = servicepunt.beschikking_registreren(
            toegang_almere,
            jeugdige=jeugdige,
            afgegeven_op=D(2026, 11, 14),
            zorgtype=Voorzieningtype.objects.get(code="pleegzorg"),
        )
        servicepunt.plaatsen(
            toegang_almere, b, voorziening=pleeggezin(14), startdatum=D(2026, 11, 14), ambulant_door="lokaal_team"
        )
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False):
        stappen = tijdlijn(jeugdige, toegang_almere)
    functies = {s.functie for s in stappen}
    assert functies == {"CCP", "experttafel", "servicepunt", "perspectiefregie"}
    teksten = " | ".join(s.wat for s in stappen)
    for verwacht in (
        "Aangemeld bij het CCP",
        "Start crisisbed",
        "Einde crisisbed, vervolg: Uithuisplaatsing pleegzorg",
        "Beschikking afgegeven: pleegzorg",
        "Geplaatst in",
        "Traject perspectiefregie geopend",
        "Regisseur: Anouk",
        "Perspectiefplan vastgesteld",
        "Evaluatie gehouden",
        "Ingebracht bij de experttafel",
    ):
        assert verwacht in teksten
    assert [s.datum for s in stappen] == sorted(s.datum for s in stappen)
    # Another municipality's access team sees nothing of this youth.
    lelystad = persona("toegang", gemeente_id="lelystad", username="lars")
    assert tijdlijn(jeugdige, lelystad) == []
