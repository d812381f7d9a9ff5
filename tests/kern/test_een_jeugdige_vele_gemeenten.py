"""One youth, many municipalities: each municipality keeps its own record of a youth, linked to
the others by BSN inside the system and never merged. Registering a BSN answers the same whether
or not another municipality knows it, and never reads, returns or changes what another
municipality recorded (contract, "Users and roles"; domain.md, "What holds the four functions
together")."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection

from audit.models import AuditRegel
from crisis.models import Aanmelding
from experttafel.models import Casus
from kern.models import Gemeente, Jeugdige
from servicepunt import services as sp
from servicepunt.models import Beschikking, Woonplaatswijziging
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import JeugdigeFactory, persona

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
BSN = "111222333"
CASUSSEN = "/api/v1/experttafel/casussen/"
BESCHIKKINGEN = "/api/v1/servicepunt/beschikkingen/"


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


@pytest.fixture
def almere(db):
    return persona("toegang", gemeente_id="almere", username="anouk", ret_aanmelder=True, email="a@almere.example")


@pytest.fixture
def lelystad(db):
    return persona("toegang", gemeente_id="lelystad", username="lars", ret_aanmelder=True, email="l@lelystad.example")


def _almere_kent(bsn=BSN):
    return JeugdigeFactory(
        gemeente_id="almere",
        bsn=bsn,
        voornaam="Geheimnaam",
        achternaam="Almeers",
        geboortedatum=datetime.date(2012, 3, 1),
    )


def _ongewijzigd(j: Jeugdige):
    vers = Jeugdige.objects.get(pk=j.pk)
    assert (vers.gemeente_id, vers.voornaam, vers.achternaam, vers.geboortedatum, vers.bsn) == (
        j.gemeente_id,
        j.voornaam,
        j.achternaam,
        j.geboortedatum,
        j.bsn,
    )


# --- the crisis referral ----------------------------------------------------------------------


@time_machine.travel(NU, tick=False)
def test_een_bsn_verraadt_geen_andere_gemeente(api, lelystad):
    """Another birth date than Almere's: 201 as for an unknown BSN, Lelystad's own data back."""
    almeers = _almere_kent()
    vraag = referral(gemeente="lelystad", hulpvraag="verblijf", bsn=BSN, voornaam="Eigen", geboortedatum="2013-07-07")
    r = api(lelystad).post(AANMELDINGEN, vraag, format="json")
    assert r.status_code == 201, r.content
    tekst = r.content.decode()
    assert "Geheimnaam" not in tekst and "Almeers" not in tekst and "2012-03-01" not in tekst
    assert "andere geboortedatum" not in tekst
    _ongewijzigd(almeers)

    # The same registration of a BSN nobody knows answers the same.
    onbekend = referral(
        gemeente="lelystad", hulpvraag="verblijf", bsn="123456782", voornaam="Eigen", geboortedatum="2013-07-07"
    )
    r2 = api(lelystad).post(AANMELDINGEN, onbekend, format="json")
    assert r2.status_code == 201
    eerste, tweede = r.json(), r2.json()
    assert eerste.keys() == tweede.keys()
    assert {k: v for k, v in eerste["jeugdige"].items() if k not in ("id", "bsn")} == {
        k: v for k, v in tweede["jeugdige"].items() if k not in ("id", "bsn")
    }


@time_machine.travel(NU, tick=False)
def test_aanmelding_van_een_andere_gemeente_verplaatst_de_jeugdige_niet(api, lelystad, almere):
    almeers = _almere_kent()
    eigen = api(almere).post(AANMELDINGEN, referral(bsn=BSN, geboortedatum="2012-03-01"), format="json").json()
    r = api(lelystad).post(
        AANMELDINGEN,
        referral(gemeente="lelystad", hulpvraag="verblijf", bsn=BSN, geboortedatum="2012-03-01"),
        format="json",
    )
    assert r.status_code == 201
    _ongewijzigd(almeers)
    lelystads = Aanmelding.objects.get(pk=r.json()["id"]).jeugdige
    assert lelystads.pk != almeers.pk and lelystads.gemeente_id == "lelystad"
    # Almere's referral still points at Almere's own record; Almere's list does not show Lelystad's.
    assert Aanmelding.objects.get(pk=eigen["id"]).jeugdige_id == almeers.pk
    ids = {a["id"] for a in api(almere).get(AANMELDINGEN).json()["results"]}
    assert r.json()["id"] not in ids and eigen["id"] in ids


def test_ccp_meldt_aan_voor_de_gemeente_van_de_aanmelding(api, ccp):
    """The CCP registers for a municipality: that municipality's record, another's untouched."""
    almeers = _almere_kent()
    r = api(ccp).post(AANMELDINGEN, referral(gemeente="dronten", bsn=BSN, voornaam="Dirk"), format="json")
    assert r.status_code == 201
    assert r.json()["jeugdige"]["voornaam"] == "Dirk"
    _ongewijzigd(almeers)
    assert Jeugdige.objects.filter(bsn=BSN).count() == 2


def test_eigen_gemeente_met_een_andere_geboortedatum_is_een_veldfout(api, almere):
    """Within one municipality a BSN with another birth date is a typing error in its own records."""
    _almere_kent()
    r = api(almere).post(AANMELDINGEN, referral(bsn=BSN, geboortedatum="2013-07-07"), format="json")
    assert r.status_code == 400 and "jeugdige" in r.json()
    assert "Geheimnaam" not in r.content.decode()


def test_de_aanmeldpagina_verraadt_geen_andere_gemeente(client, lelystad):
    almeers = _almere_kent()
    client.force_login(lelystad)
    r = client.post(
        "/crisis/aanmelden/",
        {
            "voornaam": "Eigen",
            "achternaam": "Kind",
            "geboortedatum": "2013-07-07",
            "bsn": BSN,
            "gemeente": "lelystad",
            "hulpvraag": "verblijf",
            "toelichting": "Onveilig thuis.",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    _ongewijzigd(almeers)
    assert Aanmelding.objects.get().jeugdige.gemeente_id == "lelystad"


# --- the expert table and the service point ------------------------------------------------------


def test_een_casus_verraadt_geen_andere_gemeente(api, lelystad):
    almeers = _almere_kent()
    vraag = {
        "vraag": "Wat is passend?",
        "toestemming": True,
        "jeugdige": {
            "voornaam": "Eigen",
            "achternaam": "Kind",
            "geboortedatum": "2013-07-07",
            "bsn": BSN,
            "gemeente": "lelystad",
        },
    }
    r = api(lelystad).post(CASUSSEN, vraag, format="json")
    assert r.status_code == 201, r.content
    assert "Geheimnaam" not in r.content.decode() and "2012-03-01" not in r.content.decode()
    _ongewijzigd(almeers)
    assert Casus.objects.get().jeugdige.gemeente_id == "lelystad"


@time_machine.travel(NU, tick=False)
def test_een_beschikking_verraadt_geen_andere_gemeente(api, lelystad):
    almeers = _almere_kent()
    vraag = {
        "jeugdige": {
            "voornaam": "Eigen",
            "achternaam": "Kind",
            "geboortedatum": "2013-07-07",
            "bsn": BSN,
            "gemeente": "lelystad",
        },
        "afgegeven_op": "2026-11-20",
        "zorgtype": "gezinshuis",
    }
    r = api(lelystad).post(BESCHIKKINGEN, vraag, format="json")
    assert r.status_code == 201, r.content
    assert "Geheimnaam" not in r.content.decode() and "2012-03-01" not in r.content.decode()
    _ongewijzigd(almeers)
    b = Beschikking.objects.get()
    assert (b.jeugdige.gemeente_id, b.gemeente_id, b.brp_gemeente_id) == ("lelystad", "lelystad", "lelystad")


@time_machine.travel(NU, tick=False)
def test_de_beschikkingenpagina_verraadt_geen_andere_gemeente(client, lelystad):
    almeers = _almere_kent()
    client.force_login(lelystad)
    r = client.post(
        "/servicepunt/beschikkingen/",
        {
            "voornaam": "Eigen",
            "achternaam": "Kind",
            "geboortedatum": "2013-07-07",
            "bsn": BSN,
            "woongemeente": "lelystad",
            "kader": "vrijwillig",
            "afgegeven_op": "2026-11-20",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    _ongewijzigd(almeers)
    assert Beschikking.objects.get().jeugdige.gemeente_id == "lelystad"


# --- linked, not merged ------------------------------------------------------------------------


def test_zelfde_persoon_vindt_de_gekoppelde_registraties():
    almeers = _almere_kent()
    lelystads = JeugdigeFactory(gemeente_id="lelystad", bsn=BSN, geboortedatum=datetime.date(2013, 7, 7))
    ander = JeugdigeFactory(gemeente_id="almere", bsn="123456782")
    zonder_bsn = JeugdigeFactory(gemeente_id="almere", bsn=None)
    assert set(Jeugdige.objects.zelfde_persoon(almeers)) == {almeers, lelystads}
    assert set(Jeugdige.objects.zelfde_persoon(lelystads)) == {almeers, lelystads}
    assert list(Jeugdige.objects.zelfde_persoon(ander)) == [ander]
    assert list(Jeugdige.objects.zelfde_persoon(zonder_bsn)) == [zonder_bsn]


@pytest.mark.django_db(transaction=True)
def test_tien_gelijktijdige_aanmeldingen_van_een_nieuw_bsn_geven_een_jeugdige(api):
    """Ten real transactions register the same new BSN at once: ten 201s, one record."""
    ccp = persona("ccp", username="ccp-parallel")
    start = threading.Barrier(10)
    codes = []

    def meld():
        try:
            start.wait()
            codes.append(
                api(ccp).post(AANMELDINGEN, referral(bsn=BSN, hulpvraag="verblijf"), format="json").status_code
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=meld) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [201] * 10
    assert Jeugdige.objects.filter(bsn=BSN).count() == 1
    assert Aanmelding.objects.values("jeugdige").distinct().count() == 1


# --- the woonplaatsbeginsel ---------------------------------------------------------------------


@time_machine.travel(NU, tick=False)
def test_herregistratie_verplaatst_de_verantwoordelijke_gemeente_niet(api, almere, lelystad):
    """A later registration of the youth elsewhere does not move a decision's responsible municipality."""
    b = sp.beschikking_registreren(
        almere, jeugdige=_almere_kent(), afgegeven_op=datetime.date(2026, 11, 20), zorgtype=None
    )
    api(lelystad).post(
        AANMELDINGEN,
        referral(gemeente="lelystad", hulpvraag="verblijf", bsn=BSN, geboortedatum="2012-03-01"),
        format="json",
    )
    b.refresh_from_db()
    assert (b.gemeente_id, b.brp_gemeente_id, b.jeugdige.gemeente_id) == ("almere", "almere", "almere")


