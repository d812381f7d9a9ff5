import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from kern.aggregaties import Kwartaal
from kern.bezetting import met_bezetting
from kern.fouten import Conflict
from kern.models import Gemeente, Voorziening, Voorzieningtype
from perspectiefregie.models import Traject
from servicepunt import afwegingskader, regels, services
from servicepunt.cijfers import servicepunt_cijfers
from servicepunt.models import Beschikking, Plaatsing
from tests.factories import JeugdigeFactory, persona

D = datetime.date
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker():
    return persona("toegang", gemeente_id="almere", username="anouk")


AFGIFTE = D(2026, 11, 2)


def beschikking(user, afgegeven=AFGIFTE, kader="vrijwillig", zorgtype="gezinshuis", **kw):
    jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=D(2016, 1, 1), kader=kader)
    soort = Voorzieningtype.objects.get(code=zorgtype) if zorgtype else None
    return services.beschikking_registreren(user, jeugdige=jeugdige, afgegeven_op=afgegeven, zorgtype=soort, **kw)


class TestTweewekenregel:
    def test_dag_14_gehaald_dag_15_gebroken(self):
        afgifte = D(2026, 11, 2)
        assert regels.uiterlijk_gestart(afgifte) == D(2026, 11, 16)
        assert regels.tweewekenregel(afgifte, D(2026, 11, 16), D(2026, 12, 1)) == "op_tijd"
        assert regels.tweewekenregel(afgifte, D(2026, 11, 17), D(2026, 12, 1)) == "te_laat"
        assert regels.tweewekenregel(afgifte, None, D(2026, 11, 16)) == "bijna"
        assert regels.tweewekenregel(afgifte, None, D(2026, 11, 5)) == "open"
        assert regels.tweewekenregel(afgifte, None, D(2026, 11, 17)) == "verlopen"

    @time_machine.travel(NU, tick=False)
    def test_overbruggingshulp_telt_als_start(self, medewerker):
        b = beschikking(medewerker)
        services.overbrugging_toevoegen(
            medewerker, b, startdatum=D(2026, 11, 16), omschrijving="Ambulante gezinsbegeleiding"
        )
        eerste = Beschikking.objects.met_eerste_start().get(pk=b.pk).eerste_start
        assert eerste == D(2026, 11, 16)
        assert regels.tweewekenregel(b.afgegeven_op, eerste, D(2026, 11, 23)) == "op_tijd"

    @time_machine.travel(NU, tick=False)
    def test_de_vroegste_start_telt(self, medewerker):
        b = beschikking(medewerker)
        services.ambulant_gestart(medewerker, b, datum=D(2026, 11, 20))
        services.overbrugging_toevoegen(medewerker, b, startdatum=D(2026, 11, 10), omschrijving="Logeerhuis")
        assert Beschikking.objects.met_eerste_start().get(pk=b.pk).eerste_start == D(2026, 11, 10)


@time_machine.travel(NU, tick=False)
def test_woonplaatsbeginsel_standaard_en_afwijken_met_reden(medewerker):
    b = beschikking(medewerker)
    assert b.gemeente_id == "almere"
    servicepunt = persona("servicepunt", username="sevda")
    jeugdige = JeugdigeFactory(gemeente_id="dronten")
    with pytest.raises(ValidationError, match="gemeente_reden"):
        services.beschikking_registreren(
            servicepunt, jeugdige=jeugdige, afgegeven_op=D(2026, 11, 2), gemeente=Gemeente.objects.get(code="almere")
        )
    b = services.beschikking_registreren(
        servicepunt,
        jeugdige=jeugdige,
        afgegeven_op=D(2026, 11, 2),
        gemeente=Gemeente.objects.get(code="almere"),
        gemeente_reden="BRP-adres vóór het verblijf was Almere",
    )
    assert b.gemeente_id == "almere"


