import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from kern.aggregaties import Kwartaal
from kern.fouten import Conflict
from perspectiefregie import regels, services
from perspectiefregie.cijfers import perspectiefregie_cijfers
from perspectiefregie.models import Regisseurschap, Traject
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import JeugdigeFactory, persona

D = datetime.date
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


def crisisopname(api, ccp, gemeente="almere", geboortedatum="2012-01-01", **jeugdige):
    from kern.models import Voorziening

    pk = (
        api(ccp)
        .post(
            AANMELDINGEN,
            referral(gemeente=gemeente, hulpvraag="verblijf", geboortedatum=geboortedatum, **jeugdige),
            format="json",
        )
        .json()["id"]
    )
    bed = Voorziening.objects.get(type_id="crisisgroep_12plus")
    r = api(ccp).post(
        f"{AANMELDINGEN}{pk}/inzet/",
        {"hulpvorm": "crisisbed", "voorziening": bed.pk, "startdatum": "2026-11-23", "ambulant_door": "lokaal_team"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    return r.json()["id"]


@time_machine.travel(NU, tick=False)
def test_opname_opent_en_ontslag_sluit_het_traject(api, ccp):
    inzet = crisisopname(api, ccp)
    traject = Traject.objects.get(verblijven__soort="crisis", verblijven__verblijf_id=inzet)
    assert (traject.gemeente_id, traject.startdatum, traject.einddatum) == ("almere", D(2026, 11, 23), None)
    api(ccp).post(
        f"/api/v1/crisis/inzet/{inzet}/afsluiten/",
        {"einddatum": "2026-11-23", "vervolg": "naar_huis_met_hulp"},
        format="json",
    )
    traject.refresh_from_db()
    assert traject.einddatum == D(2026, 11, 23)


@time_machine.travel(NU, tick=False)
def test_gedwongen_kader_is_uitgesloten_en_zichtbaar(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    jeugdige = JeugdigeFactory(gemeente_id="almere", kader="gedwongen")
    traject = services.open_traject(
        jeugdige=jeugdige, gemeente=jeugdige.gemeente, bron="crisis", bron_id=1, startdatum=D(2026, 11, 20)
    )
    assert traject.gedwongen_kader
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    with pytest.raises(Conflict, match="GI"):
        services.wijs_regisseur_toe(anouk, traject, regisseur=anouk)
    client.force_login(anouk)
    assert "Regie bij de GI" in client.get("/perspectiefregie/").content.decode()
    assert perspectiefregie_cijfers(Kwartaal(2026, 4))["trajecten"] == 0


@time_machine.travel(NU, tick=False)
def test_een_actieve_regisseur_en_wissel_met_reden():
    jeugdige = JeugdigeFactory(gemeente_id="almere")
    traject = services.open_traject(
        jeugdige=jeugdige, gemeente=jeugdige.gemeente, bron="crisis", bron_id=7, startdatum=D(2026, 11, 20)
    )
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    bo = persona("toegang", gemeente_id="almere", username="bo")
    lars = persona("toegang", gemeente_id="lelystad", username="lars")
    services.wijs_regisseur_toe(anouk, traject, regisseur=anouk)
    with pytest.raises(ValidationError, match="reden"):
        services.wijs_regisseur_toe(anouk, traject, regisseur=bo)
    with pytest.raises(ValidationError, match="regisseur"):
        services.wijs_regisseur_toe(anouk, traject, regisseur=lars, reden="x")
    services.wijs_regisseur_toe(anouk, traject, regisseur=bo, reden="Anouk met zwangerschapsverlof")
    assert Regisseurschap.objects.filter(traject=traject, tot__isnull=True).get().regisseur == bo
    assert Regisseurschap.objects.filter(traject=traject).count() == 2


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_toewijzingen_geven_een_regisseur():
    jeugdige = JeugdigeFactory(gemeente_id="almere")
    traject = services.open_traject(
        jeugdige=jeugdige, gemeente=jeugdige.gemeente, bron="crisis", bron_id=8, startdatum=D(2026, 11, 20)
    )
    a, b = (
        persona("toegang", gemeente_id="almere", username="a"),
        persona("toegang", gemeente_id="almere", username="b"),
    )
    start = threading.Barrier(2)
    uitkomst = []

    def wijs(regisseur):
        try:
            start.wait()
            services.wijs_regisseur_toe(regisseur, traject, regisseur=regisseur)
            uitkomst.append("ok")
        except (Conflict, ValidationError):
            uitkomst.append("geweigerd")
        finally:
            connection.close()

    threads = [threading.Thread(target=wijs, args=(u,)) for u in (a, b)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(uitkomst) == ["geweigerd", "ok"]
    assert Regisseurschap.objects.filter(traject=traject, tot__isnull=True).count() == 1


class TestTermijnen:
    def test_regisseur_binnen_twee_werkdagen(self):
        assert regels.regisseur_uiterlijk(D(2026, 11, 19), set()) == D(2026, 11, 23)  # Thursday -> Monday
        assert regels.regisseur_uiterlijk(D(2026, 12, 24), set()) == D(2026, 12, 29)  # over Christmas
        assert regels.status(D(2026, 11, 23), None, D(2026, 11, 23)) == "bijna"
        assert regels.status(D(2026, 11, 23), None, D(2026, 11, 24)) == "verlopen"

    def test_perspectiefplan_binnen_14_dagen_na_crisisopname(self):
        uiterlijk = regels.plan_uiterlijk("crisis", D(2026, 11, 1))
        assert uiterlijk == D(2026, 11, 15)
        assert regels.status(uiterlijk, D(2026, 11, 15), D(2026, 12, 1)) == "op_tijd"
        assert regels.status(uiterlijk, D(2026, 11, 16), D(2026, 12, 1)) == "te_laat"

    def test_plan_na_18_binnen_de_termijn_of_op_de_16e_verjaardag_wat_later_is(self):
        REGIO = {"vanaf_leeftijd": 16, "dagen_na_opname": 42}  # the region's settings (kern.Regioinstelling defaults)
        # 16 already: within the agreed term (42 days), never on the day of admission.
        assert regels.na_18_plan_uiterlijk(D(2010, 3, 10), D(2026, 11, 1), **REGIO) == D(2026, 12, 13)
        # 14: on the 16th birthday.
        assert regels.na_18_plan_uiterlijk(D(2011, 12, 10), D(2026, 11, 1), **REGIO) == D(2027, 12, 10)
        # 16th birthday inside the term: the term.
        assert regels.na_18_plan_uiterlijk(D(2010, 11, 20), D(2026, 11, 1), **REGIO) == D(2026, 12, 13)
        # 16th birthday one day after the term ends: the birthday.
        assert regels.na_18_plan_uiterlijk(D(2010, 12, 14), D(2026, 11, 1), **REGIO) == D(2026, 12, 14)
        # The region's setting decides.
        assert regels.na_18_plan_uiterlijk(D(2010, 3, 10), D(2026, 11, 1), vanaf_leeftijd=16, dagen_na_opname=14) == D(
            2026, 11, 15
        )


def test_plan_voor_crisisverblijf_telt_ook_in_de_ccp_cijfers(api, ccp):
    with time_machine.travel(NU, tick=False):
        inzet = crisisopname(api, ccp)
    traject = Traject.objects.get(verblijven__soort="crisis", verblijven__verblijf_id=inzet)
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(ValidationError, match="terugkeer"):
            services.plan_vastleggen(anouk, traject, soort="perspectief", vastgesteld_op=D(2026, 11, 30))
        services.plan_vastleggen(
            anouk,
            traject,
            soort="perspectief",
            vastgesteld_op=D(2026, 11, 30),
            terugkeer="Terug naar moeder met gezinsbehandeling",
        )
        antwoord = api(ccp).get(f"{AANMELDINGEN}").json()["results"][0]["inzetten"][0]
    assert antwoord["perspectiefplan_datum"] == "2026-11-30"


def test_continuiteitscijfers_met_de_hand_geteld():
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    bo = persona("toegang", gemeente_id="almere", username="bo")
    # Recorded on 2 August, about what happened in July (no date in the future).
    with time_machine.travel(datetime.datetime(2026, 8, 2, 10, tzinfo=datetime.UTC), tick=False):
        j1, j2, j3 = (JeugdigeFactory(gemeente_id="almere") for _ in range(3))
        t1 = services.open_traject(
            jeugdige=j1, gemeente=j1.gemeente, bron="crisis", bron_id=1, startdatum=D(2026, 7, 1)
        )
        t2 = services.open_traject(
            jeugdige=j2, gemeente=j2.gemeente, bron="crisis", bron_id=2, startdatum=D(2026, 7, 1)
        )
        services.open_traject(jeugdige=j3, gemeente=j3.gemeente, bron="plaatsing", bron_id=3, startdatum=D(2026, 9, 1))
        services.wijs_regisseur_toe(anouk, t1, regisseur=anouk, datum=D(2026, 7, 2))
        services.wijs_regisseur_toe(anouk, t1, regisseur=bo, reden="Verhuizing", datum=D(2026, 8, 1))
        services.wijs_regisseur_toe(anouk, t2, regisseur=anouk, datum=D(2026, 7, 5))
        services.plan_vastleggen(anouk, t1, soort="perspectief", vastgesteld_op=D(2026, 7, 15), terugkeer="x")  # day 14
        services.plan_vastleggen(anouk, t2, soort="perspectief", vastgesteld_op=D(2026, 7, 16), terugkeer="x")  # day 15
    c = perspectiefregie_cijfers(Kwartaal(2026, 3))
    assert (c["jeugdigen_vrijwillig_verblijf"], c["trajecten"], c["met_regisseur"]) == (3, 3, 2)
    assert c["percentage_met_regisseur"] == 66.7
    # t3's plan is due 42 days after 1 September: in Q4, not counted here.
    assert (c["plannen_verwacht"], c["plannen_op_tijd"]) == (2, 1)
    assert c["regisseurwissels"] == 1
    assert c["mediaan_dagen_tot_regisseur"] == 2.5  # 1 and 4 days


def test_continuiteitscijfers_tellen_elk_traject_en_elke_jeugdige_eenmaal_na_correcties():
    """The figures join each trajectory to its regisseurships (#14.4): a handover on the reference
    date gives two regisseurships active that day, and still one trajectory with a regisseur; a
    corrected plan date counts as corrected; one person with records in two municipalities is one
    youth; a plan after 18 is no perspective plan; the GI's trajectory is only excluded."""
    from kern.models import Gemeente
    from perspectiefregie.correcties import plan_corrigeren

    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    bo = persona("toegang", gemeente_id="almere", username="bo")
    with time_machine.travel(datetime.datetime(2026, 10, 2, 10, tzinfo=datetime.UTC), tick=False):
        in_almere = JeugdigeFactory(gemeente_id="almere", bsn="111222333")
        in_lelystad = JeugdigeFactory(gemeente_id="lelystad", bsn="111222333")
        gi = JeugdigeFactory(gemeente_id="almere")
        t1 = services.open_traject(
            jeugdige=in_almere, gemeente=in_almere.gemeente, bron="crisis", bron_id=1, startdatum=D(2026, 7, 1)
        )
        t2 = services.open_traject(
            jeugdige=in_lelystad, gemeente=in_lelystad.gemeente, bron="crisis", bron_id=2, startdatum=D(2026, 7, 1)
        )
        t3 = services.open_traject(
            jeugdige=gi, gemeente=gi.gemeente, bron="crisis", bron_id=3, startdatum=D(2026, 7, 1)
        )
        Traject.objects.filter(pk=t3.pk).update(gedwongen_kader=True)
        services.wijs_regisseur_toe(anouk, t1, regisseur=anouk, datum=D(2026, 7, 3))
        services.wijs_regisseur_toe(anouk, t1, regisseur=bo, reden="Verhuizing", datum=D(2026, 9, 30))
        assert Regisseurschap.objects.filter(traject=t1, van__lte=D(2026, 9, 30)).count() == 2
        plan = services.plan_vastleggen(anouk, t1, soort="perspectief", vastgesteld_op=D(2026, 7, 20), terugkeer="x")
        services.plan_vastleggen(anouk, t2, soort="na_18", vastgesteld_op=D(2026, 7, 5))
        assert perspectiefregie_cijfers(Kwartaal(2026, 3))["plannen_op_tijd"] == 0  # day 19 of 14
        plan_corrigeren(anouk, plan, reden="Verkeerde datum overgenomen", vastgesteld_op=D(2026, 7, 14))
    c = perspectiefregie_cijfers(Kwartaal(2026, 3))
    assert (c["jeugdigen_vrijwillig_verblijf"], c["trajecten"], c["met_regisseur"]) == (1, 2, 1)
    assert (c["plannen_verwacht"], c["plannen_op_tijd"]) == (2, 1)
    assert (c["regisseurwissels"], c["wissels_per_jeugdige"]) == (1, 1.0)
    assert (c["mediaan_dagen_tot_regisseur"], c["gestart_met_regisseur"]) == (2.0, 1)
    assert c["gedwongen_kader_uitgesloten"] == 1
    almere = perspectiefregie_cijfers(Kwartaal(2026, 3), Gemeente.objects.get(code="almere"))
    assert (almere["trajecten"], almere["met_regisseur"], almere["gedwongen_kader_uitgesloten"]) == (1, 1, 1)