@time_machine.travel(NU, tick=False)
def test_verantwoordelijke_gemeente_wijzigt_alleen_met_reden_en_wordt_vastgelegd(almere):
    servicepunt = persona("servicepunt", username="sp")
    almeers = _almere_kent()
    b = sp.beschikking_registreren(almere, jeugdige=almeers, afgegeven_op=datetime.date(2026, 11, 20))
    lelystad = Gemeente.objects.get(pk="lelystad")
    with pytest.raises(Exception) as fout:
        sp.gemeente_wijzigen(servicepunt, b, gemeente=lelystad, reden="  ")
    assert "reden" in fout.value.message_dict
    b = sp.gemeente_wijzigen(servicepunt, b, gemeente=lelystad, reden="BRP-adres was Lelystad vóór het verblijf")
    b.refresh_from_db()
    assert b.gemeente_id == "lelystad" and b.gemeente_reden.startswith("BRP-adres")
    # The decision moves to Lelystad's own record; Almere's keeps its history.
    assert b.jeugdige.gemeente_id == "lelystad" and b.jeugdige.pk != almeers.pk
    assert list(Jeugdige.objects.zelfde_persoon(almeers).order_by("pk")) == [almeers, b.jeugdige]
    _ongewijzigd(almeers)
    w = Woonplaatswijziging.objects.get()
    assert (w.van_id, w.naar_id, w.gewijzigd_door) == ("almere", "lelystad", servicepunt)
    assert AuditRegel.objects.filter(onderwerp="servicepunt.woonplaatsbeginsel", onderwerp_id=str(b.pk)).count() == 2


