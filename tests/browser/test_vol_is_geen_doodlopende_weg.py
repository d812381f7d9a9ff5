"""A full crisis group is never a dead end: the page names the alternatives, and the CCP can place
above capacity with a reason, visible on the bed board. axe-core on every page."""

import datetime

import pytest

from crisis import services
from crisis.models import Escalatie
from kern.models import Gemeente, Hulpvorm, Voorziening
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _verwijzing(ccp, geboortedatum):
    a = services.aanmelden(
        ccp,
        jeugdige={
            "voornaam": "Noor",
            "achternaam": "Fictief",
            "geboortedatum": geboortedatum,
            "gemeente": Gemeente.objects.get(code="almere"),
        },
        hulpvraag="verblijf",
    )
    return services.trieren(ccp, a, ernst="acuut")


def test_een_volle_groep_noemt_alternatieven_en_het_ccp_plaatst_boven_capaciteit(pagina, axe):
    ccp = persona("ccp", username="carla")
    totp_apparaat(ccp)
    bed = Voorziening.objects.get(type_id="crisisgroep_12plus")
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    vandaag = datetime.date.today()
    eerste = _verwijzing(ccp, datetime.date(2011, 1, 1))
    services.inzetten(
        ccp,
        eerste,
        hulpvorm=Hulpvorm.objects.get(code="crisisbed"),
        startdatum=vandaag,
        voorziening=bed,
        ambulant_door="lokaal_team",
    )
    tweede = _verwijzing(ccp, datetime.date(2010, 5, 5))

    inloggen(pagina, axe, ccp)
    pagina.goto(f"/crisis/aanmeldingen/{tweede.pk}/")
    pagina.get_by_label("Hulpvorm").select_option("crisisbed")
    pagina.get_by_label("Crisisvoorziening").select_option(str(bed.pk))
    pagina.get_by_label("Startdatum").fill(vandaag.isoformat())
    pagina.locator("#id_ambulant_door").select_option("lokaal_team")
    pagina.get_by_role("button", name="Inzet vastleggen").click()
    pagina.wait_for_selector("text=dit zijn de alternatieven")
    tekst = pagina.inner_text("main")
    assert "24-uurs crisisdienst" in tekst and "vrij" in tekst
    axe.controleer(pagina)

    pagina.get_by_label("Hulpvorm").select_option("crisisbed")
    pagina.get_by_label("Crisisvoorziening").select_option(str(bed.pk))
    pagina.get_by_label("Startdatum").fill(vandaag.isoformat())
    pagina.locator("#id_ambulant_door").select_option("lokaal_team")
    pagina.get_by_label("Boven capaciteit plaatsen").check()
    pagina.get_by_label("Reden plaatsing boven capaciteit").fill("Acuut onveilig thuis; geen andere plek vannacht")
    pagina.get_by_role("button", name="Inzet vastleggen").click()
    pagina.wait_for_selector("text=Opgeslagen.")
    axe.controleer(pagina)
    assert Escalatie.objects.filter(voorziening=bed).count() == 1

    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Crisisbedden").click()
    pagina.wait_for_selector("h1")
    assert "boven capaciteit: 1" in pagina.inner_text("main")
    axe.controleer(pagina)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dagoverzicht CCP").click()
    pagina.wait_for_selector("h1")
    assert "Boven capaciteit geplaatst" in pagina.inner_text("main")
    axe.controleer(pagina)
