"""#14.4: the quarterly figures read the referral's date, municipality and age group from a copy
on each deployment (one index range instead of a join to every referral). Triggers keep the copy
right whatever writes: the import's COPY, a correction of the referral, a deployment moved to
another referral. Each case checks the figures themselves, not only the columns."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from crisis.cijfers import Kwartaal, ccp_cijfers
from crisis.importeren import importeer
from crisis.models import Aanmelding, Inzet

DATA = Path(__file__).parent.parent / "data"
Q3, Q2 = Kwartaal(2026, 3), Kwartaal(2026, 2)

pytestmark = pytest.mark.django_db


def _kopie_klopt():
    for i in Inzet.objects.select_related("aanmelding"):
        a = i.aanmelding
        assert (i.kopie_aanmelddatum, i.kopie_gemeente, i.kopie_leeftijdsgroep) == (
            a.aanmelddatum,
            a.gemeente_id,
            a.leeftijdsgroep,
        ), i.pk


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