@time_machine.travel(NU, tick=False)
def test_beschikkingpagina_wijzigt_de_verantwoordelijke_gemeente_met_reden(client, almere):
    b = sp.beschikking_registreren(almere, jeugdige=_almere_kent(), afgegeven_op=datetime.date(2026, 11, 20))
    client.force_login(almere)
    pagina = client.get(f"/servicepunt/beschikkingen/{b.pk}/").content.decode()
    assert 'name="actie" value="gemeente"' in pagina and "Verantwoordelijke gemeente wijzigen" in pagina
    # Without a reason nothing changes and the page says why.
    r = client.post(f"/servicepunt/beschikkingen/{b.pk}/", {"actie": "gemeente", "gemeente": "lelystad", "reden": ""})
    assert r.status_code == 200 and "Niet opgeslagen" in r.content.decode()
    b.refresh_from_db()
    assert b.gemeente_id == "almere" and not Woonplaatswijziging.objects.exists()
    # With a reason: changed, recorded, and Almere's team (no longer responsible) goes to its list.
    r = client.post(
        f"/servicepunt/beschikkingen/{b.pk}/",
        {"actie": "gemeente", "gemeente": "lelystad", "reden": "BRP-adres vóór het verblijf was Lelystad"},
    )
    assert r.status_code == 302 and r["Location"] == "/servicepunt/beschikkingen/"
    b.refresh_from_db()
    assert b.gemeente_id == "lelystad" and Woonplaatswijziging.objects.get().reden.startswith("BRP-adres")
    assert client.get(f"/servicepunt/beschikkingen/{b.pk}/").status_code == 404
    client.force_login(persona("servicepunt", username="sp"))
    pagina = client.get(f"/servicepunt/beschikkingen/{b.pk}/").content.decode()
    assert "van Almere naar Lelystad" in pagina


