"""Policy staff never see a youth's record: one named rule (accounts.permissions.ziet_geen_jeugdigen)
that every zichtbaar_voor asks first, so no app can forget it."""

import pytest

from accounts.permissions import ziet_geen_jeugdigen
from crisis.models import Aanmelding, Inzet
from experttafel.models import Casus
from perspectiefregie.models import Traject
from servicepunt.models import Beschikking, Plaatsing
from tests.factories import (
    AanmeldingFactory,
    BeschikkingFactory,
    CasusFactory,
    InzetFactory,
    PlaatsingFactory,
    TrajectFactory,
    persona,
)

pytestmark = pytest.mark.django_db


def test_beleid_ziet_van_geen_enkele_functie_een_jeugdige():
    AanmeldingFactory(verblijf=True)
    InzetFactory(verblijf=True)
    CasusFactory()
    CasusFactory(anoniem=True)
    TrajectFactory(gedwongen=True)
    PlaatsingFactory(beschikking=BeschikkingFactory(gestart=True))
    beleid = persona("beleid", gemeente_id="almere")
    assert ziet_geen_jeugdigen(beleid)
    for model in (Aanmelding, Inzet, Casus, Traject, Beschikking, Plaatsing):
        assert model.objects.exists()
        assert not model.objects.zichtbaar_voor(beleid).exists(), model.__name__


def test_de_regel_geldt_alleen_voor_beleid():
    assert not ziet_geen_jeugdigen(persona("toegang"))
    assert not ziet_geen_jeugdigen(persona("ccp"))
