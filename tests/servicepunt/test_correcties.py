"""#12.6 at the service point: a decision's or placement's wrong date is corrected with a reason;
the earlier value stays in the history, capacity holds, the two-week rule follows."""

import datetime

import pytest
import time_machine

from audit.models import AuditRegel
from kern.models import Voorziening, Voorzieningtype
from servicepunt import correcties, regels, services
from servicepunt.models import Beschikking, Plaatsing
from tests.factories import JeugdigeFactory, persona

D = datetime.date
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


@pytest.fixture
def medewerker():
    return persona("toegang", gemeente_id="almere", username="anouk")


AFGIFTE = D(2026, 11, 2)


def _beschikking(user, afgegeven=AFGIFTE):
    jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=D(2016, 1, 1))
    return services.beschikking_registreren(
        user, jeugdige=jeugdige, afgegeven_op=afgegeven, zorgtype=Voorzieningtype.objects.get(code="gezinshuis")
    )


def _plaatsing(b, huis, start, eind=None):
    return Plaatsing.objects.create(beschikking=b, voorziening=huis, startdatum=start, einddatum=eind, vervolg="")


def _tweewekenregel(b):
    eerste = Beschikking.objects.met_eerste_start().get(pk=b.pk).eerste_start
    return regels.tweewekenregel(b.afgegeven_op, eerste, D(2026, 11, 23))


@time_machine.travel(NU, tick=False)
def test_een_gecorrigeerde_startdatum_bewaart_de_oude_en_de_tweewekenregel_volgt(api, medewerker, client):
    b = _beschikking(medewerker)
    services.ambulant_gestart(medewerker, b, datum=D(2026, 11, 20))
    assert _tweewekenregel(b) == "te_laat"
    url = f"/api/v1/servicepunt/beschikkingen/{b.pk}/correctie/"
    assert "reden" in api(medewerker).post(url, {"ambulant_gestart_op": "2026-11-13"}, format="json").json()
    r = api(medewerker).post(
        url, {"ambulant_gestart_op": "2026-11-13", "reden": "Startdatum uit de verkeerde brief"}, format="json"
    )
    assert r.status_code == 200, r.json()
    assert _tweewekenregel(b) == "op_tijd"
    oud = [h.ambulant_gestart_op for h in Beschikking.history.filter(id=b.pk).order_by("history_date", "history_id")]
    assert oud[-2:] == [D(2026, 11, 20), D(2026, 11, 13)]
    assert AuditRegel.objects.filter(onderwerp="servicepunt.beschikking.correctie").count() == 1
    client.force_login(medewerker)
    html = client.get(f"/servicepunt/beschikkingen/{b.pk}/").content.decode().split("Geschiedenis")[-1]
    assert "20-11-2026" in html and "13-11-2026" in html and "Startdatum uit de verkeerde brief" in html


@time_machine.travel(NU, tick=False)
def test_een_beschikking_kan_niet_na_de_eerste_plaatsing_komen(api, medewerker):
    b = _beschikking(medewerker)
    _plaatsing(b, Voorziening.objects.get(naam="Gezinshuis De Polder"), D(2026, 11, 5))
    url = f"/api/v1/servicepunt/beschikkingen/{b.pk}/correctie/"
    r = api(medewerker).post(url, {"afgegeven_op": "2026-11-06", "reden": "x"}, format="json")
    assert r.status_code == 400 and "afgegeven_op" in r.json()
    r = api(medewerker).post(url, {"afgegeven_op": "2026-11-24", "reden": "x"}, format="json")
    assert r.status_code == 400 and "afgegeven_op" in r.json()
    assert api(medewerker).post(url, {"afgegeven_op": "2026-11-05", "reden": "x"}, format="json").status_code == 200


@time_machine.travel(NU, tick=False)
def test_een_gecorrigeerde_plaatsingsdatum_houdt_zich_aan_de_capaciteit(api, medewerker):
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")
    Voorziening.objects.filter(pk=huis.pk).update(capaciteit=1)
    eerste = _plaatsing(_beschikking(medewerker, D(2026, 10, 1)), huis, D(2026, 10, 1), D(2026, 11, 10))
    tweede = _plaatsing(_beschikking(medewerker, D(2026, 11, 1)), huis, D(2026, 11, 15))
    url = f"/api/v1/servicepunt/plaatsingen/{tweede.pk}/correctie/"
    assert api(medewerker).post(url, {"startdatum": "2026-11-09", "reden": "x"}, format="json").status_code == 409
    assert api(medewerker).post(url, {"startdatum": "2026-11-10", "reden": "Eerder"}, format="json").status_code == 200
    url = f"/api/v1/servicepunt/plaatsingen/{eerste.pk}/correctie/"
    assert api(medewerker).post(url, {"einddatum": "2026-11-11", "reden": "x"}, format="json").status_code == 409
    assert Plaatsing.objects.get(pk=eerste.pk).einddatum == D(2026, 11, 10)


