"""A municipality's own system talks to the API through a client generated from /api/schema/ with
openapi-python-client, a generator nobody here wrote (#15.7): the client is generated without a
warning, every module imports, and it registers a referral on a running server and reads it back.
The schema's promises that make that work are checked on the schema itself below."""

import datetime
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from flevojeugd.schema import FUNCTIES
from kern.codelijsten import CODELIJSTEN
from tests.factories import persona, token_voor

NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)  # a Monday, the loket is open
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PAKKET = "flevojeugd_client"


@pytest.fixture(scope="module")
def schema():
    return APIClient().get(reverse("schema"), {"format": "json"}).json()


def _operaties(schema):
    for pad, methoden in schema["paths"].items():
        for methode, operatie in methoden.items():
            yield pad, methode, operatie


def test_json_is_het_enige_bodytype(schema):
    soorten = {soort for _, _, o in _operaties(schema) for soort in o.get("requestBody", {}).get("content", {})}
    assert soorten == {"application/json"}


def test_elke_operatie_heeft_een_functie_en_een_leesbare_naam(schema):
    namen = []
    for pad, _, o in _operaties(schema):
        assert len(o["tags"]) == 1 and o["tags"][0] in FUNCTIES, (pad, o["tags"])
        assert o["tags"][0] == pad.split("/")[3], pad
        naam = o["operationId"]
        assert not naam.startswith("v1_") and not naam.endswith(("_create", "_retrieve", "_list")), naam
        namen.append(naam)
    assert len(namen) == len(set(namen)), "operationIds zijn niet uniek"
    assert {t["name"] for t in schema["tags"]} == set(FUNCTIES)


def test_elke_operatie_beschrijft_haar_foutantwoorden(schema):
    for pad, methode, o in _operaties(schema):
        antwoorden = o["responses"]
        assert {"401", "403"} <= set(antwoorden), (pad, methode)
        if "requestBody" in o or o.get("parameters"):
            assert antwoorden["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Veldfouten")
        if "{" in pad:
            assert "404" in antwoorden, (pad, methode)
        if methode == "post":
            assert antwoorden["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/Conflict")
    assert schema["components"]["schemas"]["Fout"]["required"] == ["detail"]


def test_de_idempotency_key_staat_bij_elke_post_die_haar_honoreert(schema):
    """A POST of a view that honours Idempotency-Key (flevojeugd.api_basis) documents the header
    as an optional parameter and its 409 answers; a POST that only reads (a search) does not."""
    from tests.test_api_basis import _api_views

    verwacht = {
        cls.operaties["POST"] for _, cls in _api_views() if hasattr(cls, "post") and getattr(cls, "idempotent", False)
    }
    assert {"aanmelden", "trieren", "inzet_afsluiten", "plaatsen", "casus_indienen", "regisseur_toewijzen"} <= verwacht
    met_sleutel = set()
    for pad, methode, o in _operaties(schema):
        koppen = [p for p in o.get("parameters", []) if p["in"] == "header" and p["name"] == "Idempotency-Key"]
        if not koppen:
            continue
        assert methode == "post", (pad, methode)
        kop = koppen[0]
        assert not kop.get("required", False) and kop["schema"] == {"type": "string", "minLength": 1, "maxLength": 190}
        assert "24 uur" in kop["description"]
        assert "Idempotency-Key" in o["responses"]["409"]["description"]
        assert "Idempotent-Replayed" in next(a for c, a in o["responses"].items() if c.startswith("2"))["headers"]
        met_sleutel.add(o["operationId"])
    assert met_sleutel == verwacht
    assert "aanmeldingen_zoeken" not in met_sleutel


def test_token_en_csv_staan_in_het_schema(schema):
    token = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    assert "Token <sleutel>" in token["description"]
    cijfers = schema["paths"]["/api/v1/rapportage/ccp/{jaar}-Q{nummer}/"]["get"]["responses"]["200"]["content"]
    assert set(cijfers) == {"application/json", "text/csv"}


