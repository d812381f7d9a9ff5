"""The layout every page shares (issue #15.4-6): the crisis line with the regional number, the
after-hours route on the intake page, a caption and a scrolling region for every data table,
error pages in the layout, the logout message, the favicon and compressed pages."""

import datetime
import gzip
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import override_settings

from kern.models import Regioinstelling
from tests.accounts.test_rechtenmatrix import MATRIX, wereld  # noqa: F401  (fixture)
from tests.factories import persona

TZ = ZoneInfo("Europe/Amsterdam")
TABEL = re.compile(r"<table\b.*?</table>", re.S)
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def _ingelogd(client, settings, rol="ccp", **extra):
    settings.TWEESTAPS_VERPLICHT = False
    user = persona(rol, username=f"opmaak-{rol}", **extra)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_de_voet_toont_het_nummer_van_de_crisisdienst_als_tel_link(client, settings):
    _ingelogd(client, settings)
    html = client.get("/crisis/").content.decode()
    assert 'href="tel:08001234567"' in html and ">0800-1234567</a>" in html
    Regioinstelling.objects.update(crisisdienst_naam="Crisisdienst Flevoland", crisisdienst_telefoon="0320 - 000 111")
    html = client.get("/crisis/").content.decode()
    assert 'bel de Crisisdienst Flevoland op <a href="tel:0320000111">0320 - 000 111</a>' in html
    # Also without a login: the login page carries the same footer.
    client.logout()
    assert 'href="tel:0320000111"' in client.get("/account/inloggen/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moment, gesloten",
    [
        (datetime.datetime(2026, 11, 20, 16, 59, tzinfo=TZ), False),  # Friday, just before closing
        (datetime.datetime(2026, 11, 20, 17, 0, tzinfo=TZ), True),  # Friday 17:00
        (datetime.datetime(2026, 12, 25, 10, 0, tzinfo=TZ), True),  # Christmas, a weekday
    ],
)
def test_de_aanmeldpagina_wijst_buiten_kantoortijd_de_route_met_het_nummer(client, settings, moment, gesloten):
    with time_machine.travel(moment, tick=False):
        _ingelogd(client, settings, "toegang", gemeente_id="almere")
        html = client.get("/crisis/aanmelden/").content.decode()
    assert ("Het loket is nu gesloten" in html) is gesloten
    route = 'Bel de 24-uurs crisisdienst op <a class="utrecht-link" href="tel:08001234567">0800-1234567</a>'
    assert (route in html) is gesloten


@pytest.mark.django_db
def test_elke_pagina_zet_elke_tabel_met_caption_in_een_scrollend_gebied(client, api, wereld, settings):  # noqa: F811
    """Renders every page of the rights matrix as a role that may see it."""
    settings.TWEESTAPS_VERPLICHT = False
    aanmelding, users, casus = wereld
    gezien = gestapeld = 0
    for naam, (pad, rollen) in MATRIX.items():
        pad = pad.format(aanmelding=aanmelding.pk, casus=casus.pk) if pad else pad
        if not rollen or pad.startswith("/api/") or naam in ("healthz", "favicon"):
            continue
        client.force_login(users[sorted(rollen)[0]])
        r = client.get(pad)
        if r.status_code != 200 or "text/html" not in r.get("Content-Type", ""):
            continue
        html = r.content.decode()
        for tabel in TABEL.findall(html):
            gezien += 1
            assert "<caption" in tabel, f"{pad}: tabel zonder <caption>: {tabel[:160]}"
        # Each table stands in a focusable region named after it.
        assert html.count("<table") == len(
            re.findall(r'class="tabelvak[^"]*" role="region" tabindex="0" aria-label="[^"]+"><table', html)
        ), pad
        # On a phone a table with one header row stacks: every body cell names its column.
        for vak in re.findall(r'<div class="tabelvak tabelvak--stapelbaar".*?</table>', html, re.S):
            body = vak.split("<tbody", 1)[-1]
            gestapeld += len(re.findall(r"<td\b[^>]*data-label=", body))
            assert not re.search(r"<td\b(?![^>]*(data-label|colspan))[^>]*>", body), f"{pad}: cel zonder kolomnaam"
    assert gezien >= 10
    assert gestapeld >= 10


