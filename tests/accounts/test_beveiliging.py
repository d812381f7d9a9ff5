import io

import pytest
from django.core.management import call_command
from django.db import connection
from django_otp.oath import totp

from accounts.models import Gebruiker
from audit.models import AppendOnly, AuditRegel
from tests.factories import WACHTWOORD, JeugdigeFactory, persona, totp_apparaat

pytestmark = pytest.mark.django_db


def test_healthz_zonder_login(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_create_user_met_token_op_de_laatste_regel(api):
    uit = io.StringIO()
    call_command(
        "create_user", "anouk", "--role", "toegang", "--gemeente", "almere", "--ret-aanmelder", "--token", stdout=uit
    )
    token = uit.getvalue().strip().splitlines()[-1]
    user = Gebruiker.objects.get(username="anouk")
    assert (user.rol, user.gemeente_id, user.ret_aanmelder) == ("toegang", "almere", True)
    from rest_framework.test import APIClient

    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert c.get("/api/v1/crisis/aanmeldingen/").status_code == 200


def test_create_user_weigert_toegang_zonder_gemeente():
    with pytest.raises(Exception, match="gemeente"):
        call_command("create_user", "x", "--role", "toegang", stdout=io.StringIO())


def test_blokkade_na_herhaalde_mislukte_pogingen(client):
    persona("ccp", username="coordinator")
    for _ in range(5):
        client.post("/account/inloggen/", {"username": "coordinator", "password": "fout"})
    r = client.post("/account/inloggen/", {"username": "coordinator", "password": WACHTWOORD})
    assert r.status_code == 429
    assert "geblokkeerd" in r.content.decode().lower()


def test_tweestaps_verplicht_voor_wie_persoonsgegevens_ziet(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the throttle after a wrong code is django-otp's, not ours to wait for
    user = persona("ccp", username="coordinator")
    apparaat = totp_apparaat(user)
    client.post("/account/inloggen/", {"username": "coordinator", "password": WACHTWOORD})
    r = client.get("/crisis/")
    assert r.status_code == 302 and r["Location"].startswith("/account/tweestaps/")
    assert client.get("/api/v1/crisis/aanmeldingen/").status_code == 401
    r = client.post(
        "/account/tweestaps/?next=/crisis/", {"code": "000000" if totp(apparaat.bin_key) != 0 else "111111"}
    )
    assert "klopt niet" in r.content.decode()
    r = client.post("/account/tweestaps/?next=/crisis/", {"code": f"{totp(apparaat.bin_key):06d}"})
    assert r.status_code == 302 and r["Location"] == "/crisis/"
    assert client.get("/crisis/").status_code == 200


def test_beleid_hoeft_geen_tweede_stap(client):
    persona("beleid", username="beleid")
    client.post("/account/inloggen/", {"username": "beleid", "password": WACHTWOORD})
    assert client.get("/crisis/cijfers/").status_code == 200


def test_logging_is_alleen_toevoegen():
    regel = AuditRegel.objects.create(gebruikersnaam="x", rol="ccp", actie="inzien", onderwerp="t", kanaal="api")
    with pytest.raises(AppendOnly):
        regel.save()
    with pytest.raises(AppendOnly):
        AuditRegel.objects.all().delete()
    with pytest.raises(Exception, match="alleen worden aangevuld"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditregel")


def test_inzien_via_pagina_en_api_wordt_gelogd(client, api, settings):
    settings.TWEESTAPS_VERPLICHT = False
    from tests.crisis.helpers import AANMELDINGEN, referral

    ccp = persona("ccp", username="coordinator")
    pk = api(ccp).post(AANMELDINGEN, referral(), format="json").json()["id"]
    api(ccp).get(f"{AANMELDINGEN}{pk}/")
    client.force_login(ccp)
    client.get(f"/crisis/aanmeldingen/{pk}/")
    client.get("/crisis/aanmeldingen/")
    kanalen = list(
        AuditRegel.objects.filter(actie="inzien", onderwerp="crisis.aanmelding").values_list("kanaal", flat=True)
    )
    assert sorted(kanalen) == ["api", "pagina", "pagina"]
    assert AuditRegel.objects.filter(actie="inzien").exclude(jeugdige=None).count() == 3
    assert not AuditRegel.objects.filter(onderwerp_id__contains="Sanne").exists()


def test_jeugdige_factory_str_toont_geen_naam():
    assert "Testkind" not in str(JeugdigeFactory())


def test_sessie_verloopt_na_inactiviteit(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    persona("beleid", username="beleid")
    client.post("/account/inloggen/", {"username": "beleid", "password": WACHTWOORD})
    assert client.get("/crisis/cijfers/").status_code == 200
    sessie = client.session
    sessie.set_expiry(-1)  # as if the 30 minutes of inactivity have passed
    sessie.save()
    r = client.get("/crisis/cijfers/")
    assert r.status_code == 302 and r["Location"].startswith("/account/inloggen/")
    assert settings.SESSION_COOKIE_AGE == 1800 and settings.SESSION_SAVE_EVERY_REQUEST


def test_csrf_wordt_gecontroleerd():
    from django.test import Client

    persona("ccp", username="coordinator")
    client = Client(enforce_csrf_checks=True)
    assert client.post("/account/inloggen/", {"username": "coordinator", "password": WACHTWOORD}).status_code == 403


def test_nul_tekens_geven_400_en_geen_500(api, client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    sp = persona("servicepunt", username="sevda")
    r = api(sp).post(
        "/api/v1/servicepunt/matching/", {"leeftijd": 4, "gemeente": "al\x00mere", "ernst": "licht"}, format="json"
    )
    assert r.status_code == 400 and r.json() == {"gemeente": ["Bevat een teken dat niet is toegestaan (NUL)."]}
    assert api(sp).get("/api/v1/rapportage/servicepunt/2026-Q3/?gemeente=a\x00").status_code == 400
    client.force_login(sp)
    assert client.get("/servicepunt/matching/?gemeente=al%00mere&leeftijd=3").status_code == 400