def _genereer(live_server, map: Path) -> Path:
    (map / "schema.json").write_text(httpx.get(f"{live_server.url}/api/schema/?format=json").text)
    (map / "config.json").write_text(json.dumps({"package_name_override": PAKKET, "post_hooks": []}))
    uitvoer = subprocess.run(
        [str(GENERATOR), "generate", "--path", "schema.json", "--config", "config.json"]
        + ["--meta", "none", "--output-path", PAKKET],
        cwd=map,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uitvoer.returncode == 0, uitvoer.stdout + uitvoer.stderr
    assert "Warning" not in uitvoer.stdout + uitvoer.stderr, uitvoer.stdout + uitvoer.stderr
    return map


@pytest.fixture
def gegenereerde_client(live_server, tmp_path):
    _genereer(live_server, tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PAKKET)
    finally:
        sys.path.remove(str(tmp_path))
        for naam in [n for n in sys.modules if n == PAKKET or n.startswith(f"{PAKKET}.")]:
            del sys.modules[naam]


@pytest.mark.django_db(transaction=True)
def test_een_gegenereerde_client_meldt_een_jeugdige_aan_en_leest_de_aanmelding_terug(gegenereerde_client, live_server):
    pakket = gegenereerde_client
    modules = [m.name for m in pkgutil.walk_packages(pakket.__path__, f"{PAKKET}.")]
    for naam in modules:  # every module imports (today's NameError was in 19 of 21 POST modules)
        importlib.import_module(naam)
    assert len([m for m in modules if ".api." in m and m.count(".") == 3]) > 50

    from flevojeugd_client import AuthenticatedClient, Client
    from flevojeugd_client.api.crisis import aanmelden, aanmelding_lezen
    from flevojeugd_client.models import AanmeldingInvoerRequest, Fout, HulpvraagEnum, JeugdigeInvoerRequest, Veldfouten

    toegang = persona("toegang", gemeente_id="almere", username="anouk")
    client = AuthenticatedClient(base_url=live_server.url, token=token_voor(toegang), prefix="Token")

    def invoer(**anders):
        jeugdige = {"voornaam": "Sam", "achternaam": "Fictief", "geboortedatum": datetime.date(2016, 5, 6)}
        return AanmeldingInvoerRequest(
            jeugdige=JeugdigeInvoerRequest(**{**jeugdige, "gemeente": "almere", **anders}),
            hulpvraag=HulpvraagEnum.AMBULANT,
            toelichting="Escalatie thuis.",
        )

    with time_machine.travel(NU):
        antwoord = aanmelden.sync_detailed(client=client, body=invoer())
        assert antwoord.status_code == 201, antwoord.content
        aanmelding = antwoord.parsed
        assert (aanmelding.leeftijdsgroep.value, aanmelding.loket_open) == ("12-", True)
        # A retry with the same Idempotency-Key answers the same referral, not a second one.
        eerste = aanmelden.sync_detailed(client=client, body=invoer(voornaam="Kim"), idempotency_key="kim-1")
        nogmaals = aanmelden.sync_detailed(client=client, body=invoer(voornaam="Kim"), idempotency_key="kim-1")
        assert eerste.status_code == nogmaals.status_code == 201
        assert nogmaals.parsed.id == eerste.parsed.id and nogmaals.headers["Idempotent-Replayed"] == "true"

        teruggelezen = aanmelding_lezen.sync(client=client, id=aanmelding.id)
        assert teruggelezen.registratienummer == aanmelding.registratienummer
        assert teruggelezen.jeugdige["gemeente"] == "almere" and teruggelezen.hulpvraag == "ambulant"

        # The documented errors reach the client as models, not as exceptions.
        fout = aanmelden.sync_detailed(client=client, body=invoer(bsn="123456789"))
        assert fout.status_code == 400 and isinstance(fout.parsed, Veldfouten)
        assert "bsn" in fout.parsed.additional_properties["jeugdige"]
        anoniem = aanmelding_lezen.sync_detailed(client=Client(base_url=live_server.url), id=aanmelding.id)
        assert anoniem.status_code == 401 and isinstance(anoniem.parsed, Fout)


@pytest.mark.django_db
def test_de_codelijsten_staan_achter_een_endpoint_en_elk_codeveld_noemt_zijn_lijst(api, schema):
    lijsten = api(persona("toegang", gemeente_id="almere")).get("/api/v1/codelijsten/").json()
    assert {"code": "almere", "label": "Almere", "actief": True} in lijsten["gemeente"]
    assert {c["code"] for c in lijsten["hulpvorm"]} >= {"ambulant", "crisisbed", "pleegzorg"}
    assert api().get("/api/v1/codelijsten/").status_code == 401
    gemeente = schema["components"]["schemas"]["JeugdigeInvoerRequest"]["properties"]["gemeente"]
    assert gemeente["x-codelijst"] == "gemeente" and "/api/v1/codelijsten/" in gemeente["description"]
    assert schema["components"]["schemas"]["Beschikbaarheid"]["properties"]["type"]["x-codelijst"] == "voorzieningtype"
    vervolg = schema["components"]["schemas"]["AfsluitenInvoerRequest"]["properties"]["vervolg"]
    assert vervolg["x-codelijst"] == ["vervolg_ambulant", "vervolg_verblijf"]
    assert set(lijsten) == {lijst for lijst in CODELIJSTEN}
