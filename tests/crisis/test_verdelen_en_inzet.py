import datetime
import threading

import pytest
import time_machine
from django.db import connection

from crisis.models import Aanmelding, CrisisContract, Inzet
from kern.models import Voorziening
from tests.conftest import aanbieder_persona

from .helpers import AANMELDINGEN, referral

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


def nieuwe(api, user, **kw):
    r = api(user).post(AANMELDINGEN, referral(**kw), format="json")
    assert r.status_code == 201, r.json()
    return r.json()["id"]


def verdeel(api, user, pk, **data):
    return api(user).post(f"{AANMELDINGEN}{pk}/verdelen/", data, format="json")


@time_machine.travel(NU, tick=False)
def test_verdelen_is_eerlijk_over_een_maand(api, ccp):
    toegewezen = [verdeel(api, ccp, nieuwe(api, ccp)).json()["aanbieder"]["code"] for _ in range(8)]
    # Equal shares, ties by name: 's Heeren Loo, Intermetzo, Triade, Vitree, twice round.
    assert toegewezen == ["sheerenloo", "intermetzo", "triade", "vitree"] * 2


@time_machine.travel(NU, tick=False)
def test_gecontracteerd_aandeel_telt_naar_rato(api, ccp):
    CrisisContract.objects.filter(aanbieder_id="triade", gemeente_id="almere").update(aandeel=3)
    toegewezen = [verdeel(api, ccp, nieuwe(api, ccp)).json()["aanbieder"]["code"] for _ in range(6)]
    assert toegewezen.count("triade") == 3


def test_vorige_maand_telt_niet_mee(api, ccp):
    with time_machine.travel(datetime.datetime(2026, 10, 30, 10, 0, tzinfo=datetime.UTC), tick=False):
        for _ in range(3):
            verdeel(api, ccp, nieuwe(api, ccp))
    with time_machine.travel(datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC), tick=False):
        assert verdeel(api, ccp, nieuwe(api, ccp)).json()["aanbieder"]["code"] == "sheerenloo"


@time_machine.travel(NU, tick=False)
def test_weigering_gaat_door_naar_de_volgende_en_telt_per_reden(api, ccp):
    pk = nieuwe(api, ccp)
    assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
    heerenloo = aanbieder_persona("sheerenloo")
    r = api(heerenloo).post(f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "geen_capaciteit"}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["reden"] == "geen_capaciteit"
    assert r.json()["doorgezet_naar"]["aanbieder"]["code"] == "intermetzo"
    # The provider that declined cannot decline again, nor get it back.
    # It no longer needs to know the referral: 404, as for any record it may not see.
    assert api(heerenloo).post(f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "anders"}, format="json").status_code == 404


@time_machine.travel(NU, tick=False)
def test_weigeren_zonder_reden_of_door_een_ander_mag_niet(api, ccp):
    pk = nieuwe(api, ccp)
    verdeel(api, ccp, pk)
    heerenloo, triade = aanbieder_persona("sheerenloo"), aanbieder_persona("triade")
    assert api(heerenloo).post(f"{AANMELDINGEN}{pk}/weigeren/", {}, format="json").status_code == 400
    # Triade was not assigned: the referral does not exist for it.
    assert api(triade).post(f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "anders"}, format="json").status_code == 404
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "anders"}, format="json").status_code == 403


@time_machine.travel(NU, tick=False)
def test_tweemaal_verdelen_is_409_en_overrulen_vraagt_een_reden(api, ccp):
    pk = nieuwe(api, ccp)
    assert verdeel(api, ccp, pk).status_code == 201
    assert verdeel(api, ccp, pk).status_code == 409
    pk2 = nieuwe(api, ccp)
    assert verdeel(api, ccp, pk2, aanbieder="vitree").json() == {
        "reden": ["Geef een reden op waarom u van de verdeelregel afwijkt."]
    }
    r = verdeel(api, ccp, pk2, aanbieder="vitree", reden="Jeugdige kent de hulpverlener al")
    assert r.status_code == 201 and r.json()["aanbieder"] == {"code": "vitree", "naam": "Vitree"}


