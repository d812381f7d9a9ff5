import datetime

import pytest
import time_machine

from audit.models import AuditRegel
from crisis.models import Aanmelding

from .helpers import AANMELDINGEN, referral

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_aanmelding_tijdens_kantoortijd(api, ccp):
    r = api(ccp).post(AANMELDINGEN, referral(), format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["loket_open"] is True
    assert body["leeftijdsgroep"] == "12-"
    assert body["behandelen_voor"].startswith("2026-11-23T11:00:00+01:00")
    assert isinstance(body["id"], int)


@time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_twaalfde_verjaardag_op_de_dag_van_aanmelding(api, ccp):
    assert (
        api(ccp).post(AANMELDINGEN, referral(geboortedatum="2014-11-23"), format="json").json()["leeftijdsgroep"]
        == "12+"
    )
    assert (
        api(ccp).post(AANMELDINGEN, referral(geboortedatum="2014-11-24"), format="json").json()["leeftijdsgroep"]
        == "12-"
    )


@time_machine.travel(datetime.datetime(2026, 11, 20, 16, 0, tzinfo=datetime.UTC), tick=False)  # Friday 17:00 local
def test_vrijdag_1700_wordt_maandag(api, ccp):
    body = api(ccp).post(AANMELDINGEN, referral(), format="json").json()
    assert body["loket_open"] is False
    assert body["behandelen_voor"] == "2026-11-23T09:00:00+01:00"


@time_machine.travel(
    datetime.datetime(2026, 4, 4, 12, 0, tzinfo=datetime.UTC), tick=False
)  # Saturday before Easter Monday
def test_zaterdag_voor_tweede_paasdag(api, ccp):
    body = api(ccp).post(AANMELDINGEN, referral(), format="json").json()
    assert body["loket_open"] is False
    assert body["behandelen_voor"] == "2026-04-07T09:00:00+02:00"


def test_gemeente_zonder_loket_krijgt_400_met_eigen_lokale_team(api, ccp):
    r = api(ccp).post(AANMELDINGEN, referral(gemeente="lelystad"), format="json")
    assert r.status_code == 400
    assert "Jeugd Lelystad" in r.json()["hulpvraag"][0]
    assert not Aanmelding.objects.exists()


def test_verblijf_kan_voor_alle_zes(api, ccp):
    for g in ("almere", "dronten", "lelystad", "noordoostpolder", "urk", "zeewolde"):
        assert api(ccp).post(AANMELDINGEN, referral(gemeente=g, hulpvraag="verblijf"), format="json").status_code == 201


def test_buiten_regio_wordt_geregistreerd_en_gesloten(api, ccp):
    r = api(ccp).post(AANMELDINGEN, referral(gemeente="buiten_regio"), format="json")
    assert r.status_code == 201
    assert r.json()["status"] == "afgesloten"
    assert r.json()["reden_geen"] == "buiten_regio"


@pytest.mark.parametrize(
    "wijziging, veld",
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"geboortedatum": "2012-13-01"}, "geboortedatum"),
        ({"geboortedatum": "2099-01-01"}, "geboortedatum"),
        ({"gemeente": "amsterdam"}, "gemeente"),
    ],
)
def test_onjuiste_jeugdige_geeft_400_met_veldnaam_in_het_nederlands(api, ccp, wijziging, veld):
    r = api(ccp).post(AANMELDINGEN, referral(**wijziging), format="json")
    assert r.status_code == 400
    melding = r.json()["jeugdige"][veld][0]
    assert any(w in melding.lower() for w in ("geldig", "toekomst", "bestaat", "datum", "ongeldig", "elfproef")), (
        melding
    )


def test_geldig_bsn_wordt_opgeslagen_en_hergebruikt(api, ccp):
    api(ccp).post(AANMELDINGEN, referral(bsn="111222333"), format="json")
    api(ccp).post(AANMELDINGEN, referral(bsn="111222333", hulpvraag="verblijf"), format="json")
    assert Aanmelding.objects.values("jeugdige").distinct().count() == 1


def test_ongeldige_hulpvraag_en_kapotte_json(api, ccp):
    assert api(ccp).post(AANMELDINGEN, referral(hulpvraag="thuis"), format="json").json()["hulpvraag"]
    r = api(ccp).post(AANMELDINGEN, "{kapot", content_type="application/json")
    assert r.status_code == 400


def test_toegang_meldt_alleen_eigen_gemeente_aan(api, toegang_almere):
    assert api(toegang_almere).post(AANMELDINGEN, referral(gemeente="almere"), format="json").status_code == 201
    assert api(toegang_almere).post(AANMELDINGEN, referral(gemeente="dronten"), format="json").status_code == 403


def test_aanmelden_wordt_gelogd_zonder_naam(api, ccp):
    r = api(ccp).post(AANMELDINGEN, referral(), format="json")
    regel = AuditRegel.objects.get(actie="aanmaken", onderwerp="crisis.aanmelding")
    assert regel.jeugdige_id == r.json()["jeugdige"]["id"]
    assert regel.gebruikersnaam == "ccp-coordinator"
    assert regel.kanaal == "api"