@time_machine.travel(NU, tick=False)
def test_plaatsing_opent_en_sluit_perspectiefregie_en_gedwongen_kader_is_gemarkeerd(medewerker):
    gezinshuis = Voorziening.objects.get(naam="Gezinshuis De Polder")
    vrijwillig = beschikking(medewerker)
    p = services.plaatsen(
        medewerker, vrijwillig, voorziening=gezinshuis, startdatum=D(2026, 11, 10), ambulant_door="lokaal_team"
    )
    traject = Traject.objects.get(verblijven__soort="plaatsing", verblijven__verblijf_id=p.pk)
    assert (traject.gemeente_id, traject.gedwongen_kader, traject.einddatum) == ("almere", False, None)
    gedwongen = beschikking(medewerker, kader="gedwongen")
    p2 = services.plaatsen(
        medewerker, gedwongen, voorziening=gezinshuis, startdatum=D(2026, 11, 10), ambulant_door="lokaal_team"
    )
    assert Traject.objects.get(verblijven__soort="plaatsing", verblijven__verblijf_id=p2.pk).gedwongen_kader is True
    services.plaatsing_beeindigen(
        medewerker, p, einddatum=D(2026, 11, 20), vervolg="Naar huis met hulp", naar_huis=True
    )
    traject.refresh_from_db()
    assert traject.einddatum == D(2026, 11, 20)


@time_machine.travel(NU, tick=False)
def test_capaciteit_nooit_negatief_en_vol_is_409(medewerker):
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")  # 3 places, 0-12
    for _ in range(3):
        services.plaatsen(
            medewerker,
            beschikking(medewerker),
            voorziening=huis,
            startdatum=D(2026, 11, 10),
            ambulant_door="lokaal_team",
        )
    with pytest.raises(Conflict):
        services.plaatsen(
            medewerker,
            beschikking(medewerker),
            voorziening=huis,
            startdatum=D(2026, 11, 10),
            ambulant_door="lokaal_team",
        )
    services.capaciteit_bevestigen(medewerker, huis, capaciteit=2)  # a provider lowers the places below occupancy
    v = met_bezetting(Voorziening.objects.filter(pk=huis.pk), D(2026, 11, 23)).get()
    assert (v.capaciteit, v.bezet, v.vrij) == (2, 3, 0)
    with pytest.raises(ValidationError):
        services.capaciteit_bevestigen(medewerker, huis, capaciteit=-1)


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_plaatsingen_om_de_laatste_plek():
    medewerker = persona("toegang", gemeente_id="almere", username="anouk")
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")
    Voorziening.objects.filter(pk=huis.pk).update(capaciteit=1)
    with time_machine.travel(NU, tick=False):
        besch = [beschikking(medewerker) for _ in range(2)]
    start = threading.Barrier(2)
    uitkomst = []

    def plaats(b):
        try:
            start.wait()
            services.plaatsen(medewerker, b, voorziening=huis, startdatum=D(2026, 11, 10), ambulant_door="lokaal_team")
            uitkomst.append("geplaatst")
        except Conflict:
            uitkomst.append("vol")
        finally:
            connection.close()

    threads = [threading.Thread(target=plaats, args=(b,)) for b in besch]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(uitkomst) == ["geplaatst", "vol"]
    assert Plaatsing.objects.filter(voorziening=huis).count() == 1


@pytest.mark.parametrize(
    "vraag, soort",
    [
        (afwegingskader.Vraag(leeftijd=4, ernst="licht", gezinsfactoren=["netwerk"]), "pleegzorg"),
        (
            afwegingskader.Vraag(leeftijd=9, ernst="matig", complexiteit="meervoudig", probleemgebieden=["hechting"]),
            "gezinshuis",
        ),
        (afwegingskader.Vraag(leeftijd=8, ernst="licht", gezinsfactoren=["broers_zussen"]), "gezinshuis"),
        (
            afwegingskader.Vraag(leeftijd=15, ernst="zwaar", complexiteit="complex", probleemgebieden=["psychiatrie"]),
            "behandelgroep",
        ),
        (afwegingskader.Vraag(leeftijd=14, ernst="matig", eerdere_jeugdhulp=3, motivatie_ouders="laag"), "gezinshuis"),
    ],
)
def test_afwegingskader_op_handgemaakte_casussen(vraag, soort):
    advies = afwegingskader.weeg(vraag)
    assert advies.soort == soort
    assert advies.redenen and all(r.endswith(".") for r in advies.redenen)


