"""#15.1: dates and weekdays in Dutch everywhere (once: "wordt behandeld vanaf Tuesday 24-11-2026").
Every page that names a weekday or a month is rendered and read for English names."""

import datetime
import re

import pytest
import time_machine

from experttafel import services as et
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import persona

pytestmark = pytest.mark.django_db
ZATERDAG = datetime.datetime(2026, 11, 21, 12, tzinfo=datetime.UTC)  # the loket is closed
ENGELS = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
    r"January|February|March|April|June|July|August|September|October|November|December)\b"
)


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _zichtbare_tekst(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))


def _nederlands(html: str) -> None:
    engels = ENGELS.findall(_zichtbare_tekst(html))
    assert not engels, engels


@time_machine.travel(ZATERDAG, tick=False)
def test_de_melding_bij_een_gesloten_loket_noemt_de_dag_in_het_nederlands(client):
    client.force_login(persona("ccp", username="carla"))
    r = client.post(
        "/crisis/aanmelden/",
        {
            "voornaam": "Sanne",
            "achternaam": "Fictief",
            "geboortedatum": "2015-06-01",
            "gemeente": "almere",
            "hulpvraag": "ambulant",
        },
        follow=True,
    )
    html = r.content.decode()
    assert "behandeld vanaf maandag 23-11-2026 09:00" in html
    _nederlands(html)
    _nederlands(client.get("/crisis/aanmelden/").content.decode())  # "het CCP behandelt haar vanaf ..."


@time_machine.travel(ZATERDAG, tick=False)
def test_aanmelding_dagoverzicht_en_bord_in_het_nederlands(client, api, ccp):
    pk = api(ccp).post(AANMELDINGEN, referral(), format="json").json()["id"]
    client.force_login(ccp)
    pagina = client.get(f"/crisis/aanmeldingen/{pk}/").content.decode()
    assert "maandag 23-11-2026" in pagina
    for pad in (f"/crisis/aanmeldingen/{pk}/", "/crisis/", "/crisis/beschikbaarheid/"):
        _nederlands(client.get(pad).content.decode())


@time_machine.travel(ZATERDAG, tick=False)
def test_experttafel_in_het_nederlands(client):
    voorzitter = persona("ret_voorzitter", username="voorzitter")
    et.plan_sessies(datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))
    client.force_login(voorzitter)
    overzicht = client.get("/experttafel/?jaar=2027").content.decode()
    assert "donderdag 7 januari 2027" in overzicht
    _nederlands(overzicht)
    from experttafel.models import Sessie

    sessie = Sessie.objects.order_by("datum").first()
    _nederlands(client.get(f"/experttafel/sessies/{sessie.pk}/").content.decode())
