"""#12.5: the referral has an order — one life cycle, one queue, a red deadline, fair offers and
a response term for providers."""

import datetime
import re

import pytest
import time_machine

from crisis import regels
from crisis.models import Aanmelding, Toewijzing
from kern import kalender
from kern.models import Regioinstelling
from tests.conftest import aanbieder_persona

from .helpers import AANMELDINGEN
from .test_verdelen_en_inzet import _ambulant, _bed, _verblijf, nieuwe, verdeel

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)  # Monday 11:00 in Amsterdam
AMS = kalender.TZ


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _status(pk):
    return Aanmelding.objects.get(pk=pk).status


# --- the life cycle in the services (409 on an illegal step) --------------------------------


@time_machine.travel(NU, tick=False)
def test_triage_na_inzet_is_een_illegale_stap(api, ccp):
    pk = nieuwe(api, ccp)
    _ambulant(api, ccp, pk)
    r = api(ccp).post(f"{AANMELDINGEN}{pk}/triage/", {"ernst": "hoog"}, format="json")
    assert r.status_code == 409
    assert _status(pk) == "in_zorg"


@time_machine.travel(NU, tick=False)
def test_verdelen_na_ambulante_inzet_is_een_illegale_stap(api, ccp):
    pk = nieuwe(api, ccp)
    _ambulant(api, ccp, pk)
    assert verdeel(api, ccp, pk).status_code == 409
    assert not Toewijzing.objects.filter(aanmelding_id=pk).exists()


@time_machine.travel(NU, tick=False)
def test_geen_inzet_na_afsluiten_en_inzet_na_geen_inzet_zijn_409(api, ccp):
    pk = nieuwe(api, ccp)
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/geen-inzet/", {"reden": "ingetrokken"}, format="json").status_code == 200
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/geen-inzet/", {"reden": "ingetrokken"}, format="json").status_code == 409
    r = api(ccp).post(f"{AANMELDINGEN}{pk}/inzet/", {"hulpvorm": "ambulant", "startdatum": "2026-11-23"}, format="json")
    assert r.status_code == 409
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/triage/", {"ernst": "hoog"}, format="json").status_code == 409


@time_machine.travel(NU, tick=False)
def test_de_stappen_van_nieuw_tot_afgesloten_met_verblijf_na_ambulante_hulp(api, ccp):
    """The contract's flow keeps working: triage, distribute, accept, ambulant help, then a stay
    with that ambulant help on the same referral; it closes when the last deployment ends."""
    pk = nieuwe(api, ccp, geboortedatum="2012-01-01")
    assert _status(pk) == "nieuw"
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/triage/", {"ernst": "hoog"}, format="json").status_code == 200
    assert _status(pk) == "getrieerd"
    code = verdeel(api, ccp, pk).json()["aanbieder"]["code"]
    assert _status(pk) == "verdeeld"
    assert api(aanbieder_persona(code)).post(f"{AANMELDINGEN}{pk}/accepteren/").status_code == 200
    ambulant = _ambulant(api, ccp, pk)
    assert _status(pk) == "in_zorg"
    r = _verblijf(api, ccp, pk, _bed("crisisgroep_12plus"), ambulant)
    assert r.status_code == 201, r.json()
    verblijf = r.json()["id"]
    for inzet, vervolg in ((verblijf, "naar_huis_met_hulp"), (ambulant, "casusregie")):
        assert _status(pk) == "in_zorg"
        r = api(ccp).post(
            f"/api/v1/crisis/inzet/{inzet}/afsluiten/", {"einddatum": "2026-11-23", "vervolg": vervolg}, format="json"
        )
        assert r.status_code == 200, r.json()
    assert _status(pk) == "afgesloten"


