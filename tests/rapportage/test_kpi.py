"""#14.2: the headline KPI on its real basis — trajectories with a stay ÷ all youth-care
trajectories of the municipality in the quarter (entered or imported by policy staff)."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditRegel
from kern.aggregaties import Kwartaal
from perspectiefregie.models import Traject
from rapportage import services
from rapportage.geheimhouding import publiek
from rapportage.kpi import trend, verblijf_aandeel
from rapportage.models import JeugdzorgTrajecten
from tests.factories import JeugdigeFactory, persona

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
Q3 = Kwartaal(2026, 3)
ZES = ["almere", "dronten", "lelystad", "noordoostpolder", "urk", "zeewolde"]


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _traject(gemeente, start, eind=None, bron="crisis"):
    j = JeugdigeFactory(gemeente_id=gemeente)
    return Traject.objects.create(jeugdige=j, gemeente_id=gemeente, bron=bron, startdatum=start, einddatum=eind)


def _noemers(aantallen: dict, kwartaal="2026-Q3"):
    for g, n in aantallen.items():
        JeugdzorgTrajecten.objects.create(gemeente_id=g, kwartaal=kwartaal, aantal=n)


@time_machine.travel(NU, tick=False)
def test_kpi_met_de_hand_geteld():
    d = datetime.date
    # Almere: 3 trajectories ran in Q3 — one started in Q2 and ended in Q3, one crisis stay
    # followed by a placement in the SAME trajectory (counts once), one still open.
    _traject("almere", d(2026, 5, 1), d(2026, 7, 3))
    _traject("almere", d(2026, 8, 1), None, bron="plaatsing")
    _traject("almere", d(2026, 9, 30), None)
    _traject("almere", d(2026, 6, 1), d(2026, 6, 30))  # ended in Q2: not in Q3
    _traject("almere", d(2026, 10, 1), None)  # started in Q4: not in Q3
    # Urk: 1 trajectory.
    _traject("urk", d(2026, 7, 15), d(2026, 7, 20))
    _noemers({"almere": 200, "dronten": 40, "lelystad": 150, "noordoostpolder": 60, "urk": 25, "zeewolde": 25})
    k = verblijf_aandeel(Q3)
    assert k["per_gemeente"]["almere"] == {"met_verblijf": 3, "jeugdzorgtrajecten": 200, "percentage": 1.5}
    assert k["per_gemeente"]["urk"] == {"met_verblijf": 1, "jeugdzorgtrajecten": 25, "percentage": 4.0}
    assert k["per_gemeente"]["dronten"]["percentage"] == 0.0
    # Region: 4 of 500.
    assert k["regio"] == {"met_verblijf": 4, "jeugdzorgtrajecten": 500, "percentage": 0.8}
    assert k["noemer_ontbreekt"] == []
    # Without Zeewolde's denominator the region has no figure (not a misleading partial one).
    JeugdzorgTrajecten.objects.filter(gemeente_id="zeewolde").delete()
    k = verblijf_aandeel(Q3)
    assert k["regio"]["percentage"] is None and k["noemer_ontbreekt"] == ["zeewolde"]
    # Eight quarters, oldest first, ending with this one.
    reeks = trend(Q3)
    assert [t["kwartaal"] for t in reeks] == [
        "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"
    ]  # fmt: skip
    assert reeks[-2]["per_gemeente"]["almere"]["met_verblijf"] == 2  # Q2: the May and June ones
    # The public variant hides Urk's single trajectory and the percentage that would give it back.
    p = publiek("kpi", verblijf_aandeel(Q3))
    assert p["per_gemeente"]["urk"]["met_verblijf"] == "<5" and p["per_gemeente"]["urk"]["percentage"] == "x"


@time_machine.travel(NU, tick=False)
def test_noemer_vastleggen_en_importeren_gevalideerd(client):
    beleid = persona("beleid", username="beleid-regio")
    client.force_login(beleid)
    assert client.get("/rapportage/jeugdzorgtrajecten/").status_code == 200
    r = client.post(
        "/rapportage/jeugdzorgtrajecten/",
        {"gemeente": "almere", "kwartaal": "2026-Q3", "aantal": "2140", "bron": "cbs"},
    )
    assert r.status_code == 302
    assert JeugdzorgTrajecten.objects.get(gemeente_id="almere", kwartaal="2026-Q3").aantal == 2140
    assert AuditRegel.objects.filter(gebruiker=beleid, onderwerp="rapportage.jeugdzorgtrajecten").exists()
    goed = "gemeente,kwartaal,aantal,bron\nurk,2026-Q3,310,eigen\nalmere,2026-Q3,2150,cbs\n"
    r = client.post("/rapportage/jeugdzorgtrajecten/", {"bestand": SimpleUploadedFile("n.csv", goed.encode())})
    assert "2 regels ingelezen" in r.content.decode()
    assert JeugdzorgTrajecten.objects.get(gemeente_id="almere", kwartaal="2026-Q3").aantal == 2150  # corrected
    fout = (
        "gemeente,kwartaal,aantal\n"
        "dronten,2026-Q2,500\n"
        "amsterdam,2026-Q3,10\n"
        "lelystad,2026-Q5,10\n"
        "lelystad,2027-Q2,10\n"
        "zeewolde,2026-Q3,-4\n"
        "zeewolde,2026-Q2,veel\n"
        "dronten,2026-Q2,501\n"
    )
    r = client.post("/rapportage/jeugdzorgtrajecten/", {"bestand": SimpleUploadedFile("f.csv", fout.encode())})
    html = r.content.decode()
    assert "Niets vastgelegd" in html
    for regel in ("regel 3", "regel 4", "regel 5", "regel 6", "regel 7", "regel 8"):
        assert regel in html, regel
    assert "regel 2:" not in html
    assert not JeugdzorgTrajecten.objects.filter(gemeente_id="dronten").exists()  # all or nothing


@time_machine.travel(NU, tick=False)
def test_gemeente_legt_alleen_eigen_noemer_vast(client):
    almere = persona("beleid", gemeente_id="almere", username="beleid-almere")
    with pytest.raises(Exception) as exc:
        services.leg_trajecten_vast(almere, "urk", "2026-Q3", 100)
    assert "eigen gemeente" in str(exc.value)
    client.force_login(persona("toegang", gemeente_id="almere", username="t"))
    assert client.get("/rapportage/jeugdzorgtrajecten/").status_code == 403


@time_machine.travel(NU, tick=False)
def test_kpi_in_de_samenvatting_van_de_pdf(settings, tmp_path, monkeypatch):
    from tests.rapportage.test_rapport import pdf_tekst

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("rapportage.services.transaction.on_commit", lambda fn, using=None, robust=False: fn())
    _traject("almere", datetime.date(2026, 8, 1))
    _noemers({g: 200 for g in ZES})
    rapport = services.vraag_aan(None, Q3)
    rapport.refresh_from_db()
    assert rapport.status == "klaar", rapport.fout
    tekst = pdf_tekst(rapport.pdf.path)
    assert "Jeugdhulp met verblijf in procenten van alle jeugdzorgtrajecten" in tekst
    assert "0,5%" in tekst  # Almere 1 of 200
    assert len(rapport.cijfers["kpi_trend"]) == 8
    # A trend chart per function over the last eight quarters.
    assert set(rapport.cijfers["trend"]) == {"ccp", "experttafel", "perspectiefregie", "servicepunt"}
    assert rapport.cijfers["trend"]["ccp"]["kwartalen"][-1] == "2026-Q3"
    assert len(rapport.cijfers["trend"]["servicepunt"]["reeksen"]["Instroom"]) == 8
    assert tekst.count("Trend over de laatste acht kwartalen") == 4