def _bed(type_code):
    return Voorziening.objects.get(type_id=type_code)


def _ambulant(api, ccp, pk):
    r = api(ccp).post(f"{AANMELDINGEN}{pk}/inzet/", {"hulpvorm": "ambulant", "startdatum": "2026-11-23"}, format="json")
    assert r.status_code == 201, r.json()
    return r.json()["id"]


def _verblijf(api, ccp, pk, voorziening, ambulant_door, hulpvorm="crisisbed"):
    return api(ccp).post(
        f"{AANMELDINGEN}{pk}/inzet/",
        {
            "hulpvorm": hulpvorm,
            "voorziening": voorziening.pk,
            "startdatum": "2026-11-23",
            "ambulant_door": ambulant_door,
        },
        format="json",
    )


@time_machine.travel(NU, tick=False)
def test_verblijf_zonder_ambulante_hulp_is_400(api, ccp):
    pk = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2012-01-01")
    r = _verblijf(api, ccp, pk, _bed("crisisgroep_12plus"), None)
    assert r.status_code == 400 and "ambulant_door" in r.json()
    assert _verblijf(api, ccp, pk, _bed("crisisgroep_12plus"), _ambulant(api, ccp, pk)).status_code == 201


@time_machine.travel(NU, tick=False)
def test_lokaal_team_telt_als_ambulante_hulp(api, ccp):
    pk = nieuwe(api, ccp, gemeente="lelystad", hulpvraag="verblijf", geboortedatum="2012-01-01")
    assert _verblijf(api, ccp, pk, _bed("crisisgroep_12plus"), "lokaal_team").status_code == 201


@time_machine.travel(NU, tick=False)
def test_verkeerde_leeftijdsgroep_is_400(api, ccp):
    pk = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2016-01-01")  # 10 years old
    r = _verblijf(api, ccp, pk, _bed("crisisgroep_12plus"), "lokaal_team")
    assert r.status_code == 400 and "voorziening" in r.json()
    assert _verblijf(api, ccp, pk, _bed("crisisgroep_12min"), "lokaal_team").status_code == 201


@time_machine.travel(NU, tick=False)
def test_volle_voorziening_is_409_en_het_bord_klopt(api, ccp):
    bed = _bed("crisisgroep_12plus")
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    eerste = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2012-01-01")
    tweede = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2011-01-01")
    assert _verblijf(api, ccp, eerste, bed, "lokaal_team").status_code == 201
    assert _verblijf(api, ccp, tweede, bed, "lokaal_team").status_code == 409
    bord = {v["id"]: v for v in api(ccp).get("/api/v1/crisis/beschikbaarheid/").json()}
    assert (bord[bed.pk]["capaciteit"], bord[bed.pk]["bezet"], bord[bed.pk]["vrij"]) == (1, 1, 0)
    assert bord[bed.pk]["leeftijdsgroep"] == "12+" and bord[bed.pk]["type"] == "crisisgroep_12plus"


@pytest.mark.django_db(transaction=True)
def test_twee_verzoeken_voor_de_laatste_plek(api, ccp):
    """Two real transactions race for the last place: one 201, one 409."""
    bed = _bed("crisisgroep_12plus")
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    ids = [nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2012-01-01") for _ in range(2)]
    start = threading.Barrier(2)
    codes = []

    def vraag(pk):
        try:
            start.wait()
            codes.append(_verblijf(api, ccp, pk, bed, "lokaal_team").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=vraag, args=(pk,)) for pk in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201, 409]
    assert Inzet.objects.filter(voorziening=bed).count() == 1


@time_machine.travel(NU, tick=False)
def test_afsluiten_met_vervolg_uit_de_juiste_lijst(api, ccp):
    pk = nieuwe(api, ccp)
    inzet = _ambulant(api, ccp, pk)
    url = f"/api/v1/crisis/inzet/{inzet}/afsluiten/"
    assert api(ccp).post(url, {"einddatum": "2026-11-22", "vervolg": "casusregie"}, format="json").status_code == 400
    assert (
        "vervolg"
        in api(ccp).post(url, {"einddatum": "2026-11-23", "vervolg": "naar_huis_zonder_hulp"}, format="json").json()
    )
    r = api(ccp).post(url, {"einddatum": "2026-11-23", "vervolg": "casusregie"}, format="json")
    assert r.status_code == 200 and r.json()["vervolg"] == "casusregie"
    assert api(ccp).post(url, {"einddatum": "2026-11-23", "vervolg": "casusregie"}, format="json").status_code == 409
    assert Aanmelding.objects.get(pk=pk).status == "afgesloten"


