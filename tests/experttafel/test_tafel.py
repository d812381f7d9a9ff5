"""The expert table as its chair runs it (issue 13): sessions and agenda, a case follows the
meeting, the decisive advice per party, and the learning system."""

import datetime
import email
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar
from pypdf import PdfReader

from experttafel import services
from experttafel.cijfers import experttafel_cijfers
from experttafel.models import Casus, Leerevaluatie, Sessie, Thema
from kern.aggregaties import Kwartaal
from kern.fouten import Conflict
from kern.models import Aanbieder, Voorziening
from tests.factories import persona

pytestmark = pytest.mark.django_db
D = datetime.date
VOOR = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)  # a Monday, ten days before the session
SESSIEDAG = datetime.datetime(2026, 12, 3, 16, tzinfo=datetime.UTC)  # Thursday 3 December, 17:00 local
CASUSSEN = "/api/v1/experttafel/casussen/"


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


@pytest.fixture
def aanmelder():
    return persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True, email="dewi@dronten.example")


@pytest.fixture
def gi():
    return persona("gi", username="gi-svmn", ret_aanmelder=True, email="gi@svmn.example")


@pytest.fixture
def voorzitter():
    return persona("ret_voorzitter", username="renee", email="renee@example.org")


def _casus(user, **kw) -> Casus:
    jeugdige = {"voornaam": "Tim", "achternaam": "Zeldzaam", "geboortedatum": D(2011, 4, 4), "bsn": ""}
    from kern.models import Gemeente

    jeugdige["gemeente"] = Gemeente.objects.get(code=kw.pop("gemeente", "dronten"))
    return services.indienen(
        user,
        vraag="Welke plek past?",
        toestemming=True,
        jeugdige=jeugdige,
        geprobeerd="Ambulante hulp.",
        gezinssituatie="Gezin met drie kinderen.",
        **kw,
    )


def _gepland(aanmelder, voorzitter, sessie=None) -> Casus:
    with time_machine.travel(VOOR, tick=False):
        sessie = (
            sessie or Sessie.objects.filter(datum=D(2026, 12, 3)).first() or services.extra_sessie(datum=D(2026, 12, 3))
        )
        return services.agenderen(voorzitter, _casus(aanmelder), sessie)


# 1. Sessions and their agenda ------------------------------------------------------------------


@time_machine.travel(VOOR, tick=False)
@pytest.mark.parametrize(
    ("datum", "reden"),
    [
        (D(2020, 1, 1), "verleden"),
        (D(2028, 12, 25), "feestdag"),  # Christmas Day 2028, a Monday
        (D(2026, 12, 6), "weekend"),  # a Sunday
        (D(2026, 11, 20), "verleden"),
    ],
)
def test_een_extra_sessie_op_een_feestdag_weekend_of_in_het_verleden_is_400(api, voorzitter, datum, reden):
    with pytest.raises(ValidationError) as fout:
        services.extra_sessie(datum=datum)
    assert "datum" in fout.value.message_dict
    r = api(voorzitter).post("/api/v1/experttafel/sessies/", {"datum": datum.isoformat()}, format="json")
    assert r.status_code == 400 and "datum" in r.json()
    assert not Sessie.objects.exists()


@time_machine.travel(VOOR, tick=False)
def test_een_extra_sessie_voor_nul_casussen_is_400_en_niet_stilletjes_vier(api, voorzitter):
    r = api(voorzitter).post("/api/v1/experttafel/sessies/", {"datum": "2026-12-10", "capaciteit": 0}, format="json")
    assert r.status_code == 400 and "capaciteit" in r.json()
    r = api(voorzitter).post("/api/v1/experttafel/sessies/", {"datum": "2026-12-10"}, format="json")
    assert r.status_code == 201 and r.json()["capaciteit"] == 4
    # Today itself is not the past.
    assert services.extra_sessie(datum=D(2026, 11, 23), capaciteit=2).capaciteit == 2


