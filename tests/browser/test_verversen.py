"""#15.1: the bed board refreshes itself every 30 seconds (htmx), so two coordinators never act on
stale numbers, and pauses while a form on it is in use; the refreshed board passes axe."""

import pytest

from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _is_poll(verzoek) -> bool:
    return verzoek.headers.get("hx-request") == "true" and "/crisis/beschikbaarheid/" in verzoek.url


def test_het_bord_ververst_zichzelf_en_wacht_als_u_een_formulier_gebruikt(pagina, axe):
    ccp = persona("ccp", username="carla")
    totp_apparaat(ccp)
    inloggen(pagina, axe, ccp)
    pagina.clock.install()
    pagina.goto("/crisis/beschikbaarheid/")
    pagina.wait_for_selector("#ververst")
    with pagina.expect_request(_is_poll):
        pagina.clock.run_for(31_000)
    pagina.wait_for_load_state("networkidle")
    pagina.wait_for_selector("#ververst table")
    axe.controleer(pagina)
    # A form in use (focus inside it) is never replaced under the user's hands.
    polls = []
    pagina.on("request", lambda r: polls.append(r.url) if _is_poll(r) else None)
    pagina.locator("#ververst form button").first.focus()
    pagina.clock.run_for(65_000)
    pagina.wait_for_timeout(500)
    assert polls == []
    # Out of the form again: the board refreshes.
    pagina.locator("h1").click()
    with pagina.expect_request(_is_poll):
        pagina.clock.run_for(31_000)