@time_machine.travel(NU, tick=False)
def test_een_aanbieder_die_weigerde_leest_de_aanmelding_en_de_toewijzingsketen_niet_meer(api, ccp):
    pk = nieuwe(api, ccp)
    assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
    heerenloo, intermetzo = aanbieder_persona("sheerenloo"), aanbieder_persona("intermetzo")
    assert api(heerenloo).get(f"{AANMELDINGEN}{pk}/").status_code == 200  # while assigned: need to know
    api(heerenloo).post(f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "geen_capaciteit"}, format="json")
    assert api(heerenloo).get(f"{AANMELDINGEN}{pk}/").status_code == 404
    assert api(heerenloo).get(AANMELDINGEN).json()["count"] == 0
    assert api(heerenloo).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json").status_code == 404
    # The next provider in the chain reads it.
    assert api(intermetzo).get(f"{AANMELDINGEN}{pk}/").status_code == 200


def test_een_aanbieder_leest_de_aanmelding_tot_de_nawerktermijn_na_het_einde_van_zijn_inzet(api, ccp):
    """Current need to know: a provider reads a referral while its assignment is open or accepted
    and its work runs, and for the region's after-care term (kern.Regioinstelling) after its
    deployment ended, to correct the end or follow-up; from the day after that term, 404."""
    from kern.models import Regioinstelling

    Regioinstelling.objects.update(inzage_na_einde_dagen=14)  # the one row of the data migration
    with time_machine.travel(NU, tick=False):
        pk = nieuwe(api, ccp)
        assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
        heerenloo = aanbieder_persona("sheerenloo")
        assert api(heerenloo).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json").status_code == 200
        assert api(heerenloo).get(f"{AANMELDINGEN}{pk}/").status_code == 200  # accepted, not started yet
        inzet = _ambulant(api, ccp, pk)
        afsluiten = {"einddatum": "2026-11-23", "vervolg": "casusregie"}
        assert api(ccp).post(f"/api/v1/crisis/inzet/{inzet}/afsluiten/", afsluiten, format="json").status_code == 200
    # The end date is the first day without the deployment; the term counts from there.
    laatste_dag = NU + datetime.timedelta(days=13)
    with time_machine.travel(laatste_dag, tick=False):
        assert api(heerenloo).get(f"{AANMELDINGEN}{pk}/").status_code == 200
        assert api(heerenloo).get(AANMELDINGEN).json()["count"] == 1
    with time_machine.travel(laatste_dag + datetime.timedelta(days=1), tick=False):
        assert api(heerenloo).get(f"{AANMELDINGEN}{pk}/").status_code == 404
        assert api(heerenloo).get(AANMELDINGEN).json()["count"] == 0
        correctie = {"reden": "typfout", "vervolg": "naar_huis_met_hulp"}
        assert (
            api(heerenloo).post(f"/api/v1/crisis/inzet/{inzet}/correctie/", correctie, format="json").status_code == 404
        )
        assert api(ccp).get(f"{AANMELDINGEN}{pk}/").status_code == 200  # the CCP keeps its file


@time_machine.travel(NU, tick=False)
def test_een_geaccepteerde_aanmelding_die_zonder_inzet_sluit_is_voor_de_aanbieder_voorbij(api, ccp):
    pk = nieuwe(api, ccp)
    verdeel(api, ccp, pk)
    heerenloo = aanbieder_persona("sheerenloo")
    api(heerenloo).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json")
    Aanmelding.objects.filter(pk=pk).update(status="afgesloten")
    assert api(heerenloo).get(f"{AANMELDINGEN}{pk}/").status_code == 404
