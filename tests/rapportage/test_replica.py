"""#14.5: figures are read through the replica alias when DATABASE_REPLICA_URL is set, and from
the primary when it is not. The suite's replica is a TEST MIRROR of the primary."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext

from flevojeugd.routers import ReplicaRouter, van_replica
from tests.factories import persona

DATA = Path(__file__).parent.parent / "data"
URL = "/api/v1/rapportage/ccp/2026-Q3/"


def test_replica_is_een_testspiegel_en_wordt_nooit_gemigreerd():
    assert settings.DATABASES["replica"]["TEST"]["MIRROR"] == "default"
    assert ReplicaRouter().allow_migrate("replica", "crisis") is False
    assert ReplicaRouter().allow_migrate("default", "crisis") is None
    assert ReplicaRouter().db_for_write(None) == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_cijfers_lezen_van_de_replica_en_anders_van_de_primaire(api, settings):
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    beleid = persona("beleid", username="beleid")
    settings.REPLICA_GEBRUIKEN = False
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert api(beleid).get(URL).json()["aanmeldingen"] == 6
    assert not replica.captured_queries  # no replica configured: the primary answers
    settings.REPLICA_GEBRUIKEN = True
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert api(beleid).get(URL).json()["aanmeldingen"] == 6
    assert any("crisis_aanmelding" in q["sql"] for q in replica.captured_queries)
    # Outside the figures nothing reads from the replica.
    with CaptureQueriesContext(connections["replica"]) as replica:
        api(beleid).get("/api/v1/rapportage/ccp/2026-Q3/?gemeente=bestaatniet")
        from crisis.models import Aanmelding

        Aanmelding.objects.count()
    assert not any("crisis_aanmelding" in q["sql"] for q in replica.captured_queries)
    with van_replica():
        assert ReplicaRouter().db_for_read(None) == "replica"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_de_cijferpaginas_lezen_ook_van_de_replica(client, settings):
    from tests.conftest import aanbieder_persona

    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    settings.REPLICA_GEBRUIKEN = True
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(persona("beleid", username="beleid"))
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert client.get("/crisis/cijfers/?kwartaal=2026-Q3").status_code == 200
    assert any("crisis_aanmelding" in q["sql"] for q in replica.captured_queries)
    client.force_login(aanbieder_persona("triade"))
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert client.get("/rapportage/aanbieder/?kwartaal=2026-Q3").status_code == 200
    assert any("crisis_toewijzing" in q["sql"] for q in replica.captured_queries)
