"""Security at login, in the browser: lockout, two-factor, session expiry, CSRF."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import WACHTWOORD, persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_blokkade_na_vijf_foute_wachtwoorden(pagina, axe):
    persona("ccp", username="carla")
    pagina.goto("/account/inloggen/")
    for _ in range(5):
        pagina.get_by_label("Gebruikersnaam").fill("carla")
        pagina.get_by_label("Wachtwoord").fill("fout-wachtwoord")
        pagina.get_by_role("button", name="Inloggen").click()
        pagina.wait_for_selector("h1")
    # The fifth failure locks the account: even the right password no longer helps.
    pagina.wait_for_selector("text=Tijdelijk geblokkeerd")
    pagina.goto("/account/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill("carla")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_selector("text=Tijdelijk geblokkeerd")
    axe.controleer(pagina)


def test_verlopen_sessie_en_csrf(pagina, axe):
    carla = persona("ccp", username="carla")
    totp_apparaat(carla)
    inloggen(pagina, axe, carla)
    pagina.goto("/crisis/aanmelden/")
    # A tampered CSRF token: the form is refused.
    pagina.evaluate("document.querySelectorAll('input[name=csrfmiddlewaretoken]').forEach(i => i.value = 'vervalst')")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Aanmelding versturen").click()
    assert "Dit formulier is verlopen" in pagina.content()
    axe.controleer(pagina)
    # Thirty minutes without activity: the session has expired and the login page returns.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    pagina.goto("/crisis/")
    pagina.wait_for_selector("h1")
    assert "/account/inloggen/" in pagina.url
    axe.controleer(pagina)