def test_elke_tabel_in_een_paginasjabloon_heeft_een_caption_en_een_gebied():
    """Also the tables the small test world above leaves empty (behind an {% if %})."""
    for sjabloon in TEMPLATES.rglob("*.html"):
        if "pdf" in sjabloon.name:
            continue  # printed reports: no scrolling; their tables are headed by the report
        tekst = sjabloon.read_text()
        for tabel in TABEL.finditer(tekst):
            assert "<caption" in tabel.group(0), f"{sjabloon.relative_to(TEMPLATES)}: tabel zonder <caption>"
            assert tekst[: tabel.start()].endswith("{% tabel %}"), (
                f"{sjabloon.relative_to(TEMPLATES)}: tabel buiten {{% tabel %}}"
            )


@pytest.mark.django_db
def test_foutpaginas_staan_in_de_opmaak_van_de_toepassing(client, settings):
    _ingelogd(client, settings, "toegang", gemeente_id="almere")
    for pad, methode, status, kop in [
        ("/bestaat-niet/", "get", 404, "Niet gevonden"),
        ("/crisis/importeren/", "get", 403, "Geen toegang"),
        ("/account/uitloggen/", "get", 405, "Methode niet toegestaan"),
    ]:
        r = getattr(client, methode)(pad)
        html = r.content.decode()
        assert r.status_code == status, pad
        assert kop in html and 'class="utrecht-page-header kop"' in html and "voet__crisis" in html, pad
        assert 'aria-label="Hoofdmenu"' in html, pad


@pytest.mark.django_db
def test_400_en_500_in_de_opmaak(rf):
    from django.contrib.auth.models import AnonymousUser

    from flevojeugd.views import ongeldig_verzoek, serverfout

    verzoek = rf.get("/iets/")
    verzoek.user = AnonymousUser()
    r = ongeldig_verzoek(verzoek)
    assert r.status_code == 400 and b"Ongeldig verzoek" in r.content and b"voet__crisis" in r.content
    r = serverfout(verzoek)
    html = r.content.decode()
    assert r.status_code == 500 and "Er ging iets mis" in html
    assert 'class="utrecht-page-header kop"' in html and "voet__crisis" in html and "css/app.css" in html


@pytest.mark.django_db
def test_uitloggen_zegt_dat_u_bent_uitgelogd(client, settings):
    _ingelogd(client, settings)
    r = client.post("/account/uitloggen/", follow=True)
    assert r.redirect_chain[-1][0].endswith("/account/inloggen/")
    assert "U bent uitgelogd." in r.content.decode()


@pytest.mark.django_db
def test_favicon(client):
    html = client.get("/account/inloggen/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html
    r = client.get("/favicon.ico")
    assert r.status_code == 301 and r["Location"] == "/static/favicon.ico"
    assert (Path(django_settings.BASE_DIR) / "static" / "favicon.ico").stat().st_size > 0


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=False)
def test_paginas_worden_gecomprimeerd(client, settings):
    _ingelogd(client, settings)
    r = client.get("/crisis/", HTTP_ACCEPT_ENCODING="gzip")
    assert r["Content-Encoding"] == "gzip"
    assert "Dagoverzicht" in gzip.decompress(r.content).decode()


@pytest.mark.django_db
def test_buiten_kantoortijd_noemen_dagoverzicht_en_bevestiging_het_nummer(client, settings):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 17, 30, tzinfo=TZ), tick=False):
        _ingelogd(client, settings)
        html = client.get("/crisis/").content.decode()
        assert '(<a class="utrecht-link" href="tel:08001234567">0800-1234567</a>)' in html
        r = client.post(
            "/crisis/aanmelden/",
            {
                "voornaam": "Sanne",
                "achternaam": "Fictief",
                "geboortedatum": "2013-06-06",
                "gemeente": "almere",
                "hulpvraag": "verblijf",
                "bron": "toegang",
            },
            follow=True,
        )
    assert "Bij acute nood: bel de 24-uurs crisisdienst op 0800-1234567." in r.content.decode()
