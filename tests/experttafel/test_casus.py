import datetime

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from experttafel import services
from experttafel.models import Casus
from tests.factories import persona

pytestmark = pytest.mark.django_db
URL = "/api/v1/experttafel/casussen/"
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
NA = datetime.datetime(2026, 12, 3, 14, tzinfo=datetime.UTC)  # the session's day: advice follows the meeting


def casus_data(**extra):
    return {
        "vraag": "Welke plek past bij een jongen met LVB en ernstige gedragsproblemen?",
        "geprobeerd": "Ambulante hulp en twee pleeggezinnen; beide gestopt.",
        "toestemming": True,
        "jeugdige": {"voornaam": "Tim", "achternaam": "Fictief", "geboortedatum": "2011-04-04", "gemeente": "dronten"},
        "domeinen": ["onderwijs", "jeugdhulp"],
        "urgentie": "hoog",
        **extra,
    }


@pytest.fixture
def aanmelder():
    return persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True, email="dewi@dronten.example")


@pytest.fixture
def voorzitter():
    return persona("ret_voorzitter", username="renee")


def test_alleen_aangewezen_functionarissen_brengen_in(api, aanmelder):
    assert api(aanmelder).post(URL, casus_data(), format="json").status_code == 201
    gewone_collega = persona("toegang", gemeente_id="dronten", username="collega")
    for user in (
        gewone_collega,
        persona("ccp", username="ccp"),
        persona("ret_voorzitter", username="v"),
        persona("gi", username="gi"),
    ):
        assert api(user).post(URL, casus_data(), format="json").status_code == 403
    gi = persona("gi", username="gi-aangewezen", ret_aanmelder=True)
    r = api(gi).post(URL, casus_data(), format="json")
    assert r.status_code == 201 and r.json()["via_gi"] is True


def test_onvolledige_inbreng_geeft_veldmeldingen(api, aanmelder):
    r = api(aanmelder).post(URL, {"toestemming": True}, format="json")
    assert r.status_code == 400 and "vraag" in r.json()
    r = api(aanmelder).post(URL, casus_data(toestemming=False), format="json")
    assert r.status_code == 400 and "toestemming" in r.json()
    r = api(aanmelder).post(URL, casus_data(jeugdige=None), format="json")
    assert r.status_code == 400 and "jeugdige" in r.json()


def test_zonder_toestemming_alleen_anoniem(api, aanmelder):
    r = api(aanmelder).post(URL, {"vraag": "Anonieme vraag", "toestemming": False}, format="json")
    assert r.status_code == 201
    assert r.json()["jeugdige"] is None and r.json()["gemeente"] == "dronten"


def _door_tot_advies(api, aanmelder, voorzitter):
    pk = api(aanmelder).post(URL, casus_data(), format="json").json()["id"]
    casus = Casus.objects.get(pk=pk)
    sessie = services.extra_sessie(datum=datetime.date(2026, 12, 3))
    services.agenderen(voorzitter, casus, sessie)
    services.besproken(voorzitter, casus)
    services.adviseren(
        voorzitter,
        Casus.objects.get(pk=pk),
        tekst="Gezinshuis met LVB-expertise.",
        perspectief="Terug naar huis binnen een jaar.",
    )
    return pk


@time_machine.travel(NA, tick=False)
def test_opvolging_afwijken_vraagt_motivering(api, aanmelder, voorzitter):
    pk = _door_tot_advies(api, aanmelder, voorzitter)
    url = f"{URL}{pk}/opvolging/"
    r = api(aanmelder).post(url, {"opgevolgd": False}, format="json")
    assert r.status_code == 400 and "motivering" in r.json()
    assert api(voorzitter).post(url, {"opgevolgd": True}, format="json").status_code == 403
    r = api(aanmelder).post(
        url, {"opgevolgd": False, "motivering": "Geen gezinshuis in de regio beschikbaar."}, format="json"
    )
    assert r.status_code == 201 and r.json()["status"] == "opgevolgd"
    assert api(aanmelder).post(url, {"opgevolgd": True}, format="json").status_code == 409