@time_machine.travel(NU, tick=False)
def test_de_api_mag_direct_verdelen_en_inzetten_zoals_het_contract_zegt(api, ccp):
    assert verdeel(api, ccp, nieuwe(api, ccp)).status_code == 201
    pk = nieuwe(api, ccp, gemeente="lelystad", hulpvraag="verblijf", geboortedatum="2012-01-01")
    assert _verblijf(api, ccp, pk, _bed("crisisgroep_12plus"), "lokaal_team").status_code == 201


@time_machine.travel(NU, tick=False)
def test_als_alle_aanbieders_weigeren_gaat_de_aanmelding_terug_naar_het_ccp(api, ccp):
    pk = nieuwe(api, ccp)
    api(ccp).post(f"{AANMELDINGEN}{pk}/triage/", {"ernst": "hoog"}, format="json")
    code = verdeel(api, ccp, pk).json()["aanbieder"]["code"]
    for _ in range(4):
        r = api(aanbieder_persona(code)).post(
            f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "geen_capaciteit"}, format="json"
        )
        assert r.status_code == 200, r.json()
        code = (r.json()["doorgezet_naar"] or {}).get("aanbieder", {}).get("code")
    assert code is None
    assert _status(pk) == "getrieerd"


def test_de_tabel_kent_elke_volgende_stap_als_legale_stap():
    for status, acties in regels.VOLGENDE_STAPPEN.items():
        for actie in acties:
            assert regels.volgende_status(status, actie) is not None, (status, actie)


# --- the page offers the next sensible steps; the triage form remembers ----------------------


@time_machine.travel(NU, tick=False)
def test_een_nieuwe_aanmelding_biedt_alleen_triage_aan(api, ccp, client):
    pk = nieuwe(api, ccp)
    client.force_login(ccp)
    html = client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
    assert 'value="triage"' in html
    for actie in ("verdelen", "inzet", "geen_inzet"):
        assert f'name="actie" value="{actie}"' not in html, actie
    api(ccp).post(f"{AANMELDINGEN}{pk}/triage/", {"ernst": "hoog"}, format="json")
    html = client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
    for actie in ("verdelen", "inzet", "geen_inzet"):
        assert f'name="actie" value="{actie}"' in html, actie


@time_machine.travel(NU, tick=False)
def test_een_afgesloten_aanmelding_biedt_geen_stappen_meer(api, ccp, client):
    pk = nieuwe(api, ccp)
    api(ccp).post(f"{AANMELDINGEN}{pk}/geen-inzet/", {"reden": "ingetrokken"}, format="json")
    client.force_login(ccp)
    html = client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
    assert not re.search(r'name="actie" value="(triage|verdelen|inzet|geen_inzet)"', html)


@time_machine.travel(NU, tick=False)
def test_triageformulier_onthoudt_wie_geconsulteerd_is_en_kiest_geen_ernst_vooraf(api, ccp, client):
    pk = nieuwe(api, ccp)
    client.force_login(ccp)
    html = client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
    assert '<option value="" selected>' in html, "geen ernst vooraf gekozen"
    assert not re.search(r'<option value="acuut" selected', html)
    client.post(
        f"/crisis/aanmeldingen/{pk}/",
        {"actie": "triage", "ernst": "hoog", "geconsulteerd": ["ggz_centraal", "veilig_thuis"]},
    )
    html = client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
    aangevinkt = set(re.findall(r'<input type="checkbox" name="geconsulteerd" value="(\w+)"[^>]*checked', html))
    assert aangevinkt == {"ggz_centraal", "veilig_thuis"}
    assert re.search(r'<option value="hoog" selected', html)
    # Saving the triage again without touching the boxes keeps them.
    client.post(
        f"/crisis/aanmeldingen/{pk}/",
        {"actie": "triage", "ernst": "acuut", "geconsulteerd": sorted(aangevinkt)},
    )
    a = Aanmelding.objects.get(pk=pk)
    assert a.ernst == "acuut" and set(a.geconsulteerd.values_list("code", flat=True)) == aangevinkt


