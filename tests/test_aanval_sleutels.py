"""Attacks on the one-time keys (kern/idempotentie.py): the longest key the check allows is
stored whole, never a 500 from a too-long column."""

import datetime

import pytest
import time_machine

from crisis.models import Aanmelding
from kern import idempotentie
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import persona

NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_de_langste_toegestane_idempotency_key_werkt_en_herhaalt(api):
    ccp = persona("ccp", username="carla")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "k" * idempotentie.MAX_SLEUTEL}
    eerste = api(ccp).post(AANMELDINGEN, referral(), format="json", **sleutel)
    tweede = api(ccp).post(AANMELDINGEN, referral(), format="json", **sleutel)
    assert eerste.status_code == 201
    assert tweede.status_code == 201 and tweede["Idempotent-Replayed"] == "true"
    assert Aanmelding.objects.count() == 1
    te_lang = api(ccp).post(AANMELDINGEN, referral(), format="json", HTTP_IDEMPOTENCY_KEY="k" * 191)
    assert te_lang.status_code == 400 and "Idempotency-Key" in te_lang.json()


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_de_langste_toegestane_paginatoken_maakt_een_record(client):
    from tests.kern.test_dubbelklik import AANMELDFORM

    client.force_login(persona("toegang", gemeente_id="almere", username="anouk"))
    token = "t" * idempotentie.MAX_SLEUTEL
    eerste = client.post("/crisis/aanmelden/", {**AANMELDFORM, idempotentie.VELD: token})
    tweede = client.post("/crisis/aanmelden/", {**AANMELDFORM, idempotentie.VELD: token})
    assert eerste.status_code == tweede.status_code == 302
    assert Aanmelding.objects.count() == 1
    te_lang = client.post("/crisis/aanmelden/", {**AANMELDFORM, idempotentie.VELD: "t" * 201})
    assert te_lang.status_code in (200, 400) and Aanmelding.objects.count() == 1


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_de_sleutel_van_een_ander_geeft_niet_diens_antwoord(api):
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    bart = persona("toegang", gemeente_id="almere", username="bart")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "gedeeld-1"}
    assert api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel).status_code == 201
    r = api(bart).post(AANMELDINGEN, referral(voornaam="Ander"), format="json", **sleutel)
    assert r.status_code == 201 and "Idempotent-Replayed" not in r
    assert Aanmelding.objects.count() == 2