@time_machine.travel(VOOR, tick=False)
@pytest.mark.parametrize("datum", ["\u0662\u0660\u0662\u0667-\u0660\u0661-\u0660\u0667", "9999-01-07", "20270107"])
def test_een_extra_sessie_volgt_de_ene_datumregel(api, voorzitter, datum):
    """Arabic digits, a year outside the window and a date without dashes are refused like everywhere."""
    r = api(voorzitter).post("/api/v1/experttafel/sessies/", {"datum": datum}, format="json")
    assert r.status_code == 400 and "datum" in r.json()
    assert not Sessie.objects.exists()


@pytest.mark.parametrize("casus", ["abc", "1.5", ""])
def test_een_onleesbare_casus_op_de_agendapagina_is_400_en_geen_500(client, aanmelder, voorzitter, casus):
    sessie = _gepland(aanmelder, voorzitter).sessie
    client.force_login(voorzitter)
    r = client.post(f"/experttafel/sessies/{sessie.pk}/", {"actie": "eerder", "casus": casus})
    assert r.status_code == 400


def test_tijdsloten_van_45_minuten_vanaf_half_twee_en_de_voorzitter_wisselt(aanmelder, voorzitter, api):
    a = _gepland(aanmelder, voorzitter)
    with time_machine.travel(VOOR, tick=False):
        b = services.agenderen(voorzitter, _casus(aanmelder), a.sessie)
        assert [services.tijdslot(c)[0].strftime("%H:%M") for c in (a, b)] == ["13:30", "14:15"]
        assert api(voorzitter).get(f"{CASUSSEN}{b.pk}/").json()["tijd"] == "14:15"
        services.volgorde_wijzigen(voorzitter, b, richting=-1)
        a.refresh_from_db(), b.refresh_from_db()
        assert (a.volgorde, b.volgorde) == (2, 1)
        with pytest.raises(Conflict):
            services.volgorde_wijzigen(voorzitter, b, richting=-1)
        # A withdrawn case leaves its slot free: nobody else's time moves.
        services.intrekken(aanmelder, b, reden="Opgelost")
        assert services.tijdslot(Casus.objects.get(pk=a.pk))[0].strftime("%H:%M") == "14:15"
        c = services.agenderen(voorzitter, _casus(aanmelder), a.sessie)
        assert c.volgorde == 1


def test_vergaderplaats_is_de_eigen_gemeente_overal_hetzelfde_en_de_gi_mag_afwijken(client, aanmelder, gi, voorzitter):
    casus = _gepland(aanmelder, voorzitter)
    assert casus.plaats == "Gemeentehuis Dronten, De Rede 1, Dronten"
    with time_machine.travel(VOOR, tick=False):
        gi_casus = services.agenderen(voorzitter, _casus(gi, gemeente="almere"), casus.sessie)
        assert gi_casus.plaats == casus.sessie.plaats  # the table's own place
        client.force_login(voorzitter)
        sessie_pagina = client.get(f"/experttafel/sessies/{casus.sessie_id}/").content.decode()
        jaar = client.get("/experttafel/?jaar=2026").content.decode()
        casus_pagina = client.get(f"/experttafel/casussen/{casus.pk}/").content.decode()
    for pagina in (sessie_pagina, jaar, casus_pagina):
        assert "Gemeentehuis Dronten, De Rede 1, Dronten" in pagina
    assert "Gemeentehuis Almere" not in jaar


def test_geweest_sessies_tonen_wat_besproken_is(client, aanmelder, voorzitter):
    casus = _gepland(aanmelder, voorzitter)
    with time_machine.travel(SESSIEDAG, tick=False):
        services.besproken(voorzitter, casus)
    with time_machine.travel(SESSIEDAG + datetime.timedelta(days=7), tick=False):
        client.force_login(voorzitter)
        html = client.get("/experttafel/?jaar=2026").content.decode()
    assert "1 van 1 besproken" in html and "Geweest" in html


def test_de_agenda_als_pdf_leest_terug(client, aanmelder, voorzitter):
    casus = _gepland(aanmelder, voorzitter)
    with time_machine.travel(VOOR, tick=False):
        services.deelnemer_toevoegen(
            voorzitter, casus, soort="onderwijs", naam="Mentor", organisatie="Het College", email="mentor@example.org"
        )
        client.force_login(voorzitter)
        r = client.get(f"/experttafel/sessies/{casus.sessie_id}/agenda.pdf")
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
        tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
        assert "Agenda regionale experttafel" in tekst
        assert "13:30" in tekst and "14:15" in tekst
        assert f"Casus {casus.pk}" in tekst and "Gemeentehuis Dronten" in tekst
        assert "Het College" in tekst
        assert "Tim" not in tekst and "Zeldzaam" not in tekst
        # Only the table sees an agenda.
        client.force_login(aanmelder)
        assert client.get(f"/experttafel/sessies/{casus.sessie_id}/agenda.pdf").status_code == 403


