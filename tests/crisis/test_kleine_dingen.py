"""Small things users notice on the CCP pages (issue 15.6)."""

import pytest

from tests.factories import persona


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _hint(response) -> str:
    html = response.content.decode()
    if 'id="hint-zonder-loket"' not in html:
        return ""
    return html.split('id="hint-zonder-loket">')[1].split("</p>")[0]


@pytest.mark.django_db
def test_de_hint_over_lelystad_en_urk_alleen_voor_wie_het_aangaat(client):
    client.force_login(persona("toegang", gemeente_id="almere"))
    assert _hint(client.get("/crisis/aanmelden/")) == ""
    client.force_login(persona("toegang", gemeente_id="lelystad"))
    hint = _hint(client.get("/crisis/aanmelden/"))
    assert hint.startswith("Lelystad (Jeugd Lelystad) organiseert") and "Urk" not in hint
    client.force_login(persona("ccp"))
    hint = _hint(client.get("/crisis/aanmelden/"))
    assert "Lelystad" in hint and "Urk" in hint and "organiseren" in hint
