"""Nothing a client sends answers 500 (issue #11.4), and answers with a youth's data are not cached."""

import datetime
import io

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction

from audit.models import AuditRegel
from tests.conftest import aanbieder_persona
from tests.factories import JeugdigeFactory, persona

from .crisis.helpers import AANMELDINGEN, referral

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _aanmelding(api, ccp) -> int:
    r = api(ccp).post(AANMELDINGEN, referral(), format="json")
    assert r.status_code == 201, r.json()
    return r.json()["id"]


@time_machine.travel(NU, tick=False)
def test_diep_geneste_json_geeft_400_json(api, ccp):
    pk = _aanmelding(api, ccp)
    lichaam = "[" * 5000 + "]" * 5000
    sp = persona("servicepunt", username="sp")
    for wie, url in (
        (ccp, AANMELDINGEN),
        (ccp, f"{AANMELDINGEN}{pk}/triage/"),
        (sp, "/api/v1/servicepunt/beschikkingen/"),
    ):
        r = api(wie).post(url, lichaam, content_type="application/json")
        assert r.status_code == 400, url
        assert r["Content-Type"].startswith("application/json")
        assert r.json()


@time_machine.travel(NU, tick=False)
def test_x_forwarded_for_unknown_geeft_geen_500(api, ccp, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    pk = _aanmelding(api, ccp)
    r = api(ccp).get(f"{AANMELDINGEN}{pk}/", HTTP_X_FORWARDED_FOR="unknown", REMOTE_ADDR="127.0.0.1")
    assert r.status_code == 200
    assert AuditRegel.objects.filter(onderwerp_id=str(pk), actie="inzien").latest("pk").ip_adres == "127.0.0.1"


@time_machine.travel(NU, tick=False)
def test_een_vervalst_x_forwarded_for_komt_niet_in_de_audittrail(api, ccp, settings):
    settings.TRUSTED_PROXIES = []
    pk = _aanmelding(api, ccp)
    api(ccp).get(f"{AANMELDINGEN}{pk}/", HTTP_X_FORWARDED_FOR="10.9.9.9", REMOTE_ADDR="198.51.100.7")
    assert AuditRegel.objects.filter(onderwerp_id=str(pk), actie="inzien").latest("pk").ip_adres == "198.51.100.7"


@time_machine.travel(NU, tick=False)
def test_x_forwarded_for_van_een_vertrouwde_proxy_telt_van_rechts(api, ccp, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    pk = _aanmelding(api, ccp)
    # The client put 1.2.3.4 in front itself; the proxy appended the address it saw.
    api(ccp).get(f"{AANMELDINGEN}{pk}/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", REMOTE_ADDR="10.0.0.2")
    assert AuditRegel.objects.filter(onderwerp_id=str(pk), actie="inzien").latest("pk").ip_adres == "203.0.113.5"


@pytest.mark.parametrize(
    "url,data,perms",
    [
        ("/crisis/beschikbaarheid/", {"voorziening": "abc"}, "ccp"),
        ("/servicepunt/", {"voorziening": "abc", "capaciteit": "3"}, "servicepunt"),
    ],
)
def test_een_niet_numeriek_id_in_een_formulier_geeft_400(client, url, data, perms):
    client.force_login(persona(perms, username=f"p-{perms}"))
    r = client.post(url, data)
    assert r.status_code == 400
    assert "voorziening" in r.content.decode()


@time_machine.travel(NU, tick=False)
def test_afsluiten_met_een_niet_numeriek_inzet_id_geeft_400(client, api, ccp):
    pk = _aanmelding(api, ccp)
    client.force_login(ccp)
    r = client.post(f"/crisis/aanmeldingen/{pk}/", {"actie": "afsluiten-abc"})
    assert r.status_code == 400
    assert "inzet" in r.content.decode()


@time_machine.travel(NU, tick=False)
def test_einde_plaatsing_met_een_niet_numeriek_id_geeft_400(client):
    from servicepunt import services as sp

    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    b = sp.beschikking_registreren(
        anouk, jeugdige=JeugdigeFactory(gemeente_id="almere"), afgegeven_op=datetime.date(2026, 11, 20)
    )
    client.force_login(persona("servicepunt", username="sp"))
    r = client.post(f"/servicepunt/beschikkingen/{b.pk}/", {"actie": "einde-abc", "einddatum": "2026-11-22"})
    assert r.status_code == 400
    assert "plaatsing" in r.content.decode()


@time_machine.travel(NU, tick=False)
def test_cijferpagina_na_een_weigering(client, api, ccp):
    pk = _aanmelding(api, ccp)
    r = api(ccp).post(f"{AANMELDINGEN}{pk}/verdelen/", {}, format="json")
    aanbieder = r.json()["aanbieder"]["code"]
    r = api(aanbieder_persona(aanbieder)).post(
        f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "geen_capaciteit"}, format="json"
    )
    assert r.status_code == 200, r.json()
    for wie in (ccp, persona("beleid", username="beleid-regio")):
        client.force_login(wie)
        r = client.get("/crisis/cijfers/", {"kwartaal": "2026-Q4"})
        assert r.status_code == 200
        assert "geen_capaciteit" in r.content.decode() or "capaciteit" in r.content.decode()


def test_te_groot_lichaam_op_de_api_geeft_json(api, ccp, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    r = api(ccp).post(AANMELDINGEN, '{"toelichting": "' + "x" * 5000 + '"}', content_type="application/json")
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/json")
    assert r.json()


def test_een_unieke_sleutel_met_bsn_komt_niet_in_het_log(settings):
    """psycopg puts the duplicate key's value in its message; the log must not carry it."""
    import logging.config

    with connection.cursor() as cur:
        cur.execute("CREATE TEMPORARY TABLE proef_bsn (bsn varchar(9) UNIQUE)")
        cur.execute("INSERT INTO proef_bsn VALUES ('111222333')")
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("INSERT INTO proef_bsn VALUES ('111222333')")
    except IntegrityError:
        uitvoer = io.StringIO()
        handler = logging.StreamHandler(uitvoer)
        config = settings.LOGGING["handlers"]["console"]
        for f in config.get("filters", []):
            handler.addFilter(
                logging.config.DictConfigurator(settings.LOGGING).configure_filter(settings.LOGGING["filters"][f])
            )
        fmt = settings.LOGGING["formatters"][config["formatter"]]
        handler.setFormatter(logging.config.DictConfigurator(settings.LOGGING).configure_formatter(fmt))
        logger = logging.getLogger("proef.bsn")
        logger.addHandler(handler)
        logger.propagate = False
        try:
            logger.exception("Internal Server Error: /api/v1/crisis/aanmeldingen/")
            logger.error("Kon %s niet opslaan", "BSN 111222333")
        finally:
            logger.removeHandler(handler)
        tekst = uitvoer.getvalue()
        assert "IntegrityError" in tekst
        assert "111222333" not in tekst
    else:
        pytest.fail("geen unieke sleutel geschonden")


@time_machine.travel(NU, tick=False)
def test_paginas_en_api_met_gegevens_van_een_jeugdige_worden_niet_bewaard(client, api, ccp):
    pk = _aanmelding(api, ccp)
    assert "no-store" in api(ccp).get(f"{AANMELDINGEN}{pk}/")["Cache-Control"]
    assert "no-store" in api(ccp).get(AANMELDINGEN)["Cache-Control"]
    client.force_login(ccp)
    assert "no-store" in client.get(f"/crisis/aanmeldingen/{pk}/")["Cache-Control"]
    assert "no-store" in client.get("/crisis/")["Cache-Control"]


def test_csp_verbiedt_object_en_base(client):
    csp = client.get("/account/inloggen/")["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "base-uri 'self'" in csp


def test_inloggen_met_put_geeft_405_met_een_pagina(client):
    r = client.put("/account/inloggen/", "username=x&password=y", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 405
    assert "GET" in r["Allow"] and "POST" in r["Allow"]
    assert "niet toegestaan" in r.content.decode().lower()


@pytest.mark.parametrize("pad", ["/api/v1/crisis/aanmeldingen/zoeken/", "/api/v1/servicepunt/beschikkingen/zoeken/"])
def test_een_zoekvraag_met_een_object_of_lijst_als_waarde_is_400(api, pad):
    """Found by schemathesis: `{"sorteer": {}}` reached django-filter's widget (500)."""
    user = persona("servicepunt" if "servicepunt" in pad else "ccp", username="zoeker")
    r = api(user).post(pad, {"sorteer": {}, "status": ["nieuw"], "naam": "0"}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"sorteer", "status"}
    assert api(user).post(pad, [1, 2], format="json").status_code == 400