# 2. A case follows the meeting ---------------------------------------------------------------------


def test_besproken_advies_en_opvolging_voor_de_sessiedatum_is_409(api, aanmelder, voorzitter):
    casus = _gepland(aanmelder, voorzitter)
    with time_machine.travel(VOOR, tick=False):
        assert api(voorzitter).post(f"{CASUSSEN}{casus.pk}/besproken/", format="json").status_code == 409
    # The evening before the session, still no.
    with time_machine.travel(datetime.datetime(2026, 12, 2, 22, 59, tzinfo=datetime.UTC), tick=False):
        assert api(voorzitter).post(f"{CASUSSEN}{casus.pk}/besproken/", format="json").status_code == 409
    with time_machine.travel(SESSIEDAG, tick=False):
        assert api(voorzitter).post(f"{CASUSSEN}{casus.pk}/besproken/", format="json").status_code == 200
        r = api(voorzitter).post(
            f"{CASUSSEN}{casus.pk}/advies/",
            {"tekst": "Gezinshuis.", "perspectief": "Thuis.", "datum": "2026-12-02"},
            format="json",
        )
        assert r.status_code == 400 and "datum" in r.json()
    # An advice dated before its session cannot be written even by moving the case back in time.
    Casus.objects.filter(pk=casus.pk).update(status="besproken")
    Sessie.objects.filter(pk=casus.sessie_id).update(datum=D(2026, 12, 10))
    with time_machine.travel(SESSIEDAG, tick=False):
        r = api(voorzitter).post(f"{CASUSSEN}{casus.pk}/advies/", {"tekst": "x", "perspectief": "y"}, format="json")
        assert r.status_code == 409


def test_een_gi_casus_heeft_geen_ouders_nodig(gi, aanmelder, voorzitter, django_capture_on_commit_callbacks):
    sessie = _gepland(aanmelder, voorzitter).sessie
    with time_machine.travel(VOOR, tick=False):
        gi_casus = services.agenderen(voorzitter, _casus(gi), sessie)
        with django_capture_on_commit_callbacks(execute=True):
            assert services.uitnodigen(voorzitter, gi_casus) == 1
        assert mail.outbox[0].to == ["gi@svmn.example"]
        gewone = Casus.objects.exclude(pk=gi_casus.pk).get()
        with pytest.raises(ValidationError) as fout:
            services.uitnodigen(voorzitter, gewone)
        assert "deelnemers" in fout.value.message_dict


def _ics(bericht) -> tuple[Calendar, email.message.Message]:
    """Parse the sent mail as a mail client does, and its calendar part strictly."""
    raw = email.message_from_bytes(bericht.message().as_bytes())
    delen = [d for d in raw.walk() if d.get_content_type() == "text/calendar"]
    assert len(delen) == 1
    return Calendar.from_ical(delen[0].get_payload(decode=True).decode("utf-8")), raw


def _controleer_rfc5545(cal: Calendar, methode: str, volgnummer: int, status: str, aan: str) -> str:
    assert str(cal["VERSION"]) == "2.0" and cal.get("PRODID")
    assert str(cal["METHOD"]) == methode
    tz = cal.walk("VTIMEZONE")
    assert len(tz) == 1 and str(tz[0]["TZID"]) == "Europe/Amsterdam"
    assert tz[0].walk("STANDARD") and tz[0].walk("DAYLIGHT")
    (event,) = cal.walk("VEVENT")
    for verplicht in ("UID", "DTSTAMP", "DTSTART", "DTEND", "ORGANIZER", "ATTENDEE", "SEQUENCE", "STATUS"):
        assert verplicht in event, verplicht
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    assert int(event["SEQUENCE"]) == volgnummer and str(event["STATUS"]) == status
    assert str(event["ORGANIZER"]).startswith("mailto:")
    deelnemer = event["ATTENDEE"]
    assert str(deelnemer) == f"mailto:{aan}"
    assert deelnemer.params["PARTSTAT"] == "NEEDS-ACTION" and deelnemer.params["RSVP"] == "TRUE"
    return str(event["UID"])