@time_machine.travel(NU, tick=False)
def test_andere_gemeente_en_rollen_corrigeren_niet(api, medewerker):
    b = _beschikking(medewerker)
    url = f"/api/v1/servicepunt/beschikkingen/{b.pk}/correctie/"
    lelystad = persona("toegang", gemeente_id="lelystad", username="lars")
    assert api(lelystad).post(url, {"afgegeven_op": "2026-11-01", "reden": "x"}, format="json").status_code == 404
    # The CCP has no right to correct decisions at all: 403 (not a record it cannot see).
    assert api(persona("ccp", username="cor")).post(url, {"reden": "x"}, format="json").status_code == 403


@time_machine.travel(NU, tick=False)
def test_corrigeren_via_de_beschikkingspagina(medewerker, client):
    b = _beschikking(medewerker)
    client.force_login(medewerker)
    url = f"/servicepunt/beschikkingen/{b.pk}/"
    r = client.post(url, {"actie": "corrigeer-beschikking", "corr-b-afgegeven_op": "2026-11-03"}, follow=True)
    assert "Niet opgeslagen" in r.content.decode()
    r = client.post(
        url,
        {"actie": "corrigeer-beschikking", "corr-b-afgegeven_op": "2026-11-03", "corr-b-reden": "Typfout"},
        follow=True,
    )
    assert Beschikking.objects.get(pk=b.pk).afgegeven_op == D(2026, 11, 3)
    assert "02-11-2026" in r.content.decode().split("Geschiedenis")[-1]


@time_machine.travel(NU, tick=False)
def test_de_wachtlijst_volgt_elke_correctie_van_een_plaatsing(medewerker):
    """The waiting list reads the decision's first placement start (geplaatst_op), which the
    database keeps (servicepunt/0007): it follows a new placement, a corrected start date, a
    placement moved to another decision and a removed one, and a save of a decision read before
    its placement began does not put the old value back."""
    from kern.aggregaties import Kwartaal
    from servicepunt.cijfers import servicepunt_cijfers

    huis = Voorziening.objects.get(naam="Gezinshuis De Polder")
    a, b = _beschikking(medewerker, D(2026, 10, 1)), _beschikking(medewerker, D(2026, 10, 2))
    oud = Beschikking.objects.get(pk=a.pk)  # read before the placement

    def wachtend(dag):
        return set(Beschikking.objects.wachtend(dag).values_list("pk", flat=True))

    p = _plaatsing(a, huis, D(2026, 11, 10))
    assert Beschikking.objects.get(pk=a.pk).geplaatst_op == D(2026, 11, 10)
    assert wachtend(D(2026, 11, 9)) == {a.pk, b.pk} and wachtend(D(2026, 11, 10)) == {b.pk}
    oud.gemeente_reden = "opgeslagen met een oude kopie"
    oud.save()
    assert Beschikking.objects.get(pk=a.pk).geplaatst_op == D(2026, 11, 10)

    correcties.plaatsing_corrigeren(
        medewerker, p, reden="Startdatum uit de verkeerde brief", startdatum=D(2026, 10, 20)
    )
    assert wachtend(D(2026, 10, 20)) == {b.pk}
    # Q4 2026's figures on 23 November: the corrected start counts; b still waits since 2 October.
    cijfers = servicepunt_cijfers(Kwartaal(2026, 4))
    assert cijfers["wachtlijst"] == {"aantal": 1, "mediaan_wachtdagen": 52.0}

    Plaatsing.objects.filter(pk=p.pk).update(beschikking=b)
    assert wachtend(D(2026, 11, 1)) == {a.pk}
    assert Beschikking.objects.get(pk=b.pk).geplaatst_op == D(2026, 10, 20)
    Plaatsing.objects.filter(pk=p.pk).delete()
    assert wachtend(D(2026, 11, 1)) == {a.pk, b.pk}
    assert servicepunt_cijfers(Kwartaal(2026, 4))["wachtlijst"]["aantal"] == 2
