"""One path, one regisseur; one plan, one evaluation (issue #12.1, #12.2), through the contract's API."""

import datetime

import pytest
import time_machine

from crisis.models import Inzet
from kern.models import Voorziening, Voorzieningtype
from perspectiefregie import services, werklijst
from perspectiefregie.models import Perspectiefplan, Traject
from servicepunt import services as servicepunt
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import JeugdigeFactory, persona

D = datetime.date
TRAJECTEN = "/api/v1/perspectiefregie/trajecten/"
pytestmark = pytest.mark.django_db


def op(dag: datetime.date):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(10), tzinfo=datetime.UTC), tick=False)


def crisisbed(api, ccp, start="2026-11-02", geboortedatum="2012-01-01") -> Inzet:
    pk = (
        api(ccp)
        .post(
            AANMELDINGEN, referral(gemeente="almere", hulpvraag="verblijf", geboortedatum=geboortedatum), format="json"
        )
        .json()["id"]
    )
    bed = Voorziening.objects.get(type_id="crisisgroep_12plus")
    r = api(ccp).post(
        f"{AANMELDINGEN}{pk}/inzet/",
        {"hulpvorm": "crisisbed", "voorziening": bed.pk, "startdatum": start, "ambulant_door": "lokaal_team"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    return Inzet.objects.select_related("aanmelding__jeugdige").get(pk=r.json()["id"])


def pleeggezin(leeftijd: int) -> Voorziening:
    return next(
        v
        for v in Voorziening.objects.filter(type_id="pleegzorg", actief=True).order_by("pk")
        if v.past_leeftijd(leeftijd)
    )


def test_crisisverblijf_gevolgd_door_pleegzorg_houdt_een_traject_en_de_regisseur(api, ccp, toegang_almere):
    persona("toegang", gemeente_id="almere", username="anouk")
    with op(D(2026, 11, 2)):
        inzet = crisisbed(api, ccp)
        traject = Traject.objects.get()
        r = api(toegang_almere).post(f"{TRAJECTEN}{traject.pk}/regisseur/", {"regisseur": "anouk"}, format="json")
        assert r.status_code == 201, r.json()
    with op(D(2026, 11, 16)):
        r = api(ccp).post(
            f"/api/v1/crisis/inzet/{inzet.pk}/afsluiten/",
            {"einddatum": "2026-11-16", "vervolg": "uhp_pleegzorg"},
            format="json",
        )
        assert r.status_code == 200, r.json()
    with op(D(2026, 11, 18)):
        jeugdige = inzet.aanmelding.jeugdige
        b = servicepunt.beschikking_registreren(
            toegang_almere,
            jeugdige=jeugdige,
            afgegeven_op=D(2026, 11, 17),
            zorgtype=Voorzieningtype.objects.get(code="pleegzorg"),
        )
        plaatsing = servicepunt.plaatsen(
            toegang_almere, b, voorziening=pleeggezin(14), startdatum=D(2026, 11, 18), ambulant_door="lokaal_team"
        )
        lijst = api(toegang_almere).get(TRAJECTEN, {"jeugdige": jeugdige.pk}).json()["results"]
    assert len(lijst) == 1
    t = lijst[0]
    assert t["regisseur"] == "anouk"
    assert (t["geopend_op"], t["gesloten_op"], t["gemeente"], t["jeugdige"]) == (
        "2026-11-02",
        None,
        "almere",
        jeugdige.pk,
    )
    assert t["verblijven"] == [
        {"soort": "crisis", "id": inzet.pk, "startdatum": "2026-11-02", "einddatum": "2026-11-16"},
        {"soort": "plaatsing", "id": plaatsing.pk, "startdatum": "2026-11-18", "einddatum": None},
    ]
    assert set(t) == {
        "id",
        "jeugdige",
        "gemeente",
        "regisseur",
        "geopend_op",
        "gesloten_op",
        "verblijven",
        "perspectiefplan",
    }
    assert t["perspectiefplan"] == {"uiterlijk": "2026-11-16", "vastgesteld_op": None, "evaluatie_op": None}
    # Home at last: the period of care, and the regisseur's direction, end.
    with op(D(2027, 3, 1)):
        servicepunt.plaatsing_beeindigen(
            toegang_almere, plaatsing, einddatum=D(2027, 3, 1), vervolg="Naar huis met hulp", naar_huis=True
        )
    traject.refresh_from_db()
    assert (traject.einddatum, traject.sluitreden) == (D(2027, 3, 1), "thuis")
    assert traject.regisseurschappen.get().tot == D(2027, 3, 1)


def test_een_verblijf_eindigt_terwijl_een_ander_loopt_het_traject_blijft_open(api, ccp, toegang_almere):
    with op(D(2026, 11, 2)):
        inzet = crisisbed(api, ccp)
        b = servicepunt.beschikking_registreren(
            toegang_almere,
            jeugdige=inzet.aanmelding.jeugdige,
            afgegeven_op=D(2026, 11, 2),
            zorgtype=Voorzieningtype.objects.get(code="pleegzorg"),
        )
        servicepunt.plaatsen(
            toegang_almere, b, voorziening=pleeggezin(14), startdatum=D(2026, 11, 2), ambulant_door="lokaal_team"
        )
        # Even "naar huis" does not close while the foster placement runs.
        api(ccp).post(
            f"/api/v1/crisis/inzet/{inzet.pk}/afsluiten/",
            {"einddatum": "2026-11-02", "vervolg": "naar_huis_met_hulp"},
            format="json",
        )
    assert Traject.objects.get().einddatum is None


def test_wissel_van_regisseur_vraagt_een_reden_en_telt_over_de_hele_periode(api, ccp, toegang_almere):
    persona("toegang", gemeente_id="almere", username="anouk")
    persona("toegang", gemeente_id="almere", username="bo")
    persona("toegang", gemeente_id="lelystad", username="lars")
    with op(D(2026, 11, 2)):
        crisisbed(api, ccp)
        url = f"{TRAJECTEN}{Traject.objects.get().pk}/regisseur/"
        assert api(toegang_almere).post(url, {"regisseur": "anouk"}, format="json").status_code == 201
        r = api(toegang_almere).post(url, {"regisseur": "bo"}, format="json")
        assert r.status_code == 400 and "reden" in r.json()
        r = api(toegang_almere).post(url, {"regisseur": "niemand", "reden": "x"}, format="json")
        assert r.status_code == 400 and "regisseur" in r.json()
        r = api(toegang_almere).post(url, {"regisseur": "lars", "reden": "x"}, format="json")
        assert r.status_code == 400 and "regisseur" in r.json()
        r = api(toegang_almere).post(url, {"regisseur": "bo", "reden": "Anouk met verlof"}, format="json")
        assert r.status_code == 201 and r.json()["regisseur"] == "bo"
        # Another municipality does not learn the trajectory exists; the CCP may not assign.
        lelystad = persona("toegang", gemeente_id="lelystad", username="toegang-lelystad")
        assert api(lelystad).post(url, {"regisseur": "lars"}, format="json").status_code == 404
        assert api(lelystad).get(TRAJECTEN).json()["results"] == []
        assert api(ccp).get(TRAJECTEN).status_code == 403
        assert api(toegang_almere).get(TRAJECTEN, {"jeugdige": "abc"}).status_code == 400


def test_een_ccp_plan_maakt_de_regiewerklijst_groen(api, ccp, toegang_almere):
    with op(D(2026, 11, 2)):
        inzet = crisisbed(api, ccp)
    with op(D(2026, 11, 14)):
        r = api(ccp).post(
            f"/api/v1/crisis/inzet/{inzet.pk}/perspectiefplan/",
            {"perspectiefplan_datum": "2026-11-13", "evaluatie_op": "2026-11-14"},
            format="json",
        )
        assert r.status_code == 200, r.json()
        assert r.json()["perspectiefplan_datum"] == "2026-11-13"
    with op(D(2026, 11, 23)):  # after the deadline: the worklist must not say "verlopen"
        rij = werklijst.rijen(Traject.objects.all())[0]
        assert (rij.plan_status, rij.evaluatie_status) == ("op_tijd", "op_tijd")
        t = api(toegang_almere).get(TRAJECTEN).json()["results"][0]
    assert t["perspectiefplan"] == {
        "uiterlijk": "2026-11-16",
        "vastgesteld_op": "2026-11-13",
        "evaluatie_op": "2026-11-14",
    }
    assert Perspectiefplan.objects.count() == 1


def test_plan_via_perspectiefregie_is_hetzelfde_record_voor_het_ccp(api, ccp):
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    with op(D(2026, 11, 2)):
        inzet = crisisbed(api, ccp)
    with op(D(2026, 11, 20)):
        api(ccp).post(
            f"/api/v1/crisis/inzet/{inzet.pk}/perspectiefplan/", {"perspectiefplan_datum": "2026-11-17"}, format="json"
        )
        # The regisseur adds the content: the same record, not a second plan.
        services.plan_vastleggen(
            anouk, Traject.objects.get(), soort="perspectief", vastgesteld_op=D(2026, 11, 16), terugkeer="Naar huis"
        )
        aanmelding = api(ccp).get(f"{AANMELDINGEN}{inzet.aanmelding_id}/").json()
    assert Perspectiefplan.objects.get().terugkeer == "Naar huis"
    assert aanmelding["inzetten"][0]["perspectiefplan_datum"] == "2026-11-16"
    from crisis.cijfers import ccp_cijfers
    from kern.aggregaties import Kwartaal

    assert ccp_cijfers(Kwartaal(2026, 4))["perspectiefplan_binnen_14_dagen"]["op_tijd"] == 1

    # The figure counts set-based (#14.4) but must read the same date as the stay's page: a late
    # plan wins over an old registration's date on time, and without a plan that date counts.
    def op_tijd():
        return ccp_cijfers(Kwartaal(2026, 4))["perspectiefplan_binnen_14_dagen"]["op_tijd"]

    Inzet.objects.filter(pk=inzet.pk).update(historisch_perspectiefplan=D(2026, 11, 3))
    Perspectiefplan.objects.update(vastgesteld_op=D(2026, 11, 17))
    assert op_tijd() == 0
    Perspectiefplan.objects.update(vastgesteld_op=D(2026, 11, 16))
    assert op_tijd() == 1
    Perspectiefplan.objects.all().delete()
    assert op_tijd() == 1
    Inzet.objects.filter(pk=inzet.pk).update(historisch_perspectiefplan=D(2026, 11, 17))
    assert op_tijd() == 0


def test_gezag_door_derden_legt_de_regie_bij_de_gi(toegang_almere):
    with op(D(2026, 11, 23)):
        jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=D(2012, 1, 1))
        b = servicepunt.beschikking_registreren(
            toegang_almere,
            jeugdige=jeugdige,
            afgegeven_op=D(2026, 11, 2),
            zorgtype=Voorzieningtype.objects.get(code="pleegzorg"),
            gezag_derden=True,
        )
        servicepunt.plaatsen(
            toegang_almere, b, voorziening=pleeggezin(14), startdatum=D(2026, 11, 3), ambulant_door="lokaal_team"
        )
        traject = Traject.objects.get()
        assert traject.regie_bij_gi
        rij = werklijst.rijen(Traject.objects.all())[0]
        assert rij.regisseur_status is None and not rij.signaal
        gi = persona("gi", username="gi")
        assert list(Traject.objects.zichtbaar_voor(gi)) == [traject]


def test_een_gecorrigeerde_startdatum_verschuift_het_traject(api, ccp):
    with op(D(2026, 11, 5)):
        inzet = crisisbed(api, ccp, start="2026-11-05")
        from crisis import correcties

        correcties.inzet_corrigeren(ccp, inzet, reden="Opname was al op 3 november", startdatum=D(2026, 11, 3))
        t = api(persona("toegang", gemeente_id="almere", username="t")).get(TRAJECTEN).json()["results"][0]
    assert t["geopend_op"] == "2026-11-03"
    assert t["verblijven"][0]["startdatum"] == "2026-11-03"


@pytest.mark.parametrize("waarde", ["abc", "1.5", "\u0661\u0662", "9" * 30, "-1"])
def test_een_onleesbaar_jeugdige_filter_is_400_met_het_veld(api, toegang_almere, waarde):
    r = api(toegang_almere).get("/api/v1/perspectiefregie/trajecten/", {"jeugdige": waarde})
    assert r.status_code == 400 and "jeugdige" in r.json()