def test_uitnodiging_volgt_rfc_5545_en_5546_en_een_verplaatsing_of_afzegging_dezelfde_uid(
    aanmelder, voorzitter, django_capture_on_commit_callbacks
):
    casus = _gepland(aanmelder, voorzitter)
    with time_machine.travel(VOOR, tick=False):
        services.deelnemer_toevoegen(
            voorzitter, casus, soort="ouder", naam="Mevrouw Zeldzaam", email="ouder@example.org"
        )
        services.deelnemer_toevoegen(voorzitter, casus, soort="jeugdige", naam="Tim Zeldzaam", email="tim@example.org")
        with django_capture_on_commit_callbacks() as terugroepen:
            services.uitnodigen(voorzitter, casus)
        assert mail.outbox == []  # nothing leaves inside the transaction
        for f in terugroepen:
            f()
        assert sorted(m.to[0] for m in mail.outbox) == ["dewi@dronten.example", "ouder@example.org", "tim@example.org"]
        for bericht in mail.outbox:
            cal, raw = _ics(bericht)
            uid = _controleer_rfc5545(cal, "REQUEST", 0, "CONFIRMED", bericht.to[0])
            assert uid == casus.uid
            event = cal.walk("VEVENT")[0]
            assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2026-12-03 13:30"
            assert str(event["LOCATION"]) == "Gemeentehuis Dronten, De Rede 1, Dronten"
            ics_tekst = cal.to_ical().decode()
            assert "Tim" not in ics_tekst and "Zeldzaam" not in ics_tekst
            assert "Tim" not in bericht.subject
            for deel in raw.walk():
                if not deel.is_multipart():
                    assert str(deel["Content-Type"]).lower().count("charset") == 1, deel["Content-Type"]
            kal = next(d for d in raw.walk() if d.get_content_type() == "text/calendar")
            assert kal.get_param("method") == "REQUEST"

        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.sessie_verplaatsen(voorzitter, casus.sessie, datum=D(2026, 12, 10))
        assert len(mail.outbox) == 3
        cal, _ = _ics(mail.outbox[0])
        assert _controleer_rfc5545(cal, "REQUEST", 1, "CONFIRMED", mail.outbox[0].to[0]) == casus.uid
        assert cal.walk("VEVENT")[0].decoded("DTSTART").date() == D(2026, 12, 10)

        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.annuleer_sessie(Sessie.objects.get(pk=casus.sessie_id), reden="Voorzitter ziek")
        assert len(mail.outbox) == 3
        cal, _ = _ics(mail.outbox[0])
        assert _controleer_rfc5545(cal, "CANCEL", 2, "CANCELLED", mail.outbox[0].to[0]) == casus.uid
        assert Casus.objects.get(pk=casus.pk).status == "ingediend"