@time_machine.travel(NU, tick=False)
def test_statusstroom_weigert_illegale_stappen(api, aanmelder, voorzitter):
    pk = api(aanmelder).post(URL, casus_data(), format="json").json()["id"]
    assert api(aanmelder).post(f"{URL}{pk}/opvolging/", {"opgevolgd": True}, format="json").status_code == 409
    assert (
        api(voorzitter).post(f"{URL}{pk}/advies/", {"tekst": "x", "perspectief": "y"}, format="json").status_code == 409
    )
    assert api(voorzitter).post(f"{URL}{pk}/besproken/", format="json").status_code == 409
    assert (
        api(aanmelder).post(f"{URL}{pk}/intrekken/", {"reden": "Opgelost"}, format="json").json()["status"]
        == "ingetrokken"
    )
    assert api(voorzitter).post(f"{URL}{pk}/escaleren/", {"reden": "x"}, format="json").status_code == 409


@time_machine.travel(NA, tick=False)
def test_escalatie_vraagt_een_reden(api, aanmelder, voorzitter):
    pk = _door_tot_advies(api, aanmelder, voorzitter)
    assert api(voorzitter).post(f"{URL}{pk}/escaleren/", {}, format="json").status_code == 400
    r = api(voorzitter).post(f"{URL}{pk}/escaleren/", {"reden": "Geen passend aanbod in de regio"}, format="json")
    assert r.json()["status"] == "geescaleerd"


@time_machine.travel(NU, tick=False)
def test_uitnodigingen_met_geldige_ics_en_plaats_in_eigen_gemeente(
    api, aanmelder, voorzitter, django_capture_on_commit_callbacks
):
    pk = api(aanmelder).post(URL, casus_data(), format="json").json()["id"]
    sessie = services.extra_sessie(datum=datetime.date(2026, 12, 3))
    r = api(voorzitter).post(f"/api/v1/experttafel/sessies/{sessie.pk}/agenda/", {"casus": pk}, format="json")
    assert r.status_code == 200 and r.json()["plaats"] == "Gemeentehuis Dronten, De Rede 1, Dronten"
    uitnodigen = f"{URL}{pk}/uitnodigen/"
    assert "deelnemers" in api(voorzitter).post(uitnodigen, format="json").json()  # no parents yet
    api(voorzitter).post(
        f"{URL}{pk}/deelnemers/",
        {"soort": "ouder", "naam": "Ouder Fictief", "email": "ouder@example.org"},
        format="json",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert api(voorzitter).post(uitnodigen, format="json").status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == ["dewi@dronten.example", "ouder@example.org"]
    naam, inhoud, soort = mail.outbox[0].attachments[0]
    assert naam.endswith(".ics") and soort.startswith("text/calendar")
    event = Calendar.from_ical(inhoud).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 3, 13, 30, tzinfo=event.decoded("dtstart").tzinfo)
    assert str(event.get("location")) == "Gemeentehuis Dronten, De Rede 1, Dronten"
    assert "Tim" not in str(inhoud) and "Tim" not in mail.outbox[0].subject


@time_machine.travel(NU, tick=False)
def test_volle_agenda_is_409(voorzitter, aanmelder):
    sessie = services.extra_sessie(datum=datetime.date(2026, 12, 3), capaciteit=1)
    a = services.indienen(aanmelder, vraag="a", toestemming=False)
    b = services.indienen(aanmelder, vraag="b", toestemming=False)
    services.agenderen(voorzitter, a, sessie)
    from kern.fouten import Conflict

    with pytest.raises(Conflict):
        services.agenderen(voorzitter, b, sessie)


def test_toegang_ziet_de_casussen_van_de_eigen_gemeente(api, aanmelder):
    pk = api(aanmelder).post(URL, casus_data(), format="json").json()["id"]
    assert api(persona("toegang", gemeente_id="dronten", username="c2")).get(f"{URL}{pk}/").status_code == 200
    assert api(persona("toegang", gemeente_id="almere", username="c3")).get(f"{URL}{pk}/").status_code == 404


@time_machine.travel(NA, tick=False)
def test_cijfers_van_de_experttafel(api, aanmelder, voorzitter):
    _door_tot_advies(api, aanmelder, voorzitter)
    pk2 = api(aanmelder).post(URL, casus_data(), format="json").json()["id"]
    api(voorzitter).post(f"{URL}{pk2}/escaleren/", {"reden": "Te complex"}, format="json")
    c = api(persona("beleid", username="b")).get("/api/v1/rapportage/experttafel/2026-Q4/").json()
    assert (c["ingediend"], c["besproken"], c["adviezen"], c["geescaleerd"]) == (2, 1, 1, 1)
    assert c["mediaan_dagen_tot_advies"] == 0.0
    assert c["per_gemeente"]["dronten"]["ingediend"] == 2
    assert "Tim" not in str(c)
