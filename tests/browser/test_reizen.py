"""Real logins with two-factor and the work of each role, checked by axe-core on every page."""

import pytest
from django_otp.oath import totp

from crisis.models import Aanmelding
from tests.factories import WACHTWOORD, persona, totp_apparaat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def inloggen(page, axe, user, met_tweestaps=True):
    page.goto("/")
    axe.controleer(page)  # the login page
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    if met_tweestaps:
        page.wait_for_url("**/account/tweestaps/**")
        axe.controleer(page)
        apparaat = user.totpdevice_set.first()
        page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(apparaat.bin_key):06d}")
        page.get_by_role("button", name="Doorgaan").click()
    page.wait_for_selector("h1")


def test_ccp_werkdag(pagina, axe):
    ccp = persona("ccp", username="carla")
    totp_apparaat(ccp)
    inloggen(pagina, axe, ccp)
    # The CCP's day starts on the day overview (#15.1), not on a page of tiles.
    assert pagina.inner_text("h1") == "Dagoverzicht CCP"
    axe.controleer(pagina)
    pagina.get_by_role("link", name="Nieuwe crisisaanmelding").first.click()
    axe.controleer(pagina)
    pagina.get_by_label("Voornaam").fill("Sanne")
    pagina.get_by_label("Achternaam").fill("Fictief")
    pagina.get_by_label("Geboortedatum").fill("2015-06-01")
    pagina.get_by_label("Woongemeente").select_option("almere")
    pagina.get_by_label("Ambulante crisishulp").check()
    pagina.get_by_role("button", name="Aanmelding versturen").click()
    pagina.wait_for_selector("text=Tijdlijn")
    axe.controleer(pagina)
    aanmelding = Aanmelding.objects.get()
    assert f"/crisis/aanmeldingen/{aanmelding.pk}/" in pagina.url
    assert "Sanne" not in pagina.url
    pagina.get_by_label("Ernst").select_option("acuut")
    pagina.get_by_role("button", name="Triage opslaan").click()
    pagina.wait_for_selector("text=Opgeslagen.")
    pagina.get_by_role("button", name="Ambulante crisishulp verdelen").click()
    pagina.wait_for_selector("text=toegewezen aan")
    axe.controleer(pagina)
    for link in ("Dagoverzicht CCP", "Aanmeldingen", "Crisisbedden", "CCP-cijfers"):
        pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=link).click()
        pagina.wait_for_selector("h1")
        axe.controleer(pagina)
    assert len(axe.bezocht) >= 9


def test_tweestaps_instellen_bij_eerste_login(pagina, axe):
    user = persona("toegang", gemeente_id="almere", username="anouk")
    pagina.goto("/account/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill("anouk")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_selector("text=Scan de QR-code")
    axe.controleer(pagina)
    apparaat = user.totpdevice_set.get()
    pagina.get_by_label("Code uit uw authenticator-app").fill(f"{totp(apparaat.bin_key):06d}")
    pagina.get_by_role("button", name="Instellen en doorgaan").click()
    pagina.wait_for_selector("text=Goedendag")
    axe.controleer(pagina)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Crisisbedden").click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)


@pytest.mark.parametrize(
    "rol, extra, links",
    [
        ("beleid", {}, ["CCP-cijfers", "Kwartaalrapportages"]),
        ("aanbieder", {"aanbieder_id": "vitree"}, ["Toewijzingen", "Crisisbedden"]),
        ("ret_voorzitter", {}, ["Experttafel"]),
        ("gi", {}, ["Aanmeldingen"]),
        ("servicepunt", {}, ["Crisisbedden"]),
        ("beheer", {}, []),
        ("ret_lid", {}, ["Experttafel"]),
    ],
)
def test_startpagina_per_rol(pagina, axe, rol, extra, links):
    user = persona(rol, username=f"demo-{rol}", **extra)
    met_tweestaps = rol != "beleid"
    if met_tweestaps:
        totp_apparaat(user)
    inloggen(pagina, axe, user, met_tweestaps)
    axe.controleer(pagina)
    for link in links:
        pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=link).click()
        pagina.wait_for_selector("h1")
        axe.controleer(pagina)
