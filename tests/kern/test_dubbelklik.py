"""A double click or a retry makes one record, by a one-time key and never by the content:
page forms carry a hidden token, the API honours Idempotency-Key (kern/idempotentie.py)."""

import datetime
import re
import threading

import pytest
import time_machine
from django.db import connection
from django.test import Client

from audit.models import Actie, AuditRegel
from crisis.models import Aanmelding, Inzet
from experttafel.models import Casus
from kern import idempotentie
from kern.models import Verzoeksleutel, Voorziening
from servicepunt.models import Beschikking, Plaatsing
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import persona

NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
BSN = "111222333"
AANMELDFORM = {
    "voornaam": "Sanne",
    "achternaam": "Testkind",
    "geboortedatum": "2013-07-07",
    "bsn": BSN,
    "gemeente": "almere",
    "hulpvraag": "verblijf",
    "toelichting": "Onveilig thuis.",
}


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _token(client, pad: str) -> str:
    """The hidden one-time token of the form on the page, as the browser would send it."""
    html = client.get(pad).content.decode()
    return re.search(r'name="eenmalig" value="([^"]+)"', html).group(1)


# --- pages ----------------------------------------------------------------------------------------


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_een_dubbelklik_op_het_aanmeldformulier_maakt_een_aanmelding(client):
    client.force_login(persona("toegang", gemeente_id="almere", username="anouk"))
    token = _token(client, "/crisis/aanmelden/")
    eerste = client.post("/crisis/aanmelden/", {**AANMELDFORM, "eenmalig": token})
    tweede = client.post("/crisis/aanmelden/", {**AANMELDFORM, "eenmalig": token}, follow=True)
    a = Aanmelding.objects.get()
    assert eerste.status_code == 302 and eerste["Location"] == f"/crisis/aanmeldingen/{a.pk}/"
    assert tweede.redirect_chain == [(f"/crisis/aanmeldingen/{a.pk}/", 302)]
    assert "al opgeslagen" in tweede.content.decode()


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_twee_keer_het_formulier_invullen_maakt_twee_aanmeldingen(client):
    """Two forms (two tokens) are two referrals, even of the same youth: the one-crisis-place
    rule answers at the stay, not the form."""
    client.force_login(persona("toegang", gemeente_id="almere", username="anouk"))
    for _ in range(2):
        token = _token(client, "/crisis/aanmelden/")
        assert client.post("/crisis/aanmelden/", {**AANMELDFORM, "eenmalig": token}).status_code == 302
    assert Aanmelding.objects.count() == 2
    assert Aanmelding.objects.values("jeugdige").distinct().count() == 1


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_een_mislukte_poging_laat_het_token_vrij(client):
    client.force_login(persona("toegang", gemeente_id="almere", username="anouk"))
    token = _token(client, "/crisis/aanmelden/")
    fout = client.post("/crisis/aanmelden/", {**AANMELDFORM, "geboortedatum": "2031-01-01", "eenmalig": token})
    assert fout.status_code == 200 and not Aanmelding.objects.exists()
    assert client.post("/crisis/aanmelden/", {**AANMELDFORM, "eenmalig": token}).status_code == 302
    assert Aanmelding.objects.count() == 1


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_een_dubbelklik_op_inzet_beschikking_plaatsing_en_casus_maakt_elk_een_record(client):
    ccp = persona("ccp", username="carla")
    client.force_login(ccp)
    a = client.post("/crisis/aanmelden/", {**AANMELDFORM, "hulpvraag": "ambulant"})
    pk = Aanmelding.objects.get().pk
    assert a.status_code == 302
    pad = f"/crisis/aanmeldingen/{pk}/"
    assert client.post(pad, {"actie": "triage", "ernst": "acuut"}).status_code == 302
    token = _token(client, pad)
    inzet = {"actie": "inzet", "hulpvorm": "ambulant", "startdatum": "2026-11-23", "eenmalig": token}
    client.post(pad, inzet)
    assert "al opgeslagen" in client.post(pad, inzet, follow=True).content.decode()
    assert Inzet.objects.count() == 1  # an ambulant deployment has no content rule that would catch it

    sp = persona("servicepunt", username="sevda")
    client.force_login(sp)
    form = {
        "voornaam": "Sanne",
        "achternaam": "Testkind",
        "geboortedatum": "2011-07-07",
        "woongemeente": "zeewolde",
        "kader": "vrijwillig",
        "zorgtype": "behandelgroep",
        "afgegeven_op": "2026-11-20",
        "eenmalig": _token(client, "/servicepunt/beschikkingen/"),
    }
    client.post("/servicepunt/beschikkingen/", form)
    # Without a BSN the content cannot tell; the token can: the first decision, not an error.
    tweede = client.post("/servicepunt/beschikkingen/", form, follow=True)
    b = Beschikking.objects.get()
    assert tweede.redirect_chain == [(f"/servicepunt/beschikkingen/{b.pk}/", 302)]
    assert "al opgeslagen" in tweede.content.decode()

    pad = f"/servicepunt/beschikkingen/{b.pk}/"
    groep = Voorziening.objects.get(naam="Behandelgroep De Wending")
    plaatsen = {
        "actie": "plaatsen",
        "voorziening": groep.pk,
        "startdatum": "2026-11-23",
        "ambulant_door": "lokaal_team",
        "eenmalig": _token(client, pad),
    }
    eerste = client.post(pad, plaatsen)
    assert eerste.status_code == 302, re.findall(r"Niet opgeslagen[^<]*", eerste.content.decode())
    tweede = client.post(pad, plaatsen, follow=True).content.decode()
    assert "al opgeslagen" in tweede and "Niet opgeslagen" not in tweede
    assert Plaatsing.objects.count() == 1

    client.force_login(persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True))
    casus = {
        "toestemming": "",
        "gemeente": "dronten",
        "gezinssituatie": "Gezin met drie kinderen.",
        "vraag": "Welke plek past?",
        "geprobeerd": "Ambulante hulp.",
        "domeinen": ["onderwijs"],
        "urgentie": "hoog",
        "eenmalig": _token(client, "/experttafel/inbrengen/"),
    }
    eerste = client.post("/experttafel/inbrengen/", casus)
    assert eerste.status_code == 302, eerste.content.decode()[:3000]
    client.post("/experttafel/inbrengen/", casus)
    assert Casus.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_klikken_met_een_token_geven_een_aanmelding_en_dezelfde_pagina():
    """Two real transactions at once with one token: the second waits for the first and is sent
    to the same referral (the browser shows the answer to the last click)."""
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    token = idempotentie.nieuw_token()
    start = threading.Barrier(2)
    antwoorden = []

    def klik():
        try:
            c = Client()
            c.force_login(anouk)
            start.wait()
            antwoorden.append(c.post("/crisis/aanmelden/", {**AANMELDFORM, "eenmalig": token}))
        finally:
            connection.close()

    threads = [threading.Thread(target=klik) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a = Aanmelding.objects.get()
    assert [r.status_code for r in antwoorden] == [302, 302]
    assert {r["Location"] for r in antwoorden} == {f"/crisis/aanmeldingen/{a.pk}/"}


# --- the API --------------------------------------------------------------------------------------


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_de_api_herhaalt_het_antwoord_op_dezelfde_idempotency_key(api):
    ccp = persona("ccp", username="carla")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "a6c1-2026-11-23-001"}
    eerste = api(ccp).post(AANMELDINGEN, referral(bsn=BSN), format="json", **sleutel)
    tweede = api(ccp).post(AANMELDINGEN, referral(bsn=BSN), format="json", **sleutel)
    assert eerste.status_code == tweede.status_code == 201
    assert tweede.json() == eerste.json() and tweede["Idempotent-Replayed"] == "true"
    assert Aanmelding.objects.count() == 1
    # The replay shows the youth's data again: it is in the trail as a view.
    regel = AuditRegel.objects.filter(actie=Actie.INZIEN).get()
    a = Aanmelding.objects.get()
    assert (regel.onderwerp, regel.onderwerp_id, regel.jeugdige_id, regel.kanaal) == (
        "crisis.aanmelding",
        str(a.pk),
        a.jeugdige_id,
        "api",
    )
    # Another body with the same key is a conflict; another key, or none, is a new referral.
    anders = api(ccp).post(AANMELDINGEN, referral(bsn=BSN, hulpvraag="verblijf"), format="json", **sleutel)
    assert anders.status_code == 409 and "Idempotency-Key" in anders.json()["detail"]
    nieuw = api(ccp).post(AANMELDINGEN, referral(bsn=BSN), format="json", HTTP_IDEMPOTENCY_KEY="a6c1-002")
    zonder = api(ccp).post(AANMELDINGEN, referral(bsn=BSN), format="json")
    assert nieuw.status_code == zonder.status_code == 201
    assert Aanmelding.objects.count() == 3
    # The key is per user: a colleague's same key is their own request.
    collega = api(persona("ccp", username="cor")).post(AANMELDINGEN, referral(bsn=BSN), format="json", **sleutel)
    assert collega.status_code == 201 and collega.json()["id"] != eerste.json()["id"]


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_een_geweigerd_verzoek_met_een_sleutel_mag_opnieuw(api):
    ccp = persona("ccp", username="carla")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "poging-1"}
    fout = api(ccp).post(AANMELDINGEN, referral(geboortedatum="2031-01-01"), format="json", **sleutel)
    assert fout.status_code == 400
    goed = api(ccp).post(AANMELDINGEN, referral(), format="json", **sleutel)
    assert goed.status_code == 201
    assert not Verzoeksleutel.objects.filter(status__isnull=True).exists()


