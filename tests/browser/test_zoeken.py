"""Finding a youth's referral in seconds: the CCP filters, searches by name and BSN (the search
posts, so nothing personal appears in the URL), pages through the results and meets a Dutch
message at a bad value; the report request shows that it is busy. axe on every state."""

import datetime

import pytest
from django.utils import timezone

from crisis.models import Aanmelding
from tests.factories import JeugdigeFactory, persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _aanmeldingen(n):
    nu = timezone.now()
    for i in range(n):
        j = JeugdigeFactory(
            voornaam="Sanne" if i == 7 else f"Kind{i}",
            achternaam="Zoekvoorbeeld" if i == 7 else "Fictief",
            bsn="111222333" if i == 7 else None,
            gemeente_id="almere" if i % 3 else "dronten",
        )
        Aanmelding.objects.create(
            registratienummer=f"CCP-2026-{i:04}",
            jeugdige=j,
            gemeente_id=j.gemeente_id,
            hulpvraag="ambulant",
            bron="toegang",
            aangemeld_op=nu - datetime.timedelta(hours=i),
            aanmelddatum=timezone.localdate() - datetime.timedelta(days=i // 10),
            leeftijdsgroep="12+",
            loket_open=True,
            behandelen_voor=nu,
            status="afgesloten" if i % 4 == 0 else "nieuw",
        )


def test_ccp_vindt_een_aanmelding_op_naam_en_bsn_zonder_dat_die_in_de_url_komen(pagina, axe):
    _aanmeldingen(60)
    ccp = persona("ccp", username="carla")
    totp_apparaat(ccp)
    inloggen(pagina, axe, ccp)
    pagina.goto("/crisis/aanmeldingen/")
    axe.controleer(pagina)
    assert "60 gevonden; pagina 1 van 3" in pagina.inner_text("nav[aria-label=Paginering]")

    # Filters: municipality and status, sorted by registration number.
    pagina.get_by_label("Gemeente").select_option("dronten")
    pagina.get_by_label("Status").select_option("afgesloten")
    pagina.get_by_label("Sorteren").select_option("registratienummer")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_selector("text=gevonden")
    rijen = pagina.locator("tbody tr")
    assert rijen.count() == 5  # i = 0, 12, 24, 36, 48
    assert rijen.first.inner_text().startswith("CCP-2026-0000")
    axe.controleer(pagina)

    # A name search: the URL keeps no name.
    pagina.goto("/crisis/aanmeldingen/")
    pagina.get_by_label("Naam").fill("sanne zoekvoorbeeld")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_selector("text=1 gevonden")
    assert "CCP-2026-0007" in pagina.inner_text("tbody")
    assert "sanne" not in pagina.url.lower() and "zoekvoorbeeld" not in pagina.url.lower()
    axe.controleer(pagina)

    # A BSN search, then a bad BSN: a Dutch message at the field, not an error page.
    pagina.get_by_label("Naam").fill("")
    pagina.get_by_label("BSN").fill("111222333")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_selector("text=1 gevonden")
    assert "111222333" not in pagina.url
    pagina.get_by_label("BSN").fill("12ab")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_selector("text=Een BSN bestaat uit 9 cijfers.")
    axe.controleer(pagina)

    # Paging keeps the search: the page buttons post the same form.
    pagina.goto("/crisis/aanmeldingen/")
    pagina.get_by_label("Status").select_option("nieuw")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_selector("text=45 gevonden; pagina 1 van 2")
    pagina.get_by_role("button", name="Volgende").click()
    pagina.wait_for_selector("text=45 gevonden; pagina 2 van 2")
    assert pagina.locator("tbody tr").count() == 20
    assert "Afgesloten" not in pagina.inner_text("tbody")
    axe.controleer(pagina)


def test_een_rapportaanvraag_laat_zien_dat_ze_bezig_is(pagina, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    beleid = persona("beleid", username="bram")
    inloggen(pagina, axe, beleid, met_tweestaps=False)  # policy staff see no personal data
    pagina.goto("/rapportage/")
    axe.controleer(pagina)
    # Keep the page where it is after the click (as while a slow in-process build runs): a
    # listener added after static/js/bezig.js's runs after it and stops the navigation.
    pagina.evaluate("document.addEventListener('submit', e => e.preventDefault())")
    knop = pagina.get_by_role("button", name="Aanvragen")
    knop.click()
    status = pagina.get_by_role("status").filter(has_text="Bezig met het maken van de rapportage")
    status.wait_for()
    assert knop.is_disabled()
    assert pagina.locator("form[aria-busy=true]").count() == 1
    axe.controleer(pagina)


def test_toegang_zoekt_een_jeugdige_in_alle_lijsten(pagina, axe):
    _aanmeldingen(10)  # i = 7 is Sanne (BSN 111222333) in Almere
    toegang = persona("toegang", username="tom", gemeente_id="almere")
    totp_apparaat(toegang)
    inloggen(pagina, axe, toegang)
    pagina.goto("/zoeken/")
    axe.controleer(pagina)
    pagina.get_by_label("BSN").fill("111222333")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_selector("text=Crisisaanmeldingen (1)")
    assert "CCP-2026-0007" in pagina.inner_text("main")
    assert "111222333" not in pagina.url
    axe.controleer(pagina)
    pagina.get_by_label("BSN").fill("1234")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_selector("text=Een BSN bestaat uit 9 cijfers.")
    axe.controleer(pagina)
