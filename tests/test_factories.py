"""The factories say what they make: each trait builds the record a test names, valid for the
region's rules (the stay holds a place, the closed trajectory has its reason)."""

import datetime

import pytest
import time_machine

from kern.bezetting import met_bezetting
from kern.models import Voorziening
from tests.factories import (
    AanmeldingFactory,
    BeschikkingFactory,
    CasusFactory,
    InzetFactory,
    PlaatsingFactory,
    ToewijzingFactory,
    TrajectFactory,
)

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


@time_machine.travel(NU, tick=False)
def test_aanmelding_en_toewijzing():
    a = AanmeldingFactory()
    assert (a.status, a.hulpvraag, a.gemeente_id) == ("nieuw", "ambulant", "almere")
    assert AanmeldingFactory(verblijf=True, getrieerd=True).status == "getrieerd"
    t = ToewijzingFactory()
    assert (t.status, t.aanbieder_id, t.aanmelding.status) == ("toegewezen", "triade", "getrieerd")


@time_machine.travel(NU, tick=False)
def test_een_crisisverblijf_neemt_een_plaats():
    inzet = InzetFactory(verblijf=True)
    assert inzet.hulpvorm.verblijf and inzet.ambulant_lokaal_team
    bed = met_bezetting(Voorziening.objects.filter(pk=inzet.voorziening_id), NU.date()).get()
    assert bed.bezet == 1
    assert InzetFactory(verblijf=True, afgesloten=True).einddatum == NU.date()


@time_machine.travel(NU, tick=False)
def test_beschikking_plaatsing_casus_en_traject():
    assert BeschikkingFactory(gestart=True).ambulant_gestart_op == NU.date()
    assert BeschikkingFactory(ambulant=True).zorgtype_id is None
    assert BeschikkingFactory(buiten_de_regio=True).buiten_regio
    assert PlaatsingFactory().beschikking.zorgtype_id == "pleegzorg"
    anoniem = CasusFactory(anoniem=True)
    assert anoniem.jeugdige is None and not anoniem.toestemming
    assert CasusFactory(van_gi=True).via_gi
    assert CasusFactory(besproken=True).besproken_op == NU.date()
    gesloten = TrajectFactory(gesloten=True, na_plaatsing=True)
    assert (gesloten.bron, gesloten.sluitreden, gesloten.einddatum) == ("plaatsing", "thuis", NU.date())
