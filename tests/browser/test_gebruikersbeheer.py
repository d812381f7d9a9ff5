"""The functional administrator manages a user in /beheer/ in the browser: a new access worker
(first without a municipality: the Dutch error at the field), a two-factor reset, and a
regional setting with its history. axe on every page."""

import pytest

from accounts.models import Gebruiker
from audit.models import AuditRegel
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beheerder_maakt_een_gebruiker_aan_en_laat_tweestaps_opnieuw_instellen(pagina, axe):
    beheer = persona("beheer", username="bea", is_staff=True)
    totp_apparaat(beheer)
    inloggen(pagina, axe, beheer)
    pagina.goto("/beheer/")
    axe.controleer(pagina)
    pagina.get_by_role("link", name="Gebruikers", exact=True).click()
    axe.controleer(pagina)
    pagina.get_by_role("link", name="Gebruiker toevoegen").click()
    axe.controleer(pagina)

    pagina.get_by_label("Gebruikersnaam:", exact=True).fill("nieuwe-toegang")
    pagina.get_by_label("Voornaam:", exact=True).fill("Noor")
    pagina.get_by_label("Achternaam:", exact=True).fill("Fictief")
    pagina.get_by_label("Rol:", exact=True).select_option("toegang")
    pagina.get_by_label("Tijdelijk wachtwoord:", exact=True).fill("Flevo-tijdelijk-2026!")
    pagina.get_by_label("Tijdelijk wachtwoord (nogmaals):", exact=True).fill("Flevo-tijdelijk-2026!")
    pagina.get_by_role("button", name="Opslaan", exact=True).click()
    pagina.wait_for_selector("text=Een medewerker lokale toegang hoort bij een gemeente.")
    axe.controleer(pagina)  # the error state
    assert pagina.get_by_label("Gebruikersnaam:", exact=True).input_value() == "nieuwe-toegang"  # kept
    pagina.get_by_label("Gemeente:", exact=True).select_option(label="Almere")
    pagina.get_by_label("Tijdelijk wachtwoord:", exact=True).fill("Flevo-tijdelijk-2026!")
    pagina.get_by_label("Tijdelijk wachtwoord (nogmaals):", exact=True).fill("Flevo-tijdelijk-2026!")
    pagina.get_by_role("button", name="Opslaan", exact=True).click()
    pagina.wait_for_selector("text=nieuwe-toegang")
    axe.controleer(pagina)
    nieuw = Gebruiker.objects.get(username="nieuwe-toegang")
    assert nieuw.gemeente_id == "almere" and not nieuw.is_staff

    # A colleague lost their phone: two-factor is set up again at the next login.
    collega = persona("ccp", username="carla")
    totp_apparaat(collega)
    pagina.goto("/beheer/accounts/gebruiker/")
    pagina.get_by_role("checkbox", name="Selecteer dit object voor een actie - carla").check()
    pagina.locator('select[name="action"]').select_option("tweestaps_herstellen")
    pagina.get_by_role("button", name="Uitvoeren").click()
    pagina.wait_for_selector("text=Tweestapsverificatie gewist")
    axe.controleer(pagina)
    assert not collega.totpdevice_set.exists()
    assert AuditRegel.objects.filter(onderwerp="accounts.tweestaps", onderwerp_id=str(collega.pk)).exists()

    # The regional settings, with their history.
    pagina.goto("/beheer/kern/regioinstelling/")
    axe.controleer(pagina)
    pagina.get_by_role("link", name="Regionale instellingen").last.click()
    axe.controleer(pagina)
    pagina.get_by_label("Telefoon 24-uurs crisisdienst:", exact=True).fill("0320-246800")
    pagina.get_by_role("button", name="Opslaan", exact=True).click()
    pagina.wait_for_selector(".messagelist")
    axe.controleer(pagina)
    from kern.models import Regioinstelling

    r = Regioinstelling.huidige()
    assert r.crisisdienst_telefoon == "0320-246800"
    pagina.goto(f"/beheer/kern/regioinstelling/{r.pk}/history/")
    pagina.wait_for_selector("text=bea")
    axe.controleer(pagina)
