"""#12.6: corrections, never silent — the role that registered a fact corrects it with a reason,
the earlier value stays in the record's history, the audit trail records it, figures follow."""

import datetime

import pytest
import time_machine

from audit.models import AuditRegel
from crisis.models import Inzet
from kern.models import Voorziening
from tests.conftest import aanbieder_persona

from .helpers import AANMELDINGEN
from .test_verdelen_en_inzet import _bed, nieuwe

pytestmark = pytest.mark.django_db

SEPT = datetime.datetime(2026, 9, 14, 10, 0, tzinfo=datetime.UTC)
NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
RAPPORT = "/api/v1/rapportage/ccp/2026-Q3/"


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _inzet(api, ccp, pk, **data):
    r = api(ccp).post(f"{AANMELDINGEN}{pk}/inzet/", data, format="json")
    assert r.status_code == 201, r.json()
    return r.json()["id"]


def _afsluiten(api, user, inzet, einddatum, vervolg):
    r = api(user).post(
        f"/api/v1/crisis/inzet/{inzet}/afsluiten/", {"einddatum": einddatum, "vervolg": vervolg}, format="json"
    )
    assert r.status_code == 200, r.json()


def _corrigeer(api, user, inzet, **data):
    return api(user).post(f"/api/v1/crisis/inzet/{inzet}/correctie/", data, format="json")


def test_een_correctie_bewaart_de_oude_waarde_en_verandert_de_cijfers(api, ccp, client):
    with time_machine.travel(SEPT, tick=False):
        pk = nieuwe(api, ccp)
        inzet = _inzet(api, ccp, pk, hulpvorm="ambulant", startdatum="2026-09-14")
    with time_machine.travel(datetime.datetime(2026, 9, 28, 16, tzinfo=datetime.UTC), tick=False):
        _afsluiten(api, ccp, inzet, "2026-09-28", "casusregie")  # an end is registered once it has happened
    with time_machine.travel(NU, tick=False):
        voor = api(ccp).get(RAPPORT).json()["vervolg_ambulant"]["12-"]
        assert (voor["casusregie"], voor["behandeladvies"]) == (1, 0)

        r = _corrigeer(api, ccp, inzet, vervolg="behandeladvies", reden="Verkeerde code gekozen bij afsluiten")
        assert r.status_code == 200, r.json()
        assert r.json()["vervolg"] == "behandeladvies"
        na = api(ccp).get(RAPPORT).json()["vervolg_ambulant"]["12-"]
        assert (na["casusregie"], na["behandeladvies"]) == (0, 1)

        # An end date corrected into the next quarter leaves this quarter's follow-up table.
        assert (
            _corrigeer(api, ccp, inzet, einddatum="2026-10-02", reden="Einddatum was verkeerd overgenomen").status_code
            == 200
        )
        assert api(ccp).get(RAPPORT).json()["vervolg_ambulant"]["12-"]["totaal"] == 0

        # The earlier values are kept, with who and why.
        versies = list(Inzet.history.filter(id=inzet).order_by("history_date", "history_id"))
        assert [v.vervolg_ambulant_id for v in versies][-3:] == ["casusregie", "behandeladvies", "behandeladvies"]
        assert [v.einddatum for v in versies][-2:] == [datetime.date(2026, 9, 28), datetime.date(2026, 10, 2)]
        assert versies[-1].history_change_reason == "Einddatum was verkeerd overgenomen"
        assert versies[-1].history_user == ccp
        assert AuditRegel.objects.filter(onderwerp="crisis.inzet.correctie", onderwerp_id=str(inzet)).count() == 2

        client.force_login(ccp)
        html = client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
        geschiedenis = html.split("Geschiedenis")[-1]
        assert "Verkeerde code gekozen bij afsluiten" in geschiedenis
        assert "casusregie" in geschiedenis and "behandeladvies" in geschiedenis
        assert "28-09-2026" in geschiedenis and "02-10-2026" in geschiedenis


