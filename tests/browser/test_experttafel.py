"""The chair plans a year and the designated official submits a case, in the browser."""

import pytest

from experttafel.models import Casus, Sessie
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inbrengen_en_de_voorzitter_plant_en_adviseert(pagina, axe):
    dewi = persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True, email="dewi@example.org")
    totp_apparaat(dewi)
    inloggen(pagina, axe, dewi)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Casus inbrengen").click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)
    pagina.get_by_role("button", name="Casus inbrengen").click()  # empty: field messages
    pagina.wait_for_selector(".fout")
    axe.controleer(pagina)
    pagina.get_by_label("Jeugdige en gezin").fill("Gezin met drie kinderen, vader GGZ-problematiek.")
    pagina.get_by_label("Vraag aan de experttafel").fill("Welke hulp past bij dit gezin?")
    pagina.get_by_label("Wat is lokaal geprobeerd").fill("Gezinscoaching en schoolmaatschappelijk werk.")
    pagina.get_by_label("Onderwijs").check()
    pagina.get_by_role("button", name="Casus inbrengen").click()
    pagina.wait_for_selector("text=is ingebracht")
    axe.controleer(pagina)
    casus = Casus.objects.get()
    assert casus.jeugdige is None and casus.gemeente_id == "dronten"
    pagina.goto("/experttafel/leercirkel/")
    axe.controleer(pagina)

    renee = persona("ret_voorzitter", username="renee")
    totp_apparaat(renee)
    pagina.context.clear_cookies()
    inloggen(pagina, axe, renee)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Experttafel").click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)
    pagina.get_by_role("button", name="volgens de cadans").click()
    pagina.wait_for_selector("text=staan in de planning")
    axe.controleer(pagina)
    assert Sessie.objects.count() >= 1
    pagina.get_by_role("link", name=f"Casus {casus.pk}").first.click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)