@time_machine.travel(NU, tick=False)
@pytest.mark.django_db
def test_een_ongeldige_idempotency_key_is_400(api):
    ccp = persona("ccp", username="carla")
    r = api(ccp).post(AANMELDINGEN, referral(), format="json", HTTP_IDEMPOTENCY_KEY="x" * 201)
    assert r.status_code == 400 and "Idempotency-Key" in r.json()
    assert not Aanmelding.objects.exists()


@pytest.mark.django_db
def test_een_sleutel_verloopt_na_24_uur(api):
    ccp = persona("ccp", username="carla")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "dag-1"}
    with time_machine.travel(NU, tick=False):
        assert api(ccp).post(AANMELDINGEN, referral(), format="json", **sleutel).status_code == 201
    with time_machine.travel(NU + datetime.timedelta(hours=23, minutes=59), tick=False):
        assert api(ccp).post(AANMELDINGEN, referral(), format="json", **sleutel)["Idempotent-Replayed"] == "true"
    with time_machine.travel(NU + datetime.timedelta(hours=24, minutes=1), tick=False):
        assert "Idempotent-Replayed" not in api(ccp).post(AANMELDINGEN, referral(), format="json", **sleutel)
        assert Aanmelding.objects.count() == 2
    with time_machine.travel(NU + datetime.timedelta(hours=49), tick=False):
        assert idempotentie.opruimen() == 1
    assert not Verzoeksleutel.objects.exists()


@pytest.mark.django_db
def test_een_sleutel_die_tussen_botsing_en_lezen_vrijkomt_geeft_geen_500(monkeypatch):
    """The earlier request failed and freed its key between our INSERT's conflict and our read:
    the key is free again, so this request takes it instead of crashing on a missing row."""
    from django.db import IntegrityError

    user = persona("ccp")
    echte_create = Verzoeksleutel.objects.create
    pogingen = []

    def botst_eerst(**velden):
        pogingen.append(velden["sleutel"])
        if len(pogingen) == 1:
            raise IntegrityError("duplicate key value violates unique constraint")
        return echte_create(**velden)

    monkeypatch.setattr(Verzoeksleutel.objects, "create", botst_eerst)
    rij, nieuw = idempotentie.claim(user, "api:race", "afdruk")
    assert nieuw and rij.pk and len(pogingen) == 2
