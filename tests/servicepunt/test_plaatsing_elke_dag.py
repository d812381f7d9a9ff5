"""Every day of a placement: capacity on every day, a real end, ambulant help, no double records."""

import datetime

import pytest
import time_machine

from kern.aggregaties import Kwartaal
from kern.fouten import Conflict
from kern.models import Voorziening, Voorzieningtype
from servicepunt import services
from servicepunt.cijfers import servicepunt_cijfers
from servicepunt.models import Beschikking, Plaatsing
from tests.factories import JeugdigeFactory, persona

D = datetime.date
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker():
    return persona("toegang", gemeente_id="almere", username="anouk")


VROEG = D(2025, 1, 6)


def beschikking(user, afgegeven=VROEG, zorgtype="gezinshuis"):
    jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=D(2016, 1, 1))
    return services.beschikking_registreren(
        user, jeugdige=jeugdige, afgegeven_op=afgegeven, zorgtype=Voorzieningtype.objects.get(code=zorgtype)
    )


def plaats(user, b, huis, start):
    return services.plaatsen(user, b, voorziening=huis, startdatum=start, ambulant_door="lokaal_team")


@time_machine.travel(NU, tick=False)
def test_een_plaatsing_achteraf_met_start_in_2025_overboekt_geen_vol_gezinshuis(medewerker):
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")  # 3 places
    for _ in range(3):
        plaats(medewerker, beschikking(medewerker), huis, D(2026, 11, 10))
    # Registered afterwards, starting in 2025: free on its first day, full from 10 November 2026.
    with pytest.raises(Conflict):
        plaats(medewerker, beschikking(medewerker), huis, D(2025, 6, 1))
    assert Plaatsing.objects.filter(voorziening=huis).count() == 3


@time_machine.travel(NU, tick=False)
def test_een_plaatsing_die_al_eindigde_voor_de_drukte_past_wel(medewerker):
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")
    Voorziening.objects.filter(pk=huis.pk).update(capaciteit=1)
    eerdere = plaats(medewerker, beschikking(medewerker), huis, D(2025, 3, 1))
    services.plaatsing_beeindigen(medewerker, eerdere, einddatum=D(2025, 9, 1), vervolg="Naar huis")
    plaats(medewerker, beschikking(medewerker), huis, D(2026, 1, 1))
    with pytest.raises(Conflict):  # overlaps the one of 2025 and the one of 2026
        plaats(medewerker, beschikking(medewerker), huis, D(2025, 8, 1))
    with pytest.raises(Conflict):  # free from 1 September 2025, but not from 1 January 2026
        plaats(medewerker, beschikking(medewerker), huis, D(2025, 9, 1))


@time_machine.travel(NU, tick=False)
def test_plaatsing_beeindigen_in_de_toekomst_is_400(api):
    sp = persona("servicepunt", username="sevda")
    b = beschikking(sp)
    p = plaats(sp, b, Voorziening.objects.get(naam="Gezinshuis De Polder"), D(2026, 11, 10))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as fout:
        services.plaatsing_beeindigen(sp, p, einddatum=D(2026, 11, 24), vervolg="Naar huis")
    assert "einddatum" in fout.value.message_dict
    p.refresh_from_db()
    assert p.einddatum is None


def _beschikking_json(**extra):
    return {
        "jeugdige": {
            "voornaam": "Lisa",
            "achternaam": "Fictief",
            "geboortedatum": "2012-02-02",
            "bsn": "111222333",
            "gemeente": "zeewolde",
        },
        "zorgtype": "behandelgroep",
        "afgegeven_op": "2026-11-20",
        **extra,
    }


@time_machine.travel(NU, tick=False)
def test_een_dubbelklik_registreert_een_beschikking_niet_tweemaal(api):
    sp = persona("servicepunt", username="sevda")
    eerste = api(sp).post("/api/v1/servicepunt/beschikkingen/", _beschikking_json(), format="json")
    assert eerste.status_code == 201, eerste.json()
    tweede = api(sp).post("/api/v1/servicepunt/beschikkingen/", _beschikking_json(), format="json")
    assert tweede.status_code == 409
    assert Beschikking.objects.count() == 1
    # Another kind of care on the same day is another decision.
    anders = api(sp).post("/api/v1/servicepunt/beschikkingen/", _beschikking_json(zorgtype="gezinshuis"), format="json")
    assert anders.status_code == 201


@time_machine.travel(NU, tick=False)
def test_een_dubbelklik_plaatst_niet_tweemaal(api):
    sp = persona("servicepunt", username="sevda")
    b = api(sp).post("/api/v1/servicepunt/beschikkingen/", _beschikking_json(), format="json").json()["id"]
    groep = Voorziening.objects.get(naam="Behandelgroep De Wending")
    url = f"/api/v1/servicepunt/beschikkingen/{b}/plaatsingen/"
    body = {"voorziening": groep.pk, "startdatum": "2026-11-23", "ambulant_door": "lokaal_team"}
    assert api(sp).post(url, body, format="json").status_code == 201
    assert api(sp).post(url, body, format="json").status_code == 409
    assert Plaatsing.objects.count() == 1


