"""The CCP corrects a wrong start date on the referral page: a required reason, the history shows
the earlier value, and the page stays accessible (axe) with the correction form open."""

import datetime

import pytest
from django.utils import timezone

from crisis import services
from kern.models import Gemeente, Hulpvorm
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ccp_corrigeert_een_startdatum_met_reden(pagina, axe):
    ccp = persona("ccp", username="carla")
    totp_apparaat(ccp)
    aanmelding = services.aanmelden(
        ccp,
        jeugdige={
            "voornaam": "Sanne",
            "achternaam": "Fictief",
            "geboortedatum": datetime.date(2015, 6, 1),
            "gemeente": Gemeente.objects.get(code="almere"),
        },
        hulpvraag="ambulant",
    )
    vandaag = timezone.localdate()
    inzet = services.inzetten(ccp, aanmelding, hulpvorm=Hulpvorm.objects.get(code="ambulant"), startdatum=vandaag)
    inloggen(pagina, axe, ccp)
    pagina.goto(f"/crisis/aanmeldingen/{aanmelding.pk}/")
    pagina.get_by_text("Ambulant vanaf").filter(has_text="corrigeren").click()
    axe.controleer(pagina)
    gisteren = vandaag - datetime.timedelta(days=1)
    pagina.locator(f"#id_corr{inzet.pk}-startdatum").fill(gisteren.isoformat())
    pagina.locator(f"#id_corr{inzet.pk}-reden").fill("De crisisdienst begon de avond ervoor")
    pagina.locator(f"input[value='corrigeer-{inzet.pk}'] ~ button").click()
    pagina.wait_for_selector("text=Opgeslagen.")
    pagina.get_by_text("1 correctie bekijken").click()  # the history is folded below the state
    geschiedenis = pagina.locator("table", has_text="Correcties").inner_text()
    assert f"{vandaag:%d-%m-%Y}" in geschiedenis and f"{gisteren:%d-%m-%Y}" in geschiedenis
    assert "De crisisdienst begon de avond ervoor" in geschiedenis
    axe.controleer(pagina)