@time_machine.travel(NU, tick=False)
def test_een_correctie_zonder_reden_is_400_en_verandert_niets(api, ccp):
    pk = nieuwe(api, ccp)
    inzet = _inzet(api, ccp, pk, hulpvorm="ambulant", startdatum="2026-11-23")
    for reden in (None, "", "   "):
        data = {"startdatum": "2026-11-20"} | ({} if reden is None else {"reden": reden})
        r = _corrigeer(api, ccp, inzet, **data)
        assert r.status_code == 400 and "reden" in r.json(), r.json()
    assert Inzet.objects.get(pk=inzet).startdatum == datetime.date(2026, 11, 23)
    assert not AuditRegel.objects.filter(onderwerp="crisis.inzet.correctie").exists()
    # Nothing changed is not a correction either.
    assert _corrigeer(api, ccp, inzet, startdatum="2026-11-23", reden="x").status_code == 400


@time_machine.travel(NU, tick=False)
def test_onmogelijke_datums_worden_geweigerd(api, ccp):
    pk = nieuwe(api, ccp, geboortedatum="2016-05-01")
    inzet = _inzet(api, ccp, pk, hulpvorm="ambulant", startdatum="2026-11-20")
    assert "startdatum" in _corrigeer(api, ccp, inzet, startdatum="2026-11-24", reden="x").json()  # future
    assert "startdatum" in _corrigeer(api, ccp, inzet, startdatum="2016-04-30", reden="x").json()  # before birth
    assert "startdatum" in _corrigeer(api, ccp, inzet, startdatum="1900-01-01", reden="x").json()
    # A running deployment's end is set by closing it, not by a correction.
    assert _corrigeer(api, ccp, inzet, einddatum="2026-11-22", reden="x").status_code == 409
    _afsluiten(api, ccp, inzet, "2026-11-22", "casusregie")
    r = _corrigeer(api, ccp, inzet, einddatum="2026-11-19", reden="x")
    assert r.status_code == 400 and "einddatum" in r.json()
    assert "vervolg" in _corrigeer(api, ccp, inzet, vervolg="naar_huis_zonder_hulp", reden="x").json()


@time_machine.travel(NU, tick=False)
def test_wie_het_feit_niet_vastlegde_corrigeert_het_niet(api, ccp, toegang_almere):
    pk = nieuwe(api, ccp)
    api(ccp).post(f"{AANMELDINGEN}{pk}/verdelen/", {}, format="json")
    heerenloo = aanbieder_persona("sheerenloo")
    api(heerenloo).post(f"{AANMELDINGEN}{pk}/accepteren/")
    inzet = _inzet(api, ccp, pk, hulpvorm="ambulant", startdatum="2026-11-20")
    _afsluiten(api, heerenloo, inzet, "2026-11-22", "casusregie")
    assert _corrigeer(api, toegang_almere, inzet, einddatum="2026-11-21", reden="x").status_code == 403
    assert _corrigeer(api, aanbieder_persona("vitree"), inzet, einddatum="2026-11-21", reden="x").status_code == 404
    # The provider registered the end and follow-up, not the start.
    assert _corrigeer(api, heerenloo, inzet, startdatum="2026-11-19", reden="x").status_code == 403
    assert _corrigeer(api, heerenloo, inzet, einddatum="2026-11-21", reden="Typfout").status_code == 200


@time_machine.travel(NU, tick=False)
def test_een_gecorrigeerde_verblijfsdatum_houdt_zich_aan_de_capaciteit(api, ccp):
    bed = _bed("crisisgroep_12plus")
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    eerste = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2012-01-01")
    a = _inzet(
        api, ccp, eerste, hulpvorm="crisisbed", voorziening=bed.pk, startdatum="2026-11-01", ambulant_door="lokaal_team"
    )
    _afsluiten(api, ccp, a, "2026-11-10", "naar_huis_met_hulp")
    tweede = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2011-01-01")
    b = _inzet(
        api, ccp, tweede, hulpvorm="crisisbed", voorziening=bed.pk, startdatum="2026-11-15", ambulant_door="lokaal_team"
    )
    # On 9 November the only place was still taken; on 10 November it was free again.
    assert _corrigeer(api, ccp, b, startdatum="2026-11-09", reden="Eerder opgenomen").status_code == 409
    assert Inzet.objects.get(pk=b).startdatum == datetime.date(2026, 11, 15)
    assert _corrigeer(api, ccp, b, startdatum="2026-11-10", reden="Eerder opgenomen").status_code == 200
    # The first stay cannot be stretched over the second.
    assert _corrigeer(api, ccp, a, einddatum="2026-11-11", reden="Later vertrokken").status_code == 409