@time_machine.travel(NU, tick=False)
def test_een_plaatsing_zonder_ambulante_hulp_is_400(api):
    sp = persona("servicepunt", username="sevda")
    b = api(sp).post("/api/v1/servicepunt/beschikkingen/", _beschikking_json(), format="json").json()["id"]
    groep = Voorziening.objects.get(naam="Behandelgroep De Wending")
    url = f"/api/v1/servicepunt/beschikkingen/{b}/plaatsingen/"
    zonder = api(sp).post(url, {"voorziening": groep.pk, "startdatum": "2026-11-23"}, format="json")
    assert zonder.status_code == 400 and "ambulant_door" in zonder.json()
    onbekend = api(sp).post(
        url, {"voorziening": groep.pk, "startdatum": "2026-11-23", "ambulant_door": "niemand"}, format="json"
    )
    assert onbekend.status_code == 400 and "ambulant_door" in onbekend.json()
    r = api(sp).post(
        url, {"voorziening": groep.pk, "startdatum": "2026-11-23", "ambulant_door": "vitree"}, format="json"
    )
    assert r.status_code == 201 and r.json()["ambulant_door"] == "vitree"
    cijfers = servicepunt_cijfers(Kwartaal(2026, 4))
    assert cijfers["plaatsingen"]["ambulant_door"] == {"vitree": 1}


@time_machine.travel(NU, tick=False)
def test_een_vol_gezinshuis_noemt_een_ander_huis_van_de_juiste_leeftijd(api):
    sp = persona("servicepunt", username="sevda")
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")
    Voorziening.objects.filter(pk=huis.pk).update(capaciteit=0)
    b = beschikking(sp, afgegeven=D(2026, 11, 20))
    r = api(sp).post(
        f"/api/v1/servicepunt/beschikkingen/{b.pk}/plaatsingen/",
        {"voorziening": huis.pk, "startdatum": "2026-11-23", "ambulant_door": "lokaal_team"},
        format="json",
    )
    assert r.status_code == 409
    andere = r.json()["alternatieven"]
    assert andere and all(a["soort"] == "voorziening" and a["vrij"] > 0 for a in andere)
    assert huis.pk not in {a["id"] for a in andere}
    for a in andere:
        v = Voorziening.objects.get(pk=a["id"])
        assert v.type_id == "gezinshuis" and v.past_leeftijd(10)


def test_de_pagina_vraagt_om_ambulante_hulp(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    sp = persona("servicepunt", username="sevda")
    with time_machine.travel(NU, tick=False):
        b = beschikking(sp, afgegeven=D(2026, 11, 20))
        client.force_login(sp)
        pagina = client.get(f"/servicepunt/beschikkingen/{b.pk}/").content.decode()
    assert 'name="ambulant_door"' in pagina and "Ambulante hulp bij het verblijf door" in pagina


@time_machine.travel(NU, tick=False)
def test_een_dubbelklik_zonder_bsn_registreert_ook_geen_tweede_beschikking(api):
    sp = persona("servicepunt", username="sevda")
    body = _beschikking_json()
    del body["jeugdige"]["bsn"]
    assert api(sp).post("/api/v1/servicepunt/beschikkingen/", body, format="json").status_code == 201
    assert api(sp).post("/api/v1/servicepunt/beschikkingen/", body, format="json").status_code == 409
    assert Beschikking.objects.count() == 1


def test_een_aanbieder_leest_de_beschikking_tot_de_nawerktermijn_na_het_einde_van_de_plaatsing(api):
    """Current need to know, as for the CCP: the provider of the facility reads the decision while
    the placement runs and for the region's after-care term after it ended (the end date is the
    first day without it); from the day after that term, 404."""
    sp = persona("servicepunt", username="sevda")
    pluryn = persona("aanbieder", aanbieder_id="pluryn", username="pluryn")
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")
    with time_machine.travel(NU, tick=False):
        b = beschikking(sp, afgegeven=D(2026, 10, 1))
        assert api(pluryn).get(f"/api/v1/servicepunt/beschikkingen/{b.pk}/").status_code == 404  # not its care
        p = plaats(sp, b, huis, D(2026, 10, 5))
        assert api(pluryn).get(f"/api/v1/servicepunt/beschikkingen/{b.pk}/").status_code == 200
        services.plaatsing_beeindigen(sp, p, einddatum=D(2026, 11, 23), vervolg="Terug naar huis")
    laatste_dag = NU + datetime.timedelta(days=13)
    with time_machine.travel(laatste_dag, tick=False):
        assert api(pluryn).get(f"/api/v1/servicepunt/beschikkingen/{b.pk}/").status_code == 200
        assert api(pluryn).get("/api/v1/servicepunt/beschikkingen/").json()["count"] == 1
    with time_machine.travel(laatste_dag + datetime.timedelta(days=1), tick=False):
        assert api(pluryn).get(f"/api/v1/servicepunt/beschikkingen/{b.pk}/").status_code == 404
        assert api(pluryn).get("/api/v1/servicepunt/beschikkingen/").json()["count"] == 0
        assert api(sp).get(f"/api/v1/servicepunt/beschikkingen/{b.pk}/").status_code == 200
