"""Finding a case of the expert table: one FilterSet for the page and the API, within what the
user may see, personal terms only in a POST body."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from experttafel.models import Casus
from tests.factories import JeugdigeFactory, persona

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
LIJST = "/experttafel/casussen/"
API = "/api/v1/experttafel/casussen/"
ZOEKEN = "/api/v1/experttafel/casussen/zoeken/"


@pytest.fixture
def wereld(db, settings):
    settings.TWEESTAPS_VERPLICHT = False
    inbrenger = persona("toegang", gemeente_id="almere", ret_aanmelder=True)

    def casus(gemeente, dag, status="ingediend", urgentie="normaal", **jeugdige):
        return Casus.objects.create(
            jeugdige=JeugdigeFactory(gemeente_id=gemeente, **jeugdige),
            gemeente_id=gemeente,
            inbrenger=inbrenger,
            vraag="?",
            toestemming=True,
            ingediend_op=timezone.make_aware(datetime.datetime.combine(dag, datetime.time(9))),
            status=status,
            urgentie=urgentie,
        )

    with time_machine.travel(NU, tick=False):
        yield {
            "inbrenger": inbrenger,
            "eva": casus("almere", datetime.date(2026, 10, 1), voornaam="Eva", bsn="111222333", urgentie="spoed"),
            "besproken": casus("almere", datetime.date(2026, 6, 1), status="besproken", voornaam="Sem"),
            "dronten": casus("dronten", datetime.date(2026, 11, 1), voornaam="Eva", bsn="123456782"),
        }


def ids(r):
    if r["Content-Type"].startswith("application/json"):
        return [c["id"] for c in r.json()["results"]]
    return [c.pk for c in r.context["pagina"]]


def test_filters_en_sorteren(client, wereld):
    w = wereld
    client.force_login(persona("ret_voorzitter"))
    assert ids(client.get(LIJST, {"status": "besproken"})) == [w["besproken"].pk]
    assert ids(client.get(LIJST, {"urgentie": "spoed"})) == [w["eva"].pk]
    assert ids(client.get(LIJST, {"gemeente": "dronten"})) == [w["dronten"].pk]
    assert ids(client.get(LIJST, {"van": "2026-09-01", "tot": "2026-10-31"})) == [w["eva"].pk]
    assert ids(client.get(LIJST, {"sorteer": "ingediend"})) == [w["besproken"].pk, w["eva"].pk, w["dronten"].pk]
    assert set(ids(client.post(LIJST, {"naam": "eva"}))) == {w["eva"].pk, w["dronten"].pk}


def test_bsn_van_een_andere_gemeente_vindt_niets(client, api, wereld):
    client.force_login(wereld["inbrenger"])
    assert ids(client.post(LIJST, {"bsn": "123456782"})) == []
    assert ids(client.post(LIJST, {"bsn": "111222333"})) == [wereld["eva"].pk]
    assert api(wereld["inbrenger"]).post(ZOEKEN, {"bsn": "123456782"}, format="json").json()["count"] == 0


def test_ongeldige_waarden(client, api, wereld):
    client.force_login(persona("ret_voorzitter"))
    r = client.get(LIJST, {"urgentie": "morgen", "van": "1-1"})
    assert r.status_code == 200 and set(r.context["filter"].errors) == {"urgentie", "van"}
    c = api(persona("ret_lid"))
    r = c.get(API, {"status": "weg"})
    assert r.status_code == 400 and "status" in r.json()
    assert c.get(API, {"naam": "Eva"}).status_code == 400
    assert ids(c.post(ZOEKEN, {"naam": "eva", "gemeente": "almere"}, format="json")) == [wereld["eva"].pk]
