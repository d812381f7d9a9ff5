"""The import page hands the file to a background task (issue #11.5): progress, then a result page."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditRegel
from crisis.models import Aanmelding, Import
from tests.factories import persona

DATA = Path(__file__).parent.parent / "data"
pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    # Django's storage API, not a local path: an in-memory store proves the task needs no disk.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    client.force_login(persona("beheer", username="beheer", is_staff=True))
    return client


def _csv(naam="ccp.csv", inhoud=None):
    return SimpleUploadedFile(naam, inhoud if inhoud is not None else (DATA / "ccp_2026q3.csv").read_bytes())


def test_import_loopt_op_de_achtergrond_met_voortgang_en_resultaat(beheerder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as taken:
        r = beheerder.post("/crisis/importeren/", {"bestand": _csv()})
    imp = Import.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/crisis/importeren/{imp.pk}/"
    # Queued, not yet read: the page shows progress and polls.
    assert imp.status == "wachtrij" and not Aanmelding.objects.exists()
    opgeslagen = imp.bestand.name
    assert default_storage.exists(opgeslagen)
    pagina = beheerder.get(f"/crisis/importeren/{imp.pk}/").content.decode()
    assert "hx-get" in pagina and "<progress" in pagina
    assert beheerder.get(f"/crisis/importeren/{imp.pk}/status/", HTTP_HX_REQUEST="true").status_code == 200

    for taak in taken:
        taak()
    imp.refresh_from_db()
    assert (imp.status, imp.aanmeldingen, imp.inzetten, imp.regels, imp.voortgang) == ("klaar", 7, 5, 8, 100)
    assert not imp.bestand and not default_storage.exists(opgeslagen)  # personal data is not kept
    status = beheerder.get(f"/crisis/importeren/{imp.pk}/status/", HTTP_HX_REQUEST="true")
    assert status.status_code == 286  # htmx stops polling
    assert "7 aanmeldingen en 5 inzetten ingelezen" in status.content.decode()
    assert AuditRegel.objects.filter(onderwerp="crisis.import", onderwerp_id=str(imp.pk), actie="aanmaken").exists()


def test_een_fout_bestand_geeft_een_resultaatpagina_met_regels(beheerder, django_capture_on_commit_callbacks):
    kop = (DATA / "ccp_2026q3.csv").read_text().splitlines()[0]
    inhoud = f"{kop}\nZ1,C1,2026-07-01,2016-01-01,almere,ambulant,,9999-12-31,,,\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        r = beheerder.post("/crisis/importeren/", {"bestand": _csv("fout.csv", inhoud)})
    tekst = beheerder.get(r["Location"]).content.decode()
    assert "Niets ingelezen" in tekst and "regel 2: De startdatum 9999-12-31 ligt buiten" in tekst
    assert Import.objects.get().status == "mislukt" and not Aanmelding.objects.exists()


def test_geen_utf8_is_een_melding(beheerder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = beheerder.post(
            "/crisis/importeren/",
            {"bestand": _csv("latin.csv", (DATA / "ccp_2026q3.csv").read_text().replace("C1", "Cé").encode("latin-1"))},
        )
    assert "Het bestand is geen UTF-8." in beheerder.get(r["Location"]).content.decode()


def test_alleen_functioneel_beheer(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    imp = Import.objects.create(bestandsnaam="x.csv")
    for rol in ("ccp", "beleid", "toegang"):
        client.force_login(persona(rol, username=f"u-{rol}"))
        # Only functional administration imports: another role has no right to it, 403.
        assert client.get(f"/crisis/importeren/{imp.pk}/").status_code == 403
        assert client.get(f"/crisis/importeren/{imp.pk}/status/").status_code == 403


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_echte_worker_op_redis_leest_het_bestand_uit_de_opslag(settings, tmp_path):
    import os
    import time

    from celery.contrib.testing.worker import start_worker

    from crisis import importeren
    from flevojeugd.celery import app
    from tests.rapportage.test_rapport import _vergeet_verbindingen

    settings.MEDIA_ROOT = tmp_path
    app.conf.update(
        broker_url=os.getenv("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15"),
        result_backend=None,
        task_always_eager=False,
    )
    _vergeet_verbindingen(app)
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            imp = importeren.vraag_aan(None, _csv())
            for _ in range(600):
                imp.refresh_from_db()
                if imp.afgerond:
                    break
                time.sleep(0.1)  # waiting on a real worker in another thread, not on a rule's clock
    finally:
        app.conf.update(task_always_eager=True, broker_url=None)
        _vergeet_verbindingen(app)
    assert (imp.status, imp.aanmeldingen, imp.inzetten) == ("klaar", 7, 5), imp.fouten
    assert Aanmelding.objects.count() == 7
