"""Finding a referral: one FilterSet for the page and the API, searched only within what the
user may see; personal search terms only in a POST body; bad values answer in Dutch, never 500."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from audit.models import AuditRegel
from crisis.models import Aanmelding
from tests.factories import JeugdigeFactory, persona

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
LIJST = "/crisis/aanmeldingen/"
API = "/api/v1/crisis/aanmeldingen/"
ZOEKEN = "/api/v1/crisis/aanmeldingen/zoeken/"


def aanmelding(nummer, *, gemeente="almere", dag=datetime.date(2026, 11, 2), status="nieuw", **jeugdige):
    j = JeugdigeFactory(gemeente_id=gemeente, **jeugdige)
    moment = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10)))
    return Aanmelding.objects.create(
        registratienummer=nummer,
        jeugdige=j,
        gemeente_id=gemeente,
        hulpvraag="ambulant",
        bron="toegang",
        aangemeld_op=moment,
        aanmelddatum=dag,
        leeftijdsgroep="12+",
        loket_open=True,
        behandelen_voor=moment,
        status=status,
    )


@pytest.fixture
def wereld(db, settings):
    settings.TWEESTAPS_VERPLICHT = False
    with time_machine.travel(NU, tick=False):
        yield {
            "sanne": aanmelding(
                "CCP-2026-0001",
                voornaam="Sanne",
                achternaam="de Vries",
                bsn="111222333",
                geboortedatum=datetime.date(2012, 4, 5),
                dag=datetime.date(2026, 10, 1),
            ),
            "daan": aanmelding(
                "CCP-2026-0002",
                voornaam="Daan",
                achternaam="Jansen",
                status="afgesloten",
                dag=datetime.date(2026, 11, 10),
            ),
            # The same person known in Lelystad: its record stays hidden from Almere.
            "lelystad": aanmelding(
                "CCP-2026-0003",
                gemeente="lelystad",
                voornaam="Sanne",
                achternaam="de Vries",
                bsn="111222333",
                geboortedatum=datetime.date(2012, 4, 5),
            ),
            "alleen_lelystad": aanmelding(
                "CCP-2026-0004",
                gemeente="lelystad",
                voornaam="Lotte",
                achternaam="Bakker",
                bsn="123456782",
            ),
        }


def nummers(antwoord) -> list[str]:
    if antwoord["Content-Type"].startswith("application/json"):
        return [r["registratienummer"] for r in antwoord.json()["results"]]
    return [a.registratienummer for a in antwoord.context["pagina"]]


def test_de_pagina_filtert_op_status_gemeente_periode_en_registratienummer(client, wereld):
    client.force_login(persona("ccp"))
    assert nummers(client.get(LIJST, {"status": "afgesloten"})) == ["CCP-2026-0002"]
    assert set(nummers(client.get(LIJST, {"gemeente": "lelystad"}))) == {"CCP-2026-0003", "CCP-2026-0004"}
    assert nummers(client.get(LIJST, {"van": "2026-09-01", "tot": "2026-10-31"})) == ["CCP-2026-0001"]
    assert nummers(client.get(LIJST, {"van": "01-11-2026"})) == ["CCP-2026-0002", "CCP-2026-0004", "CCP-2026-0003"]
    assert nummers(client.get(LIJST, {"registratienummer": "0002"})) == ["CCP-2026-0002"]


def test_sorteren_op_registratienummer_en_standaard_nieuwste_eerst(client, wereld):
    client.force_login(persona("ccp"))
    assert nummers(client.get(LIJST))[0] != "CCP-2026-0001"  # newest first: 0001 is the oldest
    assert nummers(client.get(LIJST))[-1] == "CCP-2026-0001"
    assert nummers(client.get(LIJST, {"sorteer": "registratienummer"})) == [
        "CCP-2026-0001",
        "CCP-2026-0002",
        "CCP-2026-0003",
        "CCP-2026-0004",
    ]
    assert nummers(client.get(LIJST, {"sorteer": "-registratienummer"}))[0] == "CCP-2026-0004"


def test_zoeken_op_naam_geboortedatum_en_bsn_gaat_per_post(client, wereld):
    client.force_login(persona("ccp"))
    assert set(nummers(client.post(LIJST, {"naam": "sanne vries"}))) == {"CCP-2026-0001", "CCP-2026-0003"}
    assert nummers(client.post(LIJST, {"naam": "daan"})) == ["CCP-2026-0002"]
    assert set(nummers(client.post(LIJST, {"geboortedatum": "05-04-2012"}))) == {"CCP-2026-0001", "CCP-2026-0003"}
    assert nummers(client.post(LIJST, {"bsn": "123456782"})) == ["CCP-2026-0004"]


def test_een_bsn_in_de_url_wordt_geweigerd_en_niet_gezocht(client, wereld):
    client.force_login(persona("ccp"))
    r = client.get(LIJST, {"bsn": "111222333"})
    assert r.status_code == 200
    assert "zoekformulier" in r.context["filter"].errors["bsn"][0]
    assert len(nummers(r)) == 4  # the term was not used


def test_bsn_zoeken_vindt_de_jeugdige_van_een_andere_gemeente_niet(client, api, wereld):
    almere = persona("toegang", gemeente_id="almere")
    client.force_login(almere)
    # The BSN known in both municipalities finds only Almere's own record...
    assert nummers(client.post(LIJST, {"bsn": "111222333"})) == ["CCP-2026-0001"]
    # ...and a BSN known only in Lelystad finds nothing, exactly like an unknown BSN.
    leeg = client.post(LIJST, {"bsn": "123456782"})
    onbekend = client.post(LIJST, {"bsn": "999999990"})
    assert nummers(leeg) == nummers(onbekend) == []
    assert b"Lotte" not in leeg.content
    assert api(almere).post(ZOEKEN, {"bsn": "123456782"}, format="json").json()["count"] == 0
    assert [
        r["registratienummer"] for r in api(almere).post(ZOEKEN, {"bsn": "111222333"}, format="json").json()["results"]
    ] == ["CCP-2026-0001"]
    # A filter on another municipality finds nothing of it either.
    assert nummers(client.get(LIJST, {"gemeente": "lelystad"})) == []


def test_ongeldige_filterwaarden_geven_een_nederlandse_melding_bij_het_veld(client, wereld):
    client.force_login(persona("ccp"))
    r = client.get(LIJST, {"status": "weg", "van": "31-02-2026", "sorteer": "bsn", "gemeente": "parijs"})
    assert r.status_code == 200
    fouten = r.context["filter"].errors
    assert set(fouten) == {"status", "van", "sorteer", "gemeente"}
    assert "bestaat niet" in fouten["van"][0]
    assert "geldige keuze" in fouten["status"][0]
    assert "Niet alle zoekvelden" in r.content.decode()
    assert client.post(LIJST, {"bsn": "12ab"}).context["filter"].errors["bsn"] == ["Een BSN bestaat uit 9 cijfers."]


def test_api_filtert_met_dezelfde_velden_en_weigert_ongeldige_waarden_met_400(api, wereld):
    c = api(persona("ccp"))
    assert nummers(c.get(API, {"status": "afgesloten"})) == ["CCP-2026-0002"]
    assert nummers(c.get(API, {"sorteer": "registratienummer", "gemeente": "lelystad"})) == [
        "CCP-2026-0003",
        "CCP-2026-0004",
    ]
    r = c.get(API, {"van": "morgen"})
    assert r.status_code == 400 and "van" in r.json()
    r = c.get(API, {"sorteer": "bsn"})
    assert r.status_code == 400 and "sorteer" in r.json()
    # A personal term in the query string: 400 naming the field, pointing at POST zoeken/.
    r = c.get(API, {"naam": "Sanne"})
    assert r.status_code == 400 and "zoekformulier" in r.json()["naam"][0]
    r = c.post(ZOEKEN, {"naam": "Sanne", "gemeente": "almere"}, format="json")
    assert r.status_code == 200 and nummers(r) == ["CCP-2026-0001"]
    assert c.post(ZOEKEN, {"geboortedatum": "2012-13-01"}, format="json").status_code == 400


def test_zoeken_via_de_api_vraagt_het_recht_om_aanmeldingen_te_zien(api, wereld):
    assert api(persona("beleid")).post(ZOEKEN, {"naam": "Sanne"}, format="json").status_code == 403
    assert api().post(ZOEKEN, {"naam": "Sanne"}, format="json").status_code == 401


def test_pagineren_houdt_de_zoekvraag_vast(client, wereld):
    with time_machine.travel(NU, tick=False):
        for i in range(30):
            aanmelding(f"EXTRA-{i:02}", voornaam="Sanne", achternaam=f"Extra{i}")
    client.force_login(persona("ccp"))
    eerste = client.post(LIJST, {"naam": "sanne"})
    assert eerste.context["pagina"].paginator.count == 32
    assert len(nummers(eerste)) == 25
    tweede = client.post(LIJST, {"naam": "sanne", "pagina": "2"})
    assert len(nummers(tweede)) == 7
    assert 'form="zoeken"' in eerste.content.decode()
    assert client.get(LIJST, {"pagina": "999"}).status_code == 200  # the last page, not a 500


def test_getoonde_zoekresultaten_worden_gelogd_zonder_zoekterm(client, wereld):
    client.force_login(persona("ccp"))
    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.post(LIJST, {"bsn": "111222333"})
    regels = list(AuditRegel.objects.filter(id__gt=voor))
    assert {r.jeugdige_id for r in regels} == {wereld["sanne"].jeugdige_id, wereld["lelystad"].jeugdige_id}
    assert all("111222333" not in str(vars(r)) for r in regels)


def test_de_geschiedenis_van_een_aanbieder_is_gepagineerd(client, wereld):
    from crisis.models import Toewijzing

    with time_machine.travel(NU, tick=False):
        for i in range(30):
            a = aanmelding(f"T-{i:02}")
            Toewijzing.objects.create(aanmelding=a, aanbieder_id="triade", toegewezen_op=a.aangemeld_op)
    client.force_login(persona("aanbieder", aanbieder_id="triade"))
    eerste = client.get("/crisis/toewijzingen/")
    assert len(eerste.context["toewijzingen"]) == 25 and eerste.context["pagina"].paginator.count == 30
    assert "Pagina 1 van 2" in eerste.content.decode()
    assert len(client.get("/crisis/toewijzingen/", {"pagina": "2"}).context["toewijzingen"]) == 5
    assert client.get("/crisis/toewijzingen/", {"pagina": "x"}).status_code == 200
