"""Query counts of every list page and list endpoint: they do not grow with the data, and they
stay at or below the stored baseline (query_counts.json), so an N+1 cannot land unnoticed.
Run with BASELINES_BIJWERKEN=1 to rewrite the baselines after a deliberate change."""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisis.models import Aanmelding
from experttafel.models import Leerevaluatie, Thema
from perspectiefregie import services as regie
from tests.factories import (
    AanmeldingFactory,
    BeschikkingFactory,
    CasusFactory,
    InzetFactory,
    JeugdigeFactory,
    PlaatsingFactory,
    ToewijzingFactory,
    persona,
    token_voor,
)

BASELINES = Path(__file__).parent / "query_counts.json"
PAGINAS = {
    "crisis:dagoverzicht": ("ccp", "/crisis/"),
    "crisis:aanmeldingen": ("ccp", "/crisis/aanmeldingen/"),
    "crisis:aanmeldingen-gefilterd": ("ccp", "/crisis/aanmeldingen/?status=nieuw&gemeente=almere&sorteer=status"),
    "crisis:aanmelding": ("ccp", "/crisis/aanmeldingen/{aanmelding}/"),
    "crisis:beschikbaarheid": ("ccp", "/crisis/beschikbaarheid/"),
    "crisis:toewijzingen": ("aanbieder", "/crisis/toewijzingen/"),
    "experttafel:overzicht": ("ret_voorzitter", "/experttafel/"),
    "experttafel:casussen": ("ret_voorzitter", "/experttafel/casussen/?status=ingediend&sorteer=-nummer"),
    "experttafel:leren": ("ret_voorzitter", "/experttafel/leren/"),
    "perspectiefregie:lijst": ("toegang", "/perspectiefregie/"),
    "servicepunt:overzicht": ("servicepunt", "/servicepunt/"),
    "servicepunt:beschikkingen": ("servicepunt", "/servicepunt/beschikkingen/"),
    "servicepunt:beschikkingen_zoeken": ("servicepunt", "/servicepunt/beschikkingen/zoeken/?status=wachtend"),
    "servicepunt:wachtlijst": ("servicepunt", "/servicepunt/wachtlijst/"),
    "rapportage:lijst": ("beleid", "/rapportage/"),
    "api-crisis-aanmeldingen": ("ccp", "/api/v1/crisis/aanmeldingen/"),
    "api-crisis-beschikbaarheid": ("ccp", "/api/v1/crisis/beschikbaarheid/"),
    "api-et-casussen": ("ret_voorzitter", "/api/v1/experttafel/casussen/"),
    "api-et-sessies": ("ret_voorzitter", "/api/v1/experttafel/sessies/"),
    "api-sp-beschikkingen": ("servicepunt", "/api/v1/servicepunt/beschikkingen/"),
    "api-sp-beschikkingen-gefilterd": (
        "servicepunt",
        "/api/v1/servicepunt/beschikkingen/?gemeente=almere&sorteer=nummer",
    ),
    "api-et-casussen-gefilterd": ("ret_voorzitter", "/api/v1/experttafel/casussen/?status=ingediend&van=2020-01-01"),
    "api-crisis-aanmeldingen-gefilterd": ("ccp", "/api/v1/crisis/aanmeldingen/?status=nieuw&sorteer=-aangemeld"),
    "api-sp-wachtlijst": ("servicepunt", "/api/v1/servicepunt/wachtlijst/"),
    "api-sp-capaciteit": ("servicepunt", "/api/v1/servicepunt/capaciteit/"),
    "api-regie-trajecten": ("toegang", "/api/v1/perspectiefregie/trajecten/"),
}


def vul(n: int, users) -> Aanmelding:
    """n of everything a list shows, with the relations each row displays."""
    vandaag = timezone.localdate()
    eerste = None
    for i in range(n):
        j = JeugdigeFactory(gemeente_id="almere", geboortedatum=datetime.date(2014, 1, 1))
        a = AanmeldingFactory(registratienummer=f"Q-{n}-{i}", jeugdige=j, verblijf=True, in_zorg=not i % 2)
        eerste = eerste or a
        ToewijzingFactory(aanmelding=a)
        inzet = InzetFactory(aanmelding=a, verblijf=True)
        t = regie.open_traject(jeugdige=j, gemeente=j.gemeente, bron="crisis", bron_id=inzet.pk, startdatum=vandaag)
        regie.wijs_regisseur_toe(users["toegang"], t, regisseur=users["toegang"])
        b = BeschikkingFactory(jeugdige=j, geregistreerd_door=users["servicepunt"])
        if i % 2:
            PlaatsingFactory(beschikking=b)
        CasusFactory(jeugdige=j, inbrenger=users["toegang"], besproken=not i % 2)
        Leerevaluatie.objects.create(
            soort="plaatsing",
            bron_id=Leerevaluatie.objects.count() + 1,
            gemeente_id="almere",
            vervolg="uhp_groep",
            einddatum=vandaag,
            uiterlijk=vandaag,
            gehouden_op=vandaag if i % 2 else None,
            thema=Thema.objects.first() if i % 2 else None,
        )
    return eerste


def tellen(client, api, users, aanmelding) -> dict:
    uit = {}
    for naam, (rol, pad) in PAGINAS.items():
        pad = pad.format(aanmelding=aanmelding.pk)
        if pad.startswith("/api/"):
            api.credentials(HTTP_AUTHORIZATION=f"Token {token_voor(users[rol])}")
            doe = lambda pad=pad: api.get(pad)  # noqa: E731
        else:
            client.force_login(users[rol])
            doe = lambda pad=pad: client.get(pad)  # noqa: E731
        doe()  # warm caches (content types, sessions) that are not per row
        with CaptureQueriesContext(connection) as ctx:
            r = doe()
        assert r.status_code == 200, (naam, r.status_code)
        uit[naam] = len(ctx.captured_queries)
    return uit


@pytest.mark.django_db
def test_querytellingen_groeien_niet_en_blijven_onder_de_baseline(client, settings):
    from rest_framework.test import APIClient

    settings.TWEESTAPS_VERPLICHT = False
    users = {
        r: persona(r, username=f"q-{r}")
        for r in ("ccp", "toegang", "aanbieder", "ret_voorzitter", "servicepunt", "beleid")
    }
    api = APIClient()
    weinig = tellen(client, api, users, vul(2, users))
    veel = tellen(client, api, users, vul(20, users))
    groeit = {k: (weinig[k], veel[k]) for k in weinig if veel[k] != weinig[k]}
    assert not groeit, f"Queries groeien met de data (2 → 22 rijen): {groeit}"
    if os.environ.get("BASELINES_BIJWERKEN"):
        BASELINES.write_text(json.dumps(veel, indent=2, sort_keys=True) + "\n")
    baseline = json.loads(BASELINES.read_text())
    assert set(baseline) == set(PAGINAS), "Elke lijstpagina en lijst-API heeft een baseline in query_counts.json"
    boven = {k: (veel[k], baseline[k]) for k in veel if veel[k] > baseline[k]}
    assert not boven, f"Meer queries dan de baseline: {boven}"
