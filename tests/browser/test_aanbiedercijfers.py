"""#14.3: a provider reads its own quarterly figures from its menu, picks a quarter and sees
labelled counts in captioned tables. axe on every page."""

import pytest
from django.utils import timezone

from kern.aggregaties import Kwartaal
from tests.conftest import aanbieder_persona
from tests.crisis.helpers import AANMELDINGEN
from tests.crisis.test_verdelen_en_inzet import nieuwe, verdeel
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_aanbieder_leest_eigen_kwartaalcijfers(pagina, axe, api):
    ccp = persona("ccp", username="cas")
    heerenloo = aanbieder_persona("sheerenloo")
    pk = nieuwe(api, ccp)
    assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
    api(heerenloo).post(f"{AANMELDINGEN}{pk}/weigeren/", {"reden": "geen_capaciteit"}, format="json")
    totp_apparaat(heerenloo)
    inloggen(pagina, axe, heerenloo)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Kwartaalcijfers van uw organisatie"
    ).click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)
    kwartaal = str(Kwartaal.van_datum(timezone.localdate()))
    pagina.get_by_label("Kwartaal").fill(kwartaal)
    pagina.get_by_role("button", name="Toon").click()
    pagina.wait_for_selector(f"caption:has-text('Toewijzingen aan') >> text={kwartaal}")
    axe.controleer(pagina)
    tabel = pagina.get_by_role("table", name=f"Weigeringen per reden in {kwartaal}")
    assert "geen_capaciteit" not in tabel.inner_text()
    assert tabel.get_by_role("row").filter(has_text="1").count() >= 1
    # A quarter that is not one: a Dutch form error, no table.
    pagina.get_by_label("Kwartaal").fill("2026-Q9")
    pagina.get_by_role("button", name="Toon").click()
    pagina.wait_for_selector("text=Schrijf het kwartaal als 2026-Q3.")
    axe.controleer(pagina)
