"""Policy staff enter the KPI's denominator in the browser (form and CSV) and read the figures
page with its trend chart; the CCP requests its own report. axe on every page."""

import pytest

from rapportage.models import JeugdzorgTrajecten
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beleid_legt_jeugdzorgtrajecten_vast_en_leest_de_cijfers(pagina, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    beleid = persona("beleid", username="bep")
    inloggen(pagina, axe, beleid, met_tweestaps=False)  # policy staff see no personal data
    pagina.goto("/rapportage/")
    axe.controleer(pagina)
    pagina.get_by_role("link", name="Jeugdzorgtrajecten per kwartaal vastleggen").click()
    axe.controleer(pagina)
    pagina.get_by_label("Gemeente").select_option("almere")
    pagina.get_by_label("Jeugdzorgtrajecten in het kwartaal").fill("2140")
    pagina.get_by_role("button", name="Vastleggen").click()
    pagina.wait_for_selector("text=vastgelegd")
    axe.controleer(pagina)
    assert JeugdzorgTrajecten.objects.get(gemeente_id="almere").aantal == 2140
    csv = tmp_path / "noemers.csv"
    csv.write_text("gemeente,kwartaal,aantal\nurk,2099-Q1,10\n", encoding="utf-8")
    pagina.get_by_label("CSV-bestand").set_input_files(str(csv))
    pagina.get_by_role("button", name="Inlezen").click()
    pagina.wait_for_selector("text=Niets vastgelegd")
    axe.controleer(pagina)
    pagina.goto("/crisis/cijfers/?kwartaal=2024-Q1")
    pagina.wait_for_selector("text=Geen gegevens over 2024-Q1")
    axe.controleer(pagina)


def test_ccp_vraagt_het_eigen_rapport_aan(pagina, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ccp = persona("ccp", username="cora")
    totp_apparaat(ccp)
    inloggen(pagina, axe, ccp)
    pagina.goto("/rapportage/")
    axe.controleer(pagina)
    pagina.get_by_role("button", name="Aanvragen").click()
    pagina.wait_for_selector("text=is aangevraagd")
    axe.controleer(pagina)
