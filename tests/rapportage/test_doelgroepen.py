"""#14.3: every audience gets its report — referral type and which alternative in the figures,
labels instead of codes, decimal commas, 'geen opnames', a warning on an empty quarter, and
CCP staff requesting and downloading the CCP report themselves."""

import datetime

import pytest
import time_machine

from kern.labels import getal, verschil
from rapportage.models import Rapport
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.crisis.test_verdelen_en_inzet import nieuwe
from tests.factories import persona

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
URL = "/api/v1/rapportage/ccp/2026-Q4/"


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings, tmp_path):
    settings.TWEESTAPS_VERPLICHT = False
    settings.MEDIA_ROOT = tmp_path


def _met_bron(api, user, bron):
    r = api(user).post(AANMELDINGEN, {**referral(), "bron": bron}, format="json")
    assert r.status_code == 201, r.json()
    return r.json()["id"]


def _geen(api, user, pk, **data):
    return api(user).post(f"{AANMELDINGEN}{pk}/geen-inzet/", data, format="json")


@time_machine.travel(NU, tick=False)
def test_type_verwijzing_en_welk_alternatief_met_de_hand_geteld(api, ccp, toegang_almere):
    # Two by telephone at the CCP, one by the 24-hour crisis service, two by the local team.
    telefoon = [_met_bron(api, ccp, "telefoon") for _ in range(2)]
    crisisdienst = _met_bron(api, ccp, "crisisdienst")
    toegang = [nieuwe(api, toegang_almere) for _ in range(2)]
    assert _geen(api, ccp, telefoon[0], reden="alternatief", alternatief="huisverbod").status_code == 200
    assert _geen(api, ccp, telefoon[1], reden="alternatief", alternatief="huisverbod").status_code == 200
    assert _geen(api, ccp, crisisdienst, reden="alternatief", alternatief="netwerk").status_code == 200
    assert _geen(api, ccp, toegang[0], reden="ingetrokken").status_code == 200
    c = api(persona("beleid", username="beleid")).get(URL).json()
    assert c["bron"] == {"toegang": 2, "telefoon": 2, "crisisdienst": 1, "gi": 0, "historisch": 0}
    assert sum(c["bron"].values()) == c["aanmeldingen"] == 5
    assert c["alternatieven"]["huisverbod"] == 2 and c["alternatieven"]["netwerk"] == 1
    assert sum(c["alternatieven"].values()) == c["redenen_geen"]["alternatief"] == 3
    # In the public variant the referral types add up to the total: none can be worked back.
    p = api(persona("beleid", username="beleid2")).get(URL + "?publiek=1").json()
    assert p["bron"]["crisisdienst"] == "<5" and p["aanmeldingen"] == 5
    assert sum(1 for v in p["bron"].values() if v in ("<5", "x")) >= 3


@time_machine.travel(NU, tick=False)
def test_alternatief_alleen_bij_alternatief_en_anders_met_toelichting(api, ccp):
    pk = nieuwe(api, ccp)
    r = _geen(api, ccp, pk, reden="ingetrokken", alternatief="huisverbod")
    assert r.status_code == 400 and "alternatief" in r.json()
    r = _geen(api, ccp, pk, reden="alternatief", alternatief="anders")
    assert r.status_code == 400 and "alternatief_toelichting" in r.json()
    r = _geen(api, ccp, pk, reden="alternatief", alternatief="bestaat_niet")
    assert r.status_code == 400 and "alternatief" in r.json()
    r = _geen(api, ccp, pk, reden="alternatief", alternatief="anders", alternatief_toelichting="Logeren bij oma")
    assert r.status_code == 200


@time_machine.travel(NU, tick=False)
def test_cijferpagina_spreekt_in_labels_met_komma_en_geen_opnames(client, ccp, api):
    pk = nieuwe(api, ccp, gemeente="noordoostpolder")
    _geen(api, ccp, pk, reden="buiten_regio")
    client.force_login(ccp)
    html = client.get("/crisis/cijfers/?kwartaal=2026-Q4").content.decode()
    assert "Noordoostpolder" in html and "Buiten regio: 1" in html and "Telefonisch bij het CCP: 1" in html
    assert "buiten_regio:" not in html and "uhp_pleegzorg" not in html and "begeleid_wonen" not in html
    assert "geen opnames" in html and "0 van 0" not in html
    assert "Geen gegevens over" not in html
    assert "Trend over de laatste acht kwartalen" in html
    leeg = client.get("/crisis/cijfers/?kwartaal=2024-Q1").content.decode()
    assert "Geen gegevens over 2024-Q1" in leeg


def test_decimale_komma_en_verschil():
    assert getal(21.25) in ("21,2", "21,3") and getal(None) == "–" and getal("<5") == "<5"
    assert verschil(23.1, 21.2) == "+1,9"
    assert verschil(3, 5) == "−2" and verschil(5, 5) == "0" and verschil("x", 4) == "–"


@time_machine.travel(NU, tick=False)
def test_ccp_vraagt_het_ccp_rapport_zelf_aan_en_downloadt_het(client, ccp, monkeypatch):
    monkeypatch.setattr("rapportage.services.transaction.on_commit", lambda fn, using=None, robust=False: fn())
    client.force_login(ccp)
    assert client.get("/rapportage/").status_code == 200
    r = client.post("/rapportage/", {"kwartaal": "2026-Q3", "gemeente": "", "publiek": ""})
    rapport = Rapport.objects.get()
    assert r.status_code == 302 and rapport.aangevraagd_door == ccp
    download = client.get(f"/rapportage/{rapport.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    # Another role still cannot: a role without the right to reports, so 403.
    client.force_login(persona("toegang", gemeente_id="almere", username="t-almere"))
    assert client.get(f"/rapportage/{rapport.pk}/download/").status_code == 403


def test_capaciteit_van_een_verleden_kwartaal_uit_de_meldingen(ccp):
    """The report of 2026-Q1 states the places confirmed then, not today's."""
    from kern.aggregaties import Kwartaal
    from kern.models import Voorziening
    from servicepunt.cijfers import servicepunt_cijfers
    from servicepunt.models import Capaciteitsmelding

    v = Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=True).first()
    soort = v.type_id
    with time_machine.travel(datetime.datetime(2026, 2, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        Capaciteitsmelding.objects.create(voorziening=v, capaciteit=v.capaciteit + 7, bezet=0)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC), tick=False):
        Capaciteitsmelding.objects.create(voorziening=v, capaciteit=v.capaciteit, bezet=0)  # back to today's
    with time_machine.travel(NU, tick=False):
        vandaag = servicepunt_cijfers(Kwartaal(2026, 4))["capaciteit"][soort]["capaciteit"]
        toen = servicepunt_cijfers(Kwartaal(2026, 1))["capaciteit"][soort]["capaciteit"]
        voor = servicepunt_cijfers(Kwartaal(2025, 4))["capaciteit"][soort]["capaciteit"]
    assert toen == vandaag + 7  # the confirmation of February counts for Q1's reference date
    assert vandaag == voor == v.capaciteit  # before any confirmation: today's places
