"""An attacker's JSON body: nested deeper than the parser can follow is a 400, never a 500."""

import pytest

from tests.factories import persona

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pad", ["/api/v1/crisis/aanmeldingen/zoeken/", "/api/v1/crisis/aanmeldingen/"])
def test_een_diep_geneste_json_body_is_400(api, pad):
    body = "[" * 100_000 + "]" * 100_000
    r = api(persona("ccp")).post(pad, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="diep-1")
    assert r.status_code == 400
