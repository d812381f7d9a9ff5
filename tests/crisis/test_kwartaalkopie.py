"""#14.4: the quarterly figures read the referral's date, municipality and age group from a copy
on each deployment (one index range instead of a join to every referral). Triggers keep the copy
right whatever writes: the import's COPY, a correction of the referral, a deployment moved to
another referral. Each case checks the figures themselves, not only the columns."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from crisis.cijfers import Kwartaal, ccp_cijfers
from crisis.importeren import importeer
from crisis.models import Aanmelding, Inzet
from kern.querysets import persoon
from perspectiefregie.models import Perspectiefplan, Traject, Verblijf
from tests.factories import AanmeldingFactory, InzetFactory, JeugdigeFactory, TrajectFactory

DATA = Path(__file__).parent.parent / "data"
Q3, Q2 = Kwartaal(2026, 3), Kwartaal(2026, 2)

pytestmark = pytest.mark.django_db


def _kopie_klopt():
    for i in Inzet.objects.select_related("aanmelding").met_perspectiefplan():
        a = i.aanmelding
        assert (i.kopie_aanmelddatum, i.kopie_gemeente, i.kopie_leeftijdsgroep) == (
            a.aanmelddatum,
            a.gemeente_id,
            a.leeftijdsgroep,
        ), i.pk
        # migration 0014: the plan date as the stay's page reads it
        assert i.kopie_plandatum == i.plan_datum, i.pk
    # ... and one person key per person (kern.querysets.persoon), none shared by two persons.
    sleutels = {}
    for a in Aanmelding.objects.annotate(p=persoon()):
        sleutels.setdefault(a.p, set()).add(a.kopie_persoon)
    assert all(len(s) == 1 for s in sleutels.values()), sleutels
    assert len({next(iter(s)) for s in sleutels.values()}) == len(sleutels)


def _vormen(cijfers, gemeente, groep):
    rij = cijfers["inzet"][gemeente][groep]
    return {k: v for k, v in rij.items() if v and k != "totaal"}


def test_de_import_vult_de_kopie_en_een_correctie_van_de_aanmelding_verplaatst_de_cijfers():
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    _kopie_klopt()
    voor = ccp_cijfers(Q3)
    aanmelding = Aanmelding.objects.filter(inzetten__hulpvorm="crisisbed").first()
    g, groep = aanmelding.gemeente_id, aanmelding.leeftijdsgroep
    n = aanmelding.inzetten.count()
    # A correction of the referral's date (any path: here a bare UPDATE) moves its deployments
    # to the other quarter, and of its municipality to the other column.
    Aanmelding.objects.filter(pk=aanmelding.pk).update(aanmelddatum="2026-06-30", gemeente_id="urk")
    _kopie_klopt()
    na = ccp_cijfers(Q3)
    assert na["inzet"][g][groep]["totaal"] == voor["inzet"][g][groep]["totaal"] - n
    assert na["inzet"]["totaal"][groep]["crisisbed"] == voor["inzet"]["totaal"][groep]["crisisbed"] - 1
    eerder = ccp_cijfers(Q2)
    assert eerder["inzet"]["urk"][groep]["totaal"] == n
    assert eerder["inzet"]["urk"][groep]["crisisbed"] == 1
    # The stay ended in Q3 still counts in Q3's length of stay, now under Urk.
    assert na["verblijfsduur"]["urk"]["aantal"] >= 1


def test_een_inzet_naar_een_andere_aanmelding_neemt_diens_gegevens_mee():
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    inzet = Inzet.objects.first()
    ander = Aanmelding.objects.exclude(pk=inzet.aanmelding_id).exclude(gemeente_id=inzet.kopie_gemeente).first()
    inzet.aanmelding = ander
    inzet.save()
    _kopie_klopt()


def test_een_grote_import_met_copy_houdt_de_kopie_bij():
    regels = [
        "registratienummer,jeugdige,aanmelddatum,geboortedatum,gemeente,hulpvorm,reden_geen,startdatum,einddatum,vervolg,perspectiefplan_datum"
    ]
    for i in range(300):
        gemeente = ["almere", "lelystad", "urk"][i % 3]
        geboren = "2004-01-01" if i % 2 else "2018-01-01"
        regels.append(
            f"K{i},C{i},2026-0{7 + i % 3}-01,{geboren},{gemeente},ambulant,,2026-09-01,2026-09-10,casusregie,"
        )
    importeer(io.StringIO("\n".join(regels) + "\n"))
    _kopie_klopt()
    c = ccp_cijfers(Q3)
    assert c["inzet"]["urk"]["12+"]["ambulant"] == sum(1 for i in range(300) if i % 3 == 2 and i % 2)
    assert c["vervolg_ambulant"]["12-"]["casusregie"] == 150


D = datetime.date


def _jeugdigen(kwartaal=Q3):
    return ccp_cijfers(kwartaal)["jeugdigen"]


def test_een_kind_in_twee_gemeenten_telt_eens_ook_na_een_correctie_van_het_bsn():
    """#14.4: the quarter's youths are counted from the referral's person key; a BSN corrected
    on any record moves every referral of that person with it, whatever the order of the ids."""
    in_almere = JeugdigeFactory(gemeente_id="almere", bsn="111222333")
    in_lelystad = JeugdigeFactory(gemeente_id="lelystad", bsn="111222333")
    zonder = JeugdigeFactory(gemeente_id="urk")
    for j in (in_almere, in_lelystad, zonder):
        AanmeldingFactory(jeugdige=j, aanmelddatum=D(2026, 8, 3))
    _kopie_klopt()
    assert _jeugdigen() == 2
    # A typo in Lelystad's BSN is corrected away from Almere's: two children.
    in_lelystad.bsn = "123456782"
    in_lelystad.save()
    _kopie_klopt()
    assert _jeugdigen() == 3
    # Urk learns the child's BSN, the same as Lelystad's: that person now has two records.
    Jeugdige = type(zonder)
    Jeugdige.objects.filter(pk=zonder.pk).update(bsn="123456782")
    _kopie_klopt()
    assert _jeugdigen() == 2
    # A newer record with a lower id than the others (a COPY with given ids) joins the person.
    JeugdigeFactory(id=1, gemeente_id="dronten", bsn="111222333")
    _kopie_klopt()
    # The record with the smallest id goes (it had no referrals): the others stay one person.
    Jeugdige.objects.filter(pk=1).delete()
    _kopie_klopt()
    assert _jeugdigen() == 2
    # A referral moved to another youth record takes that record's person.
    Aanmelding.objects.filter(jeugdige=in_almere).update(jeugdige=in_lelystad)
    _kopie_klopt()
    assert _jeugdigen() == 1


def test_de_plandatum_volgt_plan_traject_en_samenvoegen():
    """#14.4: 'plan within 14 days' reads the stay's copy of its plan date; the copy follows a plan
    recorded, corrected, moved or removed, and a stay moved to another trajectory (a merge)."""
    inzet = InzetFactory(verblijf=True, startdatum=D(2026, 8, 3))
    traject = TrajectFactory(jeugdige=inzet.aanmelding.jeugdige, startdatum=D(2026, 8, 3))
    ander = TrajectFactory(jeugdige=inzet.aanmelding.jeugdige, startdatum=D(2026, 8, 3), gesloten=True)

    def plan():
        return ccp_cijfers(Q3)["perspectiefplan_binnen_14_dagen"]

    assert plan() == {"opnames": 1, "op_tijd": 0, "percentage": 0.0}
    verblijf = Verblijf.objects.create(traject=traject, soort="crisis", verblijf_id=inzet.pk, startdatum=D(2026, 8, 3))
    p = Perspectiefplan.objects.create(traject=traject, soort="perspectief", vastgesteld_op=D(2026, 8, 17))
    _kopie_klopt()
    assert plan()["op_tijd"] == 1  # day 14: on time
    p.vastgesteld_op = D(2026, 8, 18)  # corrected to day 15: late
    p.save()
    _kopie_klopt()
    assert plan()["op_tijd"] == 0
    # An earlier plan of the other trajectory counts once the stay is merged into it.
    Perspectiefplan.objects.create(traject=ander, soort="perspectief", vastgesteld_op=D(2026, 8, 10))
    assert plan()["op_tijd"] == 0
    verblijf.traject = ander
    verblijf.save()
    _kopie_klopt()
    assert plan()["op_tijd"] == 1
    # A plan moved to another trajectory takes its date with it; a plan of another kind does not count.
    Perspectiefplan.objects.filter(traject=ander).update(traject=traject)
    _kopie_klopt()
    assert plan()["op_tijd"] == 0
    Perspectiefplan.objects.filter(traject=traject).update(traject=ander, soort="na_18")
    _kopie_klopt()
    assert plan()["op_tijd"] == 0
    # Without a trajectory link the historical registration's date counts again.
    Inzet.objects.filter(pk=inzet.pk).update(historisch_perspectiefplan=D(2026, 8, 5))
    Verblijf.objects.all().delete()
    _kopie_klopt()
    assert plan()["op_tijd"] == 1
    assert Traject.objects.count() == 2