def test_matching_dichtstbij_eerst_met_vrije_plek():
    advies, kandidaten = services.matching(
        afwegingskader.Vraag(leeftijd=10, ernst="matig"), Gemeente.objects.get(code="urk"), D(2026, 11, 23)
    )
    assert advies.soort == "gezinshuis"
    assert [v.naam for v in kandidaten][0] == "Gezinshuis Het Anker"  # in Urk itself
    assert all(v.type_id == "gezinshuis" and v.vrij > 0 for v in kandidaten)


@time_machine.travel(datetime.datetime(2026, 10, 15, 10, tzinfo=datetime.UTC), tick=False)
def test_cijfers_met_de_hand_geteld(medewerker):
    huis = Voorziening.objects.get(naam="Gezinshuis De Polder")  # 4 places
    a = beschikking(medewerker, afgegeven=D(2026, 7, 1))
    services.plaatsen(
        medewerker, a, voorziening=huis, startdatum=D(2026, 7, 15), ambulant_door="lokaal_team"
    )  # day 14: met
    b = beschikking(medewerker, afgegeven=D(2026, 7, 1))
    services.plaatsen(
        medewerker,
        b,
        voorziening=huis,
        startdatum=D(2026, 7, 16),
        ambulant_door="lokaal_team",
        eerste_keus=Voorziening.objects.get(naam="Gezinshuis Het Anker"),
    )  # day 15: broken, not first choice
    c = beschikking(medewerker, afgegeven=D(2026, 8, 1))  # waiting, no start: counted as not met
    beschikking(medewerker, afgegeven=D(2026, 9, 1), zorgtype=None)  # ambulant only
    cijfers = servicepunt_cijfers(Kwartaal(2026, 3))
    assert cijfers["tweewekenregel"]["beoordeeld"] == 4
    assert cijfers["tweewekenregel"]["gehaald"] == 1
    assert cijfers["wachtlijst"]["aantal"] == 1
    assert cijfers["wachtlijst"]["mediaan_wachtdagen"] == (D(2026, 9, 30) - D(2026, 8, 1)).days
    assert cijfers["plaatsingen"]["instroom"] == 2 and cijfers["plaatsingen"]["eerste_keus_percentage"] == 50.0
    assert cijfers["capaciteit"]["gezinshuis"]["bezet"] == 2
    assert cijfers["beschikkingen"] == {"totaal": 4, "met_verblijf": 3}
    assert cijfers["verblijf_aandeel_percentage"] == 75.0
    assert c.pk


def test_api_beschikking_en_plaatsing(api):
    sp = persona("servicepunt", username="sevda")
    with time_machine.travel(NU, tick=False):
        r = api(sp).post(
            "/api/v1/servicepunt/beschikkingen/",
            {
                "jeugdige": {
                    "voornaam": "Lisa",
                    "achternaam": "Fictief",
                    "geboortedatum": "2012-02-02",
                    "gemeente": "zeewolde",
                },
                "zorgtype": "behandelgroep",
                "afgegeven_op": "2026-11-20",
            },
            format="json",
        )
        assert r.status_code == 201, r.json()
        assert r.json()["gemeente"] == "zeewolde" and r.json()["tweewekenregel"]["uiterlijk"] == "2026-12-04"
        groep = Voorziening.objects.get(naam="Behandelgroep De Wending")
        r2 = api(sp).post(
            f"/api/v1/servicepunt/beschikkingen/{r.json()['id']}/plaatsingen/",
            {"voorziening": groep.pk, "startdatum": "2026-11-23", "ambulant_door": "lokaal_team"},
            format="json",
        )
        assert r2.status_code == 201
        assert api(sp).get("/api/v1/servicepunt/wachtlijst/").json()["count"] == 0
        bad = api(sp).post("/api/v1/servicepunt/beschikkingen/", {"afgegeven_op": "gisteren"}, format="json")
        assert bad.status_code == 400 and "afgegeven_op" in bad.json() and "jeugdige" in bad.json()