@time_machine.travel(NU, tick=False)
def test_triage_zonder_ernst_wordt_niet_opgeslagen(api, ccp, client):
    pk = nieuwe(api, ccp)
    client.force_login(ccp)
    client.post(f"/crisis/aanmeldingen/{pk}/", {"actie": "triage", "aard": "ruzie"})
    assert _status(pk) == "nieuw"


# --- one queue per referral on the day overview ---------------------------------------------


@time_machine.travel(NU, tick=False)
def test_een_aanmelding_staat_in_precies_een_wachtrij(api, ccp, client):
    verdeeld_zonder_triage = nieuwe(api, ccp)
    verdeel(api, ccp, verdeeld_zonder_triage)
    getrieerd = nieuwe(api, ccp)
    api(ccp).post(f"{AANMELDINGEN}{getrieerd}/triage/", {"ernst": "hoog"}, format="json")
    nieuw = nieuwe(api, ccp)
    client.force_login(ccp)
    html = client.get("/crisis/").content.decode()
    for pk in (verdeeld_zonder_triage, getrieerd, nieuw):
        nummer = Aanmelding.objects.get(pk=pk).registratienummer
        assert html.count(f">{nummer}</a>") == 1, nummer


# --- 'behandelen vóór' turns red when passed ------------------------------------------------


def test_behandelen_voor_wordt_rood_als_het_verstreken_is(api, ccp, client):
    vrijdagavond = datetime.datetime(2026, 11, 20, 18, 0, tzinfo=AMS)
    with time_machine.travel(vrijdagavond, tick=False):
        pk = nieuwe(api, ccp)
    nummer = Aanmelding.objects.get(pk=pk).registratienummer
    assert Aanmelding.objects.get(pk=pk).behandelen_voor == datetime.datetime(2026, 11, 23, 9, 0, tzinfo=AMS)
    client.force_login(ccp)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 8, 59, tzinfo=AMS), tick=False):
        rij = _rij(client.get("/crisis/").content.decode(), nummer)
        assert "Verlopen" not in rij
        assert "Verlopen" not in client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 1, tzinfo=AMS), tick=False):
        rij = _rij(client.get("/crisis/").content.decode(), nummer)
        assert 'class="label label--fout">Verlopen' in rij
        assert 'label--fout">Verlopen' in client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()


def _rij(html: str, nummer: str) -> str:
    return next(r for r in html.split("<tr>") if nummer in r)


def test_behandelen_status_op_de_minuut():
    grens = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=AMS)
    assert regels.behandelen_status(grens, None, grens) == "bijna"
    assert regels.behandelen_status(grens, None, grens + datetime.timedelta(minutes=1)) == "verlopen"
    assert regels.behandelen_status(grens, grens - datetime.timedelta(hours=1), grens) == "op_tijd"
    assert regels.behandelen_status(grens, None, grens - datetime.timedelta(hours=3)) == "open"


# --- fairness counts declines; the providers' response term ---------------------------------


@time_machine.travel(NU, tick=False)
def test_een_weigering_telt_als_aanbod_bij_het_eerlijk_verdelen(api, ccp):
    assert [verdeel(api, ccp, nieuwe(api, ccp)).json()["aanbieder"]["code"] for _ in range(2)] == [
        "sheerenloo",
        "intermetzo",
    ]
    derde = nieuwe(api, ccp)
    assert verdeel(api, ccp, derde).json()["aanbieder"]["code"] == "triade"
    r = api(aanbieder_persona("triade")).post(f"{AANMELDINGEN}{derde}/weigeren/", {"reden": "anders"}, format="json")
    assert r.json()["doorgezet_naar"]["aanbieder"]["code"] == "vitree"
    # Every provider has had one offer now: the next goes by name, not back to Triade.
    assert verdeel(api, ccp, nieuwe(api, ccp)).json()["aanbieder"]["code"] == "sheerenloo"


