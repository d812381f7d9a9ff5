"""The functional administrator imports the historical registration in the browser: upload,
progress, result page; the 405 page of a POST-only address. axe on every page."""

from pathlib import Path

import pytest

from crisis.models import Aanmelding
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).parent.parent / "data"


def test_beheerder_importeert_en_ziet_het_resultaat(pagina, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    beheer = persona("beheer", username="bea", is_staff=True)
    totp_apparaat(beheer)
    inloggen(pagina, axe, beheer)
    pagina.goto("/crisis/importeren/")
    axe.controleer(pagina)
    pagina.get_by_label("CSV-bestand").set_input_files(str(DATA / "ccp_2026q3.csv"))
    pagina.get_by_role("button", name="Inlezen").click()
    pagina.wait_for_selector("text=7 aanmeldingen en 5 inzetten ingelezen")
    axe.controleer(pagina)
    assert Aanmelding.objects.count() == 7

    fout = tmp_path / "fout.csv"
    kop = (DATA / "ccp_2026q3.csv").read_text().splitlines()[0]
    fout.write_text(f"{kop}\nZ1,C1,2026-07-01,2016-01-01,nergens,,alternatief,,,,\n", encoding="utf-8")
    pagina.goto("/crisis/importeren/")
    pagina.get_by_label("CSV-bestand").set_input_files(str(fout))
    pagina.get_by_role("button", name="Inlezen").click()
    pagina.wait_for_selector("text=regel 2: onbekende gemeente")
    axe.controleer(pagina)
    pagina.goto("/crisis/importeren/")
    axe.controleer(pagina)  # with the list of earlier imports

    antwoord = pagina.goto("/servicepunt/landschap/")  # POST only
    assert antwoord.status == 405
    pagina.wait_for_selector("text=niet toegestaan")
    axe.controleer(pagina)