def test_een_gecorrigeerde_reden_geen_inzet_telt_in_de_cijfers(api, ccp):
    with time_machine.travel(SEPT, tick=False):
        pk = nieuwe(api, ccp)
        api(ccp).post(f"{AANMELDINGEN}{pk}/geen-inzet/", {"reden": "ingetrokken"}, format="json")
    with time_machine.travel(NU, tick=False):
        assert api(ccp).get(RAPPORT).json()["redenen_geen"]["ingetrokken"] == 1
        url = f"{AANMELDINGEN}{pk}/correctie/"
        assert "reden" in api(ccp).post(url, {"reden_geen": "alternatief"}, format="json").json()
        r = api(ccp).post(url, {"reden_geen": "alternatief", "reden": "Er was een alternatief"}, format="json")
        assert r.status_code == 200, r.json()
        redenen = api(ccp).get(RAPPORT).json()["redenen_geen"]
        assert (redenen["ingetrokken"], redenen["alternatief"]) == (0, 1)
        # A triage that was never done is not corrected.
        assert api(ccp).post(url, {"ernst": "hoog", "reden": "x"}, format="json").status_code == 409


@time_machine.travel(NU, tick=False)
def test_corrigeren_via_de_pagina(api, ccp, client):
    pk = nieuwe(api, ccp)
    inzet = _inzet(api, ccp, pk, hulpvorm="ambulant", startdatum="2026-11-23")
    client.force_login(ccp)
    url = f"/crisis/aanmeldingen/{pk}/"
    r = client.post(url, {"actie": f"corrigeer-{inzet}", f"corr{inzet}-startdatum": "2026-11-20"}, follow=True)
    assert "Niet opgeslagen" in r.content.decode()
    assert Inzet.objects.get(pk=inzet).startdatum == datetime.date(2026, 11, 23)
    r = client.post(
        url,
        {"actie": f"corrigeer-{inzet}", f"corr{inzet}-startdatum": "2026-11-20", f"corr{inzet}-reden": "Crisisdienst"},
        follow=True,
    )
    assert "Opgeslagen" in r.content.decode()
    assert Inzet.objects.get(pk=inzet).startdatum == datetime.date(2026, 11, 20)
    geschiedenis = r.content.decode().split("Geschiedenis")[-1]
    assert "23-11-2026" in geschiedenis and "20-11-2026" in geschiedenis and "Crisisdienst" in geschiedenis
    # The history is folded below the state and the next step, and says how much it holds.
    assert '<details class="geschiedenis"><summary>1 correctie bekijken</summary>' in geschiedenis


@time_machine.travel(NU, tick=False)
def test_een_gecorrigeerde_hulpvraag_volgt_de_loketregel(api, ccp):
    pk = nieuwe(api, ccp, gemeente="lelystad", hulpvraag="verblijf", geboortedatum="2012-01-01")
    url = f"{AANMELDINGEN}{pk}/correctie/"
    r = api(ccp).post(url, {"hulpvraag": "ambulant", "reden": "Verkeerd aangeklikt"}, format="json")
    assert r.status_code == 400 and "lokale team" in r.json()["hulpvraag"][0]
    pk = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2012-01-01")
    r = api(ccp).post(f"{AANMELDINGEN}{pk}/correctie/", {"hulpvraag": "ambulant", "reden": "Verkeerd"}, format="json")
    assert r.status_code == 200 and r.json()["hulpvraag"] == "ambulant"


@time_machine.travel(NU, tick=False)
def test_een_correctie_naar_een_groep_van_de_verkeerde_leeftijd_is_400_zoals_een_nieuw_verblijf(api, ccp):
    """A correction takes its place by the same rule as a new stay: a 10-year-old cannot be moved
    into the 12+ group by correcting the facility (the reviewer's finding on #11.3)."""
    kiem, baken = _bed("crisisgroep_12min"), _bed("crisisgroep_12plus")
    pk = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2016-01-01")
    inzet = _inzet(
        api, ccp, pk, hulpvorm="crisisbed", voorziening=kiem.pk, startdatum="2026-11-20", ambulant_door="lokaal_team"
    )
    r = _corrigeer(api, ccp, inzet, voorziening=baken.pk, reden="Verkeerde groep gekozen")
    assert r.status_code == 400 and "voorziening" in r.json()
    assert Inzet.objects.get(pk=inzet).voorziening_id == kiem.pk
