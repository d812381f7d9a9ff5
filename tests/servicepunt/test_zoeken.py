"""Finding a decision: the page and the API share one FilterSet, search only within what the user
may see, take personal terms only in a POST body and answer bad values in Dutch."""

import datetime

import pytest
import time_machine

from kern.models import Voorziening
from servicepunt.models import Beschikking, Plaatsing
from tests.factories import JeugdigeFactory, persona

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
LIJST = "/servicepunt/beschikkingen/zoeken/"
API = "/api/v1/servicepunt/beschikkingen/"
ZOEKEN = "/api/v1/servicepunt/beschikkingen/zoeken/"


@pytest.fixture
def wereld(db, settings):
    settings.TWEESTAPS_VERPLICHT = False
    sp = persona("servicepunt")

    def beschikking(gemeente, dag, **jeugdige):
        j = JeugdigeFactory(gemeente_id=gemeente, **jeugdige)
        return Beschikking.objects.create(
            jeugdige=j,
            zorgtype_id="pleegzorg",
            afgegeven_op=dag,
            gemeente_id=gemeente,
            brp_gemeente_id=gemeente,
            geregistreerd_door=sp,
        )

    with time_machine.travel(NU, tick=False):
        w = {
            "sp": sp,
            "almere": beschikking("almere", datetime.date(2026, 11, 1), voornaam="Noor", bsn="111222333"),
            "geplaatst": beschikking("almere", datetime.date(2026, 9, 1), voornaam="Milan"),
            "urk": beschikking("urk", datetime.date(2026, 11, 2), voornaam="Noor", bsn="123456782"),
        }
        Plaatsing.objects.create(
            beschikking=w["geplaatst"],
            voorziening=Voorziening.objects.get(naam="Pleegzorg Flevoland"),
            startdatum=datetime.date(2026, 9, 5),
        )
        yield w


def ids(r):
    if r["Content-Type"].startswith("application/json"):
        return [b["id"] for b in r.json()["results"]]
    return [b.pk for b in r.context["pagina"]]


def test_filters_status_gemeente_periode_nummer_en_sorteren(client, wereld):
    client.force_login(wereld["sp"])
    w = wereld
    assert ids(client.get(LIJST, {"status": "geplaatst"})) == [w["geplaatst"].pk]
    assert set(ids(client.get(LIJST, {"status": "wachtend"}))) == {w["almere"].pk, w["urk"].pk}
    assert ids(client.get(LIJST, {"gemeente": "urk"})) == [w["urk"].pk]
    assert ids(client.get(LIJST, {"van": "2026-10-01", "tot": "2026-11-01"})) == [w["almere"].pk]
    assert ids(client.get(LIJST, {"nummer": str(w["geplaatst"].pk)})) == [w["geplaatst"].pk]
    assert ids(client.get(LIJST, {"sorteer": "afgegeven"}))[0] == w["geplaatst"].pk
    assert ids(client.get(LIJST))[0] == w["urk"].pk  # newest first


def test_bsn_van_een_andere_gemeente_vindt_niets(client, api, wereld):
    toegang = persona("toegang", gemeente_id="almere")
    client.force_login(toegang)
    assert ids(client.post(LIJST, {"bsn": "123456782"})) == []
    assert ids(client.post(LIJST, {"naam": "noor"})) == [wereld["almere"].pk]
    assert api(toegang).post(ZOEKEN, {"bsn": "123456782"}, format="json").json()["count"] == 0
    assert ids(api(toegang).post(ZOEKEN, {"bsn": "111222333"}, format="json")) == [wereld["almere"].pk]


def test_ongeldige_waarden_en_persoonsgegevens_in_de_url(client, api, wereld):
    client.force_login(wereld["sp"])
    r = client.get(LIJST, {"nummer": "abc", "status": "zoek", "naam": "Noor"})
    assert r.status_code == 200 and set(r.context["filter"].errors) == {"nummer", "status", "naam"}
    c = api(wereld["sp"])
    r = c.get(API, {"tot": "2026-02-30"})
    assert r.status_code == 400 and "tot" in r.json()
    assert c.get(API, {"bsn": "111222333"}).status_code == 400
    assert ids(c.get(API, {"status": "geplaatst"})) == [wereld["geplaatst"].pk]