@time_machine.travel(NU, tick=False)
def test_api_wijzigt_de_verantwoordelijke_gemeente_met_reden(api, almere, lelystad):
    b = sp.beschikking_registreren(almere, jeugdige=_almere_kent(), afgegeven_op=datetime.date(2026, 11, 20))
    url = f"{BESCHIKKINGEN}{b.pk}/gemeente/"
    assert api(lelystad).post(url, {"gemeente": "lelystad", "reden": "x"}, format="json").status_code == 404
    assert api(persona("ccp", username="c")).post(url, {"gemeente": "lelystad", "reden": "x"}).status_code == 404
    r = api(almere).post(url, {"gemeente": "lelystad"}, format="json")
    assert r.status_code == 400 and "reden" in r.json()
    r = api(almere).post(url, {"gemeente": "lelystad", "reden": "  "}, format="json")
    assert r.status_code == 400 and "reden" in r.json()
    r = api(almere).post(url, {"gemeente": "almere", "reden": "zelfde"}, format="json")
    assert r.status_code == 400 and "gemeente" in r.json()
    r = api(almere).post(url, {"gemeente": "lelystad", "reden": "BRP-adres was Lelystad"}, format="json")
    assert r.status_code == 200, r.content
    assert (r.json()["gemeente"], r.json()["brp_gemeente"]) == ("lelystad", "almere")
    assert api(lelystad).get(f"{BESCHIKKINGEN}{b.pk}/").status_code == 200
    assert api(almere).get(f"{BESCHIKKINGEN}{b.pk}/").status_code == 404


@time_machine.travel(NU, tick=False)
def test_cijfers_tellen_een_jeugdige_van_twee_gemeenten_eenmaal(api, almere, lelystad):
    """Two municipalities' records of one youth are one youth in the region's figures, one in each
    municipality's; youths without a BSN count per record."""
    from crisis.cijfers import ccp_cijfers
    from kern.aggregaties import Kwartaal

    api(almere).post(AANMELDINGEN, referral(hulpvraag="verblijf", bsn=BSN), format="json")
    api(lelystad).post(AANMELDINGEN, referral(gemeente="lelystad", hulpvraag="verblijf", bsn=BSN), format="json")
    api(almere).post(AANMELDINGEN, referral(hulpvraag="verblijf"), format="json")
    api(almere).post(AANMELDINGEN, referral(hulpvraag="verblijf"), format="json")
    kwartaal = Kwartaal.van_datum(NU.date())
    regio = ccp_cijfers(kwartaal)
    assert (regio["aanmeldingen"], regio["jeugdigen"]) == (4, 3)
    assert ccp_cijfers(kwartaal, Gemeente.objects.get(pk="lelystad"))["jeugdigen"] == 1
    assert ccp_cijfers(kwartaal, Gemeente.objects.get(pk="almere"))["jeugdigen"] == 3