def test_een_teruggedraaide_uitnodiging_verstuurt_niets(aanmelder, voorzitter, django_capture_on_commit_callbacks):
    casus = _gepland(aanmelder, voorzitter)
    with time_machine.travel(VOOR, tick=False):
        services.deelnemer_toevoegen(voorzitter, casus, soort="ouder", naam="Ouder", email="ouder@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError):
                from django.db import transaction

                with transaction.atomic():
                    services.uitnodigen(voorzitter, casus)
                    raise RuntimeError("iets anders gaat mis")
        assert mail.outbox == []


# 3. The advice is decisive for everyone ------------------------------------------------------------


def _geadviseerd(aanmelder, voorzitter, aanbieders=()) -> Casus:
    casus = _gepland(aanmelder, voorzitter)
    with time_machine.travel(SESSIEDAG, tick=False):
        services.besproken(voorzitter, casus)
        services.adviseren(voorzitter, casus, tekst="Gezinshuis.", perspectief="Thuis.", aanbieders=aanbieders)
    return Casus.objects.get(pk=casus.pk)


def test_opvolging_per_partij_afwijken_vraagt_motivering(api, aanmelder, voorzitter):
    casus = _geadviseerd(aanmelder, voorzitter, aanbieders=Aanbieder.objects.filter(code__in=["triade", "pluryn"]))
    url = f"{CASUSSEN}{casus.pk}/opvolging/"
    with time_machine.travel(SESSIEDAG + datetime.timedelta(days=7), tick=False):
        r = api(aanmelder).post(url, {"opgevolgd": False, "aanbieder": "triade"}, format="json")
        assert r.status_code == 400 and "motivering" in r.json()
        r = api(aanmelder).post(url, {"opgevolgd": True, "aanbieder": "vitree"}, format="json")
        assert r.status_code == 400 and "aanbieder" in r.json()  # not named in the advice
        r = api(aanmelder).post(url, {"opgevolgd": True}, format="json")  # the contract's call: the municipality
        assert r.status_code == 201 and r.json()["status"] == "geadviseerd"  # two providers still to go
        assert r.json()["opvolging"]["opgevolgd"] is True
        assert api(aanmelder).post(url, {"opgevolgd": True}, format="json").status_code == 409
        api(aanmelder).post(url, {"opgevolgd": True, "aanbieder": "triade"}, format="json")
        r = api(aanmelder).post(
            url, {"opgevolgd": False, "aanbieder": "pluryn", "motivering": "Geen plek op de groep."}, format="json"
        )
        assert r.status_code == 201 and r.json()["status"] == "opgevolgd"
        assert {o["aanbieder"]: o["opgevolgd"] for o in r.json()["opvolgingen"]} == {
            None: True,
            "triade": True,
            "pluryn": False,
        }


def test_advies_opgevolgd_telt_in_het_kwartaal_van_de_sessie(aanmelder, voorzitter):
    gevolgd = _geadviseerd(aanmelder, voorzitter)
    afgeweken = _geadviseerd(aanmelder, voorzitter)
    open_ = _geadviseerd(aanmelder, voorzitter)
    # Recorded in the next quarter, counted in the session's (2026-Q4).
    with time_machine.travel(datetime.datetime(2027, 1, 12, 10, tzinfo=datetime.UTC), tick=False):
        services.opvolging_vastleggen(aanmelder, gevolgd, opgevolgd=True)
        services.opvolging_vastleggen(aanmelder, afgeweken, opgevolgd=False, motivering="Te ver van school.")
    q4 = experttafel_cijfers(Kwartaal.parse("2026-Q4"))
    q1 = experttafel_cijfers(Kwartaal.parse("2027-Q1"))
    assert (q4["opgevolgd"], q4["afgeweken"], q4["opvolging_open"]) == (1, 1, 1)
    assert (q1["opgevolgd"], q1["afgeweken"]) == (0, 0)
    assert q4["per_gemeente"]["dronten"]["opgevolgd"] == 1
    assert open_.status == "geadviseerd"


def test_escalatie_legt_uitkomst_en_datum_vast(api, aanmelder, voorzitter):
    casus = _geadviseerd(aanmelder, voorzitter)
    url = f"{CASUSSEN}{casus.pk}/escalatie-uitkomst/"
    with time_machine.travel(SESSIEDAG, tick=False):
        assert api(voorzitter).post(url, {"uitkomst": "x", "datum": "2026-12-03"}, format="json").status_code == 409
        api(voorzitter).post(f"{CASUSSEN}{casus.pk}/escaleren/", {"reden": "Geen aanbod"}, format="json")
    with time_machine.travel(datetime.datetime(2027, 1, 20, 10, tzinfo=datetime.UTC), tick=False):
        r = api(voorzitter).post(url, {"datum": "2027-01-15"}, format="json")
        assert r.status_code == 400 and "uitkomst" in r.json()
        r = api(voorzitter).post(url, {"uitkomst": "Plek in Utrecht.", "datum": "2027-02-01"}, format="json")
        assert r.status_code == 400 and "datum" in r.json()
        r = api(voorzitter).post(url, {"uitkomst": "Plek in Utrecht.", "datum": "2027-01-15"}, format="json")
        assert r.status_code == 200
        assert (r.json()["escalatie_uitkomst"], r.json()["escalatie_uitkomst_op"]) == ("Plek in Utrecht.", "2027-01-15")
    assert experttafel_cijfers(Kwartaal.parse("2027-Q1"))["escalatie_uitkomsten"] == 1


# 4. A learning system --------------------------------------------------------------------------------


def test_themas_vallen_onder_de_drie_doelen_en_elke_les_krijgt_een_thema(aanmelder, voorzitter):
    assert set(Thema.objects.values_list("doel", flat=True)) == {"innovatie", "professioneel", "afstemming"}
    casus = _geadviseerd(aanmelder, voorzitter)
    with time_machine.travel(SESSIEDAG, tick=False):
        services.opvolging_vastleggen(aanmelder, casus, opgevolgd=True)
        with pytest.raises(ValidationError) as fout:
            services.sluiten(voorzitter, casus, les="Betrek school vanaf het begin.")
        assert "themas" in fout.value.message_dict
        services.sluiten(
            voorzitter, casus, les="Betrek school vanaf het begin.", themas=[Thema.objects.get(code="schoolverzuim")]
        )
    assert experttafel_cijfers(Kwartaal.parse("2026-Q4"))["lessen_per_doel"]["afstemming"] == 1


@time_machine.travel(VOOR, tick=False)
def test_een_uhp_vervolg_maakt_een_leerevaluatie_open(api, voorzitter):
    ccp = persona("ccp", username="ccp")
    r = api(ccp).post(
        "/api/v1/crisis/aanmeldingen/",
        {
            "jeugdige": {"voornaam": "Sanne", "achternaam": "Test", "geboortedatum": "2012-01-01", "gemeente": "urk"},
            "hulpvraag": "verblijf",
            "toelichting": "Onveilig thuis.",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    bed = Voorziening.objects.filter(type_id="crisisgroep_12plus").first()
    r = api(ccp).post(
        f"/api/v1/crisis/aanmeldingen/{r.json()['id']}/inzet/",
        {"hulpvorm": "crisisbed", "voorziening": bed.pk, "startdatum": "2026-11-02", "ambulant_door": "lokaal_team"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    inzet = r.json()["id"]
    r = api(ccp).post(
        f"/api/v1/crisis/inzet/{inzet}/afsluiten/", {"einddatum": "2026-11-20", "vervolg": "uhp_groep"}, format="json"
    )
    assert r.status_code == 200, r.json()
    evaluatie = Leerevaluatie.objects.get()
    assert (evaluatie.soort, evaluatie.bron_id, evaluatie.gemeente_id, evaluatie.vervolg) == (
        "crisis",
        inzet,
        "urk",
        "uhp_groep",
    )
    assert evaluatie.uiterlijk == D(2027, 1, 1)  # 42 days, a regional setting
    # A stay that ends at home needs none.
    assert services.leerevaluatie_na_verblijf("plaatsing", 99, "urk", "naar_huis_met_hulp", D(2026, 11, 20)) is None
    assert services.leerevaluatie_na_verblijf("plaatsing", 98, "urk", "uhp_pleegzorg", D(2026, 11, 20))
    assert Leerevaluatie.objects.count() == 2

    thema = Thema.objects.get(code="passend_verblijf")
    with pytest.raises(ValidationError) as fout:
        services.leerevaluatie_vastleggen(
            voorzitter, evaluatie, gehouden_op=D(2026, 11, 19), wie="x", geleerd="y", thema=thema
        )
    assert "gehouden_op" in fout.value.message_dict
    services.leerevaluatie_vastleggen(
        voorzitter,
        evaluatie,
        gehouden_op=D(2026, 11, 23),
        wie="Toegang Urk, CCP",
        geleerd="Eerder opschalen.",
        thema=thema,
    )
    with pytest.raises(Conflict):
        services.leerevaluatie_vastleggen(
            voorzitter, evaluatie, gehouden_op=D(2026, 11, 23), wie="x", geleerd="y", thema=thema
        )
    c = experttafel_cijfers(Kwartaal.parse("2026-Q4"))
    assert c["actieleren"] == {"nodig": 2, "gehouden": 1, "op_tijd": 1, "open_einde_kwartaal": 1}
    assert c["actieleren_per_doel"]["innovatie"] == 1
    assert "Sanne" not in str(c)
