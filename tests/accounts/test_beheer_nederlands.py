"""/beheer/ speaks Dutch (issue #15.3): every page functional administration can reach (index,
each changelist, add form, a change form, a history page) shows no English admin wording,
third-party apps (django-axes, django-simple-history) included; and the technical superuser's
index names no English app or model either."""

import html
import re

import pytest
from axes.models import AccessAttempt
from django.contrib import admin

from kern.models import Sluitingsdag

pytestmark = pytest.mark.django_db

ENGELS = [
    "Access attempts",
    "Access attempt",
    "access logs",
    "access failures",
    "TOTP devices",
    "TOTP device",
    "Otp_Totp",
    "Django_Otp",
    "Simple_History",
    "Axes",
    "Site administration",
    "Django administration",
    "Recent actions",
    "Add ",
    "Change history",
    "Select ",
    " to change",
    "Save and ",
    "Log out",
    "View site",
    "Welcome",
    "Attempt Time",
    "Failed Logins",
    "IP Address",
    "User Agent",
    "Locked Out",
    "Date/time",
    "Changed by",
    "Change reason",
    "Revert",
    "History",
    "Model name",
    "Add link",
    "Change or view list",
    "Error:",
    "Search",
    "Home",
    "Yes",
    "No ",
]


def zichtbare_tekst(inhoud: str) -> str:
    inhoud = re.sub(r"<(script|style)\b.*?</\1>", " ", inhoud, flags=re.S)
    titels = " ".join(re.findall(r'(?:title|aria-label|placeholder|value)="([^"]*)"', inhoud))
    return html.unescape(re.sub(r"<[^>]+>", " ", inhoud) + " " + titels)


def engels_op(client, pad: str) -> list[str]:
    r = client.get(pad)
    assert r.status_code == 200, pad
    tekst = zichtbare_tekst(r.content.decode())
    return [w for w in ENGELS if w in tekst]


def test_elke_beheerpagina_van_functioneel_beheer_is_nederlands(client, settings, beheer):
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(beheer)
    Sluitingsdag.objects.create(datum="2026-12-24", omschrijving="Brugdag")
    AccessAttempt.objects.create(
        username="x", ip_address="10.0.0.1", user_agent="x", failures_since_start=5, get_data="", post_data=""
    )
    bezocht, fouten = [], {}
    paden = ["/beheer/"]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        basis = f"/beheer/{opts.app_label}/{opts.model_name}/"
        if not beheer.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        paden.append(basis)
        if beheer.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            paden.append(basis + "add/")
        obj = model_admin.get_queryset(type("R", (), {"user": beheer})()).first()
        if obj is not None:
            paden += [f"{basis}{obj.pk}/change/", f"{basis}{obj.pk}/history/"]
    for pad in paden:
        gevonden = engels_op(client, pad)
        bezocht.append(pad)
        if gevonden:
            fouten[pad] = gevonden
    assert not fouten, fouten
    # The walk reached the pages the issue names.
    for pad in ("/beheer/accounts/gebruiker/add/", "/beheer/axes/accessattempt/", "/beheer/kern/sluitingsdag/"):
        assert pad in bezocht


def test_ook_de_index_van_de_technische_superuser_is_nederlands(client, settings):
    from accounts.models import Gebruiker

    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(Gebruiker.objects.create_superuser("root", password="x" * 12))
    tekst = zichtbare_tekst(client.get("/beheer/").content.decode())
    assert [w for w in ("Access attempts", "TOTP devices", "access logs", "Axes", "Otp_Totp") if w in tekst] == []
    assert "Inlogpogingen" in tekst and "Inlogbeveiliging" in tekst


def test_ook_elke_lijst_van_de_technische_superuser_is_nederlands(client, settings):
    from accounts.models import Gebruiker

    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(Gebruiker.objects.create_superuser("root", password="x" * 12))
    fouten = {}
    for model in admin.site._registry:
        pad = f"/beheer/{model._meta.app_label}/{model._meta.model_name}/"
        gevonden = engels_op(client, pad)
        if gevonden:
            fouten[pad] = gevonden
    assert not fouten, fouten
