"""Schemathesis against our own OpenAPI schema, in process, for every endpoint and every role's
token: no input may produce a 500, and no response may break its own schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accounts.models import Rol
from flevojeugd.wsgi import application
from tests.factories import persona, token_voor

# Loaded once at collection; the schema view needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def _verbinding_open_houden():
    """Like Django's test client: keep the test's connection across in-process requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db):
    extra = {Rol.TOEGANG: {"ret_aanmelder": True}, Rol.GI: {"ret_aanmelder": True}}
    return {rol: token_voor(persona(rol, username=f"fuzz-{rol}", **extra.get(rol, {}))) for rol in Rol.values}


@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_geen_500_en_antwoorden_volgen_het_schema(case, tokens):
    for token in tokens.values():
        case.call_and_validate(
            # identity: the schema describes the JSON, not the gzip the middleware sends a browser
            headers={"Authorization": f"Token {token}", "Accept-Encoding": "identity"},
            checks=[not_a_server_error, response_schema_conformance],
        )