@time_machine.travel(NU, tick=False)
def test_wie_steeds_weigert_krijgt_niet_steeds_de_volgende(api, ccp):
    triade = aanbieder_persona("triade")
    eerst_triade = 0
    for _ in range(6):
        pk = nieuwe(api, ccp)
        toewijzing = verdeel(api, ccp, pk).json()
        if toewijzing["aanbieder"]["code"] == "triade":
            eerst_triade += 1
            api(triade).post(f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "anders"}, format="json")
    assert eerst_triade <= 2


def test_reactietermijn_van_twee_werkuren_telt_alleen_kantooruren():
    def later(*moment):
        return kalender.werkuren_later(datetime.datetime(*moment, tzinfo=AMS), 2, set())

    assert later(2026, 11, 23, 10, 0) == datetime.datetime(2026, 11, 23, 12, 0, tzinfo=AMS)
    # Friday 16:00 → one hour on Friday, one on Monday.
    assert later(2026, 11, 20, 16, 0) == datetime.datetime(2026, 11, 23, 10, 0, tzinfo=AMS)
    # Assigned on Saturday: the term starts Monday 09:00.
    assert later(2026, 11, 21, 12, 0) == datetime.datetime(2026, 11, 23, 11, 0, tzinfo=AMS)
    # Christmas Eve 16:30 → Christmas and Boxing Day are closed, the weekend too: Monday 28-12 10:30.
    assert later(2026, 12, 24, 16, 30) == datetime.datetime(2026, 12, 28, 10, 30, tzinfo=AMS)
    # Exactly at closing time.
    assert later(2026, 11, 23, 15, 0) == datetime.datetime(2026, 11, 23, 17, 0, tzinfo=AMS)


def test_het_ccp_ziet_een_toewijzing_zonder_reactie_na_de_termijn(api, ccp, client):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 16, 0, tzinfo=AMS), tick=False):
        pk = nieuwe(api, ccp)
        verdeel(api, ccp, pk)
    nummer = Aanmelding.objects.get(pk=pk).registratienummer
    client.force_login(ccp)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 59, tzinfo=AMS), tick=False):
        assert "Geen reactie binnen de termijn" not in _rij(client.get("/crisis/").content.decode(), nummer)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 1, tzinfo=AMS), tick=False):
        assert "Geen reactie binnen de termijn" in _rij(client.get("/crisis/").content.decode(), nummer)
        # The region's setting decides the term.
        Regioinstelling.objects.update(reactietermijn_werkuren=4)  # the one row of kern 0009
        assert "Geen reactie binnen de termijn" not in _rij(client.get("/crisis/").content.decode(), nummer)


# --- existing referrals get their state from their data -------------------------------------


@time_machine.travel(NU, tick=False)
def test_bestaande_aanmeldingen_krijgen_hun_status_uit_hun_gegevens(api, ccp):
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("crisis.migrations.0005_status_uit_gegevens")
    verdeeld = nieuwe(api, ccp)
    verdeel(api, ccp, verdeeld)
    getrieerd = nieuwe(api, ccp)
    api(ccp).post(f"{AANMELDINGEN}{getrieerd}/triage/", {"ernst": "hoog"}, format="json")
    lopend = nieuwe(api, ccp)
    _ambulant(api, ccp, lopend)
    geen = nieuwe(api, ccp)
    api(ccp).post(f"{AANMELDINGEN}{geen}/geen-inzet/", {"reden": "ingetrokken"}, format="json")
    nieuw = nieuwe(api, ccp)
    verwacht = {verdeeld: "verdeeld", getrieerd: "getrieerd", lopend: "in_zorg", geen: "afgesloten", nieuw: "nieuw"}
    # As the old code left them: distributed referrals stayed 'nieuw', deployments 'in_zorg'.
    Aanmelding.objects.filter(pk=verdeeld).update(status="nieuw")
    migratie.status_uit_gegevens(apps, None)
    assert {pk: _status(pk) for pk in verwacht} == verwacht
