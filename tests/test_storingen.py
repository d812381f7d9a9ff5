"""Failure drills: a killed worker, the database going away, Redis down, a rush on the last bed,
and no personal data in the logs of a whole journey."""

import datetime
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connection

from crisis.models import Aanmelding, Inzet
from kern.models import Voorziening
from rapportage import services
from rapportage.models import Rapport
from rapportage.tasks import bouw_rapport
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import persona, token_voor

Q3 = services.Kwartaal(2026, 3)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db(transaction=True)
def test_gedode_worker_eindigt_met_precies_een_nieuwe_versie(media, monkeypatch):
    """The worker dies mid-build (after 'bezig', before the file); the broker redelivers
    (acks_late + reject_on_worker_lost) and the same version is finished, not a second one."""
    from flevojeugd.celery import app

    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert bouw_rapport.acks_late and bouw_rapport.reject_on_worker_lost
    monkeypatch.setattr("rapportage.services.aanbieden", lambda pk: None)  # the first delivery is ours to run
    rapport = services.vraag_aan(None, Q3)

    class WorkerGedood(BaseException):  # like SIGKILL: nothing in the task catches it
        pass

    def sterf(*args, **kwargs):
        raise WorkerGedood

    monkeypatch.setattr("rapportage.pdf.render_rapport", sterf)
    with pytest.raises(WorkerGedood):
        bouw_rapport.run(rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status in ("wachtrij", "bezig")
    monkeypatch.undo()
    bouw_rapport.run(rapport.pk)  # the redelivery
    bouw_rapport.run(rapport.pk)  # and a duplicate delivery for good measure
    assert list(Rapport.objects.values_list("versie", "status")) == [(1, "klaar")]


@pytest.mark.django_db
def test_redis_weg_laat_de_aanvraag_zichtbaar_wachten(media, settings, client):
    from flevojeugd.celery import app

    settings.TWEESTAPS_VERPLICHT = False
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")
    app.close()
    app._pool = None
    app.amqp._producer_pool = None
    try:
        client.force_login(persona("beleid", username="beleid"))
        from unittest import mock

        with mock.patch("rapportage.services.transaction.on_commit", lambda fn, using=None, robust=False: fn()):
            r = client.post("/rapportage/", {"kwartaal": "2026-Q3", "gemeente": ""})
        rapport = Rapport.objects.get()
        assert r.status_code == 302
        assert (rapport.status, rapport.stap) == ("wachtrij", services.WACHT_OP_WACHTRIJ)
        pagina = client.get(f"/rapportage/{rapport.pk}/").content.decode()
        assert "In de wachtrij" in pagina and "opnieuw aangeboden" in pagina
    finally:
        app.conf.update(task_always_eager=True, broker_url=None)
        app.close()
        app._pool = None
        app.amqp._producer_pool = None


@pytest.mark.django_db
def test_database_weg_geeft_een_duidelijke_foutpagina_en_bewaart_wat_bevestigd_is(client, settings, monkeypatch, api):
    settings.TWEESTAPS_VERPLICHT = False
    ccp = persona("ccp", username="ccp")
    pk = api(ccp).post(AANMELDINGEN, referral(), format="json").json()["id"]  # confirmed to the user

    def weg(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    client.raise_request_exception = False
    client.force_login(ccp)
    monkeypatch.setattr("crisis.views.services.trieren", weg)
    r = client.post(f"/crisis/aanmeldingen/{pk}/", {"actie": "triage", "ernst": "acuut"})
    assert r.status_code == 500
    assert "Wat u eerder heeft opgeslagen en bevestigd is bewaard" in r.content.decode()
    # The API action table holds the service itself (ActieView.dienst), so the outage goes there.
    monkeypatch.setattr("crisis.api.views.VerdelenView.dienst", weg)
    a = api(ccp)
    a.raise_request_exception = False
    r = a.post(f"{AANMELDINGEN}{pk}/verdelen/", {}, format="json")
    assert r.status_code == 500 and "bewaard" in r.json()["detail"]
    assert Aanmelding.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_healthz_meldt_een_onbereikbare_database(client, monkeypatch):
    def weg(*args, **kwargs):
        raise OperationalError("weg")

    monkeypatch.setattr(connection, "cursor", weg)
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db(transaction=True)
def test_honderd_verzoeken_om_de_laatste_crisisplek():
    from rest_framework.test import APIClient

    ccp = persona("ccp", username="ccp")
    bed = Voorziening.objects.get(type_id="crisisgroep_12plus")
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    token = token_voor(ccp)

    def client():
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return c

    ids = [
        client()
        .post(AANMELDINGEN, referral(hulpvraag="verblijf", geboortedatum="2011-01-01"), format="json")
        .json()["id"]
        for _ in range(100)
    ]

    def vraag(pk):
        try:
            return (
                client()
                .post(
                    f"{AANMELDINGEN}{pk}/inzet/",
                    {
                        "hulpvorm": "crisisbed",
                        "voorziening": bed.pk,
                        "startdatum": datetime.date.today().isoformat(),
                        "ambulant_door": "lokaal_team",
                    },
                    format="json",
                )
                .status_code
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=30) as pool:  # 30 at a time: the server's connection limit is 100
        codes = list(pool.map(vraag, ids))
    assert codes.count(201) == 1 and codes.count(409) == 99
    assert Inzet.objects.filter(voorziening=bed).count() == 1


@pytest.mark.django_db
def test_geen_persoonsgegevens_in_de_logs_van_een_hele_reis(api, client, settings, caplog):
    settings.TWEESTAPS_VERPLICHT = False
    caplog.set_level(logging.DEBUG)
    ccp = persona("ccp", username="ccp")
    naam, achternaam, bsn = "Geheimvoornaam", "Geheimachternaam", "111222333"
    r = api(ccp).post(AANMELDINGEN, referral(voornaam=naam, achternaam=achternaam, bsn=bsn), format="json")
    pk = r.json()["id"]
    api(ccp).post(AANMELDINGEN, referral(voornaam=naam, bsn="123456789"), format="json")  # a 400 with a bad BSN
    api(ccp).post(AANMELDINGEN, referral(voornaam=naam, gemeente="lelystad"), format="json")  # a 400 without loket
    api(ccp).get(f"{AANMELDINGEN}{pk}/")
    api(persona("toegang", gemeente_id="dronten", username="t")).get(f"{AANMELDINGEN}{pk}/")  # a 404
    client.force_login(ccp)
    client.get(f"/crisis/aanmeldingen/{pk}/")
    client.get("/crisis/")
    client.post(f"/crisis/aanmeldingen/{pk}/", {"actie": "verdelen"})
    logs = caplog.text
    assert logs, "the journey logged nothing at all; the test would prove nothing"
    for geheim in (naam, achternaam, bsn, "123456789"):
        assert geheim not in logs
