"""The worklist of perspective direction is paginated: signals first, one page shown and audited."""

import pytest

from audit.models import AuditRegel
from tests.factories import TrajectFactory, persona


@pytest.mark.django_db
def test_de_werklijst_is_gepagineerd(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    TrajectFactory.create_batch(60)
    client.force_login(persona("toegang", gemeente_id="almere"))
    voor = AuditRegel.objects.count()
    eerste = client.get("/perspectiefregie/")
    assert eerste.status_code == 200 and len(eerste.context["rijen"]) == 50
    assert AuditRegel.objects.count() - voor == 50  # only the shown youths are in the trail
    assert "Pagina 1 van 2 (60 trajecten)" in eerste.content.decode()
    assert len(client.get("/perspectiefregie/", {"pagina": "2"}).context["rijen"]) == 10
    assert client.get("/perspectiefregie/", {"pagina": "x"}).status_code == 200
