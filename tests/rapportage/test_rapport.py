import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from audit.models import AuditRegel
from kern.aggregaties import Kwartaal
from kern.models import Jeugdige
from rapportage import services
from rapportage.models import Rapport
from rapportage.tasks import bouw_rapport
from tests.factories import persona

DATA = Path(__file__).parent.parent / "data"
Q3 = Kwartaal(2026, 3)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _na_commit(request, monkeypatch):
    """Tests inside one transaction never commit: there, run what waits for the commit at once."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and not marker.kwargs.get("transaction"):
        monkeypatch.setattr("rapportage.services.transaction.on_commit", lambda fn, using=None, robust=False: fn())


@pytest.fixture
def geimporteerd(db):
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    # Give the imported youths names and BSNs, to prove none of them reaches a report.
    for i, j in enumerate(Jeugdige.objects.order_by("pk")):
        j.voornaam, j.achternaam = f"Vertrouwelijk{i}", "Achternaamtest"
        j.bsn = ["111222333", "123456782", "231231236", "999999990", "100000009", "010000008"][i]
        j.save()


def pdf_tekst(pad) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) hoort door make test geïnstalleerd te zijn"
    return subprocess.run(["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True).stdout


def _vergeet_verbindingen(app):
    """Connections pooled under other broker settings (earlier tests) must not be reused."""
    app.close()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_echte_worker_op_redis_bouwt_de_pdf(media, geimporteerd):
    from celery.contrib.testing.worker import start_worker

    from flevojeugd.celery import app

    app.conf.update(
        broker_url=os.getenv("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15"),
        result_backend=None,
        task_always_eager=False,
    )
    _vergeet_verbindingen(app)
    app.control.purge()  # nothing left over from an earlier, interrupted run
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            rapport = services.vraag_aan(None, Q3)
            for _ in range(600):
                rapport.refresh_from_db()
                if rapport.afgerond:
                    break
                import time

                time.sleep(0.1)  # waiting on a real worker in another thread, not on the clock of a rule
    finally:
        app.conf.update(task_always_eager=True, broker_url=None)
        _vergeet_verbindingen(app)
    assert rapport.status == Rapport.Status.KLAAR, rapport.fout
    tekst = pdf_tekst(rapport.pdf.path)
    assert "Tabel 1" in tekst and "Tabel 2" in tekst and "Tabel 3" in tekst and "Figuur 1" in tekst
    regel_almere = next(r for r in tekst.splitlines() if r.strip().startswith("Almere") and "12+" in r)
    assert regel_almere.split()[-5:] == ["1", "1", "0", "0", "2"]
    assert "50.0%" in tekst or "50,0%" in tekst
    assert rapport.cijfers["secties"]["ccp"]["aanmeldingen"] == 6


@pytest.mark.django_db
def test_opnieuw_uitgevoerde_taak_maakt_geen_tweede_versie(media, geimporteerd):
    rapport = services.vraag_aan(None, Q3)  # eager: built at once
    rapport.refresh_from_db()
    eerste = rapport.pdf.name
    bouw_rapport.apply(args=[rapport.pk])  # a redelivery after a lost ack
    bouw_rapport.apply(args=[rapport.pk])
    assert Rapport.objects.count() == 1
    rapport.refresh_from_db()
    assert (rapport.status, rapport.versie, rapport.pdf.name) == ("klaar", 1, eerste), rapport.fout


@pytest.mark.django_db
def test_nieuwe_aanvraag_is_een_nieuwe_versie_en_de_oude_blijft(media, geimporteerd):
    eerste = services.vraag_aan(None, Q3)
    tweede = services.vraag_aan(None, Q3)
    assert (eerste.versie, tweede.versie) == (1, 2)
    assert Rapport.objects.filter(status="klaar").count() == 2
    assert services.vraag_aan(None, Q3, publiek=True).versie == 1


@pytest.mark.django_db
def test_pdf_en_csv_bevatten_geen_persoonsgegevens_en_publiek_maskeert(media, geimporteerd, client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    exact = services.vraag_aan(None, Q3)
    publiek = services.vraag_aan(None, Q3, publiek=True)
    for r in (exact, publiek):
        r.refresh_from_db()
        tekst = pdf_tekst(r.pdf.path)
        for j in Jeugdige.objects.all():
            assert j.voornaam not in tekst and j.bsn not in tekst and j.clientnummer not in tekst.split()
    tekst_publiek = pdf_tekst(publiek.pdf.path)
    assert "<5" in tekst_publiek
    assert publiek.cijfers["secties"]["ccp"]["aanmeldingen"] == 6  # 5 or more stays exact
    assert publiek.cijfers["secties"]["ccp"]["jeugdigen"] == 5
    assert publiek.cijfers["secties"]["ccp"]["inzet"]["almere"]["12+"]["crisisbed"] == "<5"
    assert publiek.cijfers["secties"]["ccp"]["inzet"]["almere"]["12+"]["geen"] == 0
    client.force_login(persona("beleid", username="beleid"))
    csv = client.get(f"/rapportage/{publiek.pk}/cijfers/ccp.csv").content.decode()
    assert "<5" in csv
    for j in Jeugdige.objects.all():
        assert j.voornaam not in csv and j.bsn not in csv
    assert client.get(f"/rapportage/{exact.pk}/cijfers/ccp.json").json()["aanmeldingen"] == 6


@pytest.mark.django_db
def test_mislukte_bouw_toont_de_fout(media, geimporteerd, monkeypatch):
    def kapot(*args, **kwargs):
        raise ValueError("schijf vol")

    monkeypatch.setattr("rapportage.pdf.render_rapport", kapot)
    rapport = services.vraag_aan(None, Q3)
    rapport.refresh_from_db()
    assert rapport.status == "mislukt" and "schijf vol" in rapport.fout


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dag, verwacht",
    [
        (datetime.date(2027, 1, 1), None),  # New Year's Day: not a working day
        (datetime.date(2027, 1, 4), "2026-Q4"),  # first working day (Monday; 2 and 3 January are a weekend)
        (datetime.date(2026, 10, 1), "2026-Q3"),
        (datetime.date(2026, 10, 2), None),
        (datetime.date(2026, 11, 2), None),
    ],
)
def test_beat_plant_op_de_eerste_werkdag_van_het_kwartaal(media, dag, verwacht):
    with time_machine.travel(datetime.datetime.combine(dag, datetime.time(6, 0), tzinfo=datetime.UTC), tick=False):
        rapport = services.plan_kwartaal()
        assert (rapport.kwartaal if rapport else None) == verwacht
        if rapport:
            assert services.plan_kwartaal() is None  # beat firing twice makes one report


@pytest.mark.django_db
def test_pagina_aanvragen_status_en_download_gelogd(media, geimporteerd, client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    beleid = persona("beleid", username="beleid")
    client.force_login(beleid)
    r = client.post("/rapportage/", {"kwartaal": "2026-Q3", "gemeente": "", "publiek": ""})
    rapport = Rapport.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/rapportage/{rapport.pk}/"
    assert client.get(f"/rapportage/{rapport.pk}/status/", HTTP_HX_REQUEST="true").status_code == 286
    download = client.get(f"/rapportage/{rapport.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert AuditRegel.objects.filter(actie="downloaden", gebruiker=beleid, onderwerp_id=str(rapport.pk)).exists()
    # Another municipality's policy officer cannot see a report of Almere.
    client.post("/rapportage/", {"kwartaal": "2026-Q3", "gemeente": "almere"})
    almere = Rapport.objects.get(gemeente_id="almere")
    client.force_login(persona("beleid", gemeente_id="urk", username="beleid-urk"))
    assert client.get(f"/rapportage/{almere.pk}/download/").status_code == 404
    # The region's exact report is not for one municipality's staff; its public variant is.
    assert client.get(f"/rapportage/{rapport.pk}/").status_code == 404


@pytest.mark.django_db
def test_build_report_commando_schrijft_de_pdf(media, geimporteerd, tmp_path):
    uit = tmp_path / "q3.pdf"
    call_command("build_report", "2026-Q3", "--gemeente", "almere", "--publiek", "--output", str(uit))
    assert uit.read_bytes().startswith(b"%PDF")
    assert Rapport.objects.get().gemeente_id == "almere"


@pytest.mark.django_db
def test_beleid_van_een_gemeente_krijgt_de_regio_alleen_publiek_in_pdf_en_api(
    media, geimporteerd, client, api, settings
):
    settings.TWEESTAPS_VERPLICHT = False
    regio = persona("beleid", username="beleid-regio")
    almere = persona("beleid", gemeente_id="almere", username="beleid-almere")
    exact = services.vraag_aan(regio, Kwartaal(2026, 3))
    publiek = services.vraag_aan(regio, Kwartaal(2026, 3), publiek=True)
    client.force_login(almere)
    assert client.get(f"/rapportage/{exact.pk}/download/").status_code == 404
    assert client.get(f"/rapportage/{publiek.pk}/download/").status_code == 200
    # Asking for the region's exact report is refused with a message; the public one is made.
    r = client.post("/rapportage/", {"kwartaal": "2026-Q3", "gemeente": ""})
    assert r.status_code == 200 and "alleen de publieke variant" in r.content.decode()
    assert client.post("/rapportage/", {"kwartaal": "2026-Q3", "gemeente": "", "publiek": "on"}).status_code == 302
    assert client.post("/rapportage/", {"kwartaal": "2026-Q3", "gemeente": "almere"}).status_code == 302
    with pytest.raises(PermissionDenied):
        services.vraag_aan(almere, Kwartaal(2026, 3))
    # The API agrees: own municipality, never another one.
    assert api(almere).get("/api/v1/rapportage/ccp/2026-Q3/").status_code == 200
    assert api(almere).get("/api/v1/rapportage/ccp/2026-Q3/?gemeente=urk").status_code == 403