def test_een_gi_leert_niet_wat_de_gemeente_van_een_bsn_weet(api):
    """A GI sees no municipality's records: its referral and its case answer as for an unknown
    BSN, keep its own data, and leave the municipality's record alone; the records stay linked."""
    gi = persona("gi", username="gi-aangewezen", ret_aanmelder=True, email="gi@gi.example")
    almeers = _almere_kent()
    vraag = referral(hulpvraag="verblijf", bsn=BSN, voornaam="Eigen", geboortedatum="2013-07-07")
    r = api(gi).post(AANMELDINGEN, vraag, format="json")
    assert r.status_code == 201, r.content
    assert "Geheimnaam" not in r.content.decode() and "2012-03-01" not in r.content.decode()
    casus = {
        "vraag": "Wat is passend?",
        "toestemming": True,
        "jeugdige": {
            "voornaam": "Eigen",
            "achternaam": "Kind",
            "geboortedatum": "2013-07-07",
            "bsn": BSN,
            "gemeente": "almere",
        },
    }
    r = api(gi).post(CASUSSEN, casus, format="json")
    assert r.status_code == 201, r.content
    assert "Geheimnaam" not in r.content.decode()
    _ongewijzigd(almeers)
    van_gi = Aanmelding.objects.get().jeugdige
    assert van_gi.via_gi and van_gi.gemeente_id == "almere" and van_gi.pk != almeers.pk
    assert Casus.objects.get().jeugdige_id == van_gi.pk
    assert set(Jeugdige.objects.zelfde_persoon(almeers)) == {almeers, van_gi}


@time_machine.travel(NU, tick=False)
def test_een_gi_medewerker_leert_niet_wat_een_andere_gi_medewerker_van_een_bsn_weet(api):
    """Each GI user sees only their own referrals, so a registration by one GI user never
    matches, returns or changes the record another GI user made of the same BSN: with another
    birth date it is no 400 (an oracle), with the same one it carries no other user's name."""
    een = persona("gi", username="gi-een", ret_aanmelder=True, email="een@gi.example")
    twee = persona("gi", username="gi-twee", ret_aanmelder=True, email="twee@gi.example")
    drie = persona("gi", username="gi-drie", ret_aanmelder=True, email="drie@gi.example")
    r = api(een).post(
        AANMELDINGEN,
        referral(hulpvraag="verblijf", bsn=BSN, voornaam="Geheimnaam", geboortedatum="2012-03-01"),
        format="json",
    )
    assert r.status_code == 201, r.content
    van_een = Aanmelding.objects.get(pk=r.json()["id"]).jeugdige
    for ander in (twee, drie):
        assert api(ander).get(f"{AANMELDINGEN}{r.json()['id']}/").status_code == 404

    andere_datum = referral(hulpvraag="ambulant", bsn=BSN, voornaam="Eigen", geboortedatum="2013-07-07")
    r = api(twee).post(AANMELDINGEN, andere_datum, format="json")
    assert r.status_code == 201, r.content
    assert "Geheimnaam" not in r.content.decode() and "2012-03-01" not in r.content.decode()

    zelfde_datum = referral(hulpvraag="ambulant", bsn=BSN, voornaam="Eigen", geboortedatum="2012-03-01")
    r = api(drie).post(AANMELDINGEN, zelfde_datum, format="json")
    assert r.status_code == 201, r.content
    assert "Geheimnaam" not in r.content.decode()

    _ongewijzigd(van_een)
    anderen = {a.jeugdige for a in Aanmelding.objects.filter(ingediend_door__in=[twee, drie])}
    assert len(anderen) == 2 and van_een not in anderen
    assert all(j.via_gi and j.gemeente_id == "almere" for j in anderen)
    # Still one person inside the system: the records are linked by BSN, never merged.
    assert set(Jeugdige.objects.zelfde_persoon(van_een)) == anderen | {van_een}


def test_een_pad_over_gekoppelde_registraties_van_een_gemeente():
    """A GI's crisis stay and the municipality's later placement are one trajectory (one path,
    one regisseur); another municipality's record of the same youth gets its own."""
    from perspectiefregie import services as regie

    almeers = _almere_kent()
    van_gi = JeugdigeFactory(gemeente_id="almere", bsn=BSN, via_gi=True, geboortedatum=almeers.geboortedatum)
    lelystads = JeugdigeFactory(gemeente_id="lelystad", bsn=BSN, geboortedatum=almeers.geboortedatum)
    dag = datetime.date(2026, 11, 20)
    crisis = regie.open_traject(jeugdige=van_gi, gemeente=van_gi.gemeente, bron="crisis", bron_id=1, startdatum=dag)
    plaatsing = regie.open_traject(
        jeugdige=almeers, gemeente=almeers.gemeente, bron="plaatsing", bron_id=2, startdatum=dag
    )
    assert plaatsing.pk == crisis.pk
    elders = regie.open_traject(
        jeugdige=lelystads, gemeente=lelystads.gemeente, bron="plaatsing", bron_id=3, startdatum=dag
    )
    assert elders.pk != crisis.pk and elders.gemeente_id == "lelystad"
