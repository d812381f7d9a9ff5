"""Services are the one door for writes: each is one transaction, so a step that fails halfway
leaves nothing half-written (the youth without the decision, the start without its audit line)."""

import datetime

import pytest
import time_machine

from kern.models import Jeugdige
from servicepunt import services
from servicepunt.models import Beschikking, Overbrugging
from tests.factories import JeugdigeFactory, persona

D = datetime.date
pytestmark = pytest.mark.django_db


class AuditStoring(Exception):
    pass


def _faalt(*args, **kwargs):
    raise AuditStoring


@pytest.fixture
def audit_valt_uit(monkeypatch):
    """The audit line is the last step of every write; when it fails the whole change must go."""
    monkeypatch.setattr(services, "log", _faalt)


@pytest.fixture
def medewerker(db):
    return persona("toegang", gemeente_id="almere")


@time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC), tick=False)
def test_beschikking_zonder_auditregel_laat_ook_geen_nieuwe_jeugdige_achter(medewerker, audit_valt_uit):
    jeugdigen = Jeugdige.objects.count()
    with pytest.raises(AuditStoring):
        services.beschikking_registreren(
            medewerker,
            jeugdige={
                "voornaam": "Noor",
                "achternaam": "Fictief",
                "geboortedatum": D(2014, 5, 1),
                "bsn": "",
                "gemeente": medewerker.gemeente,
            },
            afgegeven_op=D(2026, 11, 20),
        )
    assert Jeugdige.objects.count() == jeugdigen
    assert not Beschikking.objects.exists()


@time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC), tick=False)
def test_start_en_overbrugging_zonder_auditregel_blijven_ongeschreven(medewerker, monkeypatch):
    b = services.beschikking_registreren(
        medewerker, jeugdige=JeugdigeFactory(gemeente_id="almere"), afgegeven_op=D(2026, 11, 16)
    )
    monkeypatch.setattr(services, "log", _faalt)
    with pytest.raises(AuditStoring):
        services.ambulant_gestart(medewerker, b, datum=D(2026, 11, 20))
    with pytest.raises(AuditStoring):
        services.overbrugging_toevoegen(medewerker, b, startdatum=D(2026, 11, 18), omschrijving="Gezinsbegeleiding")
    b.refresh_from_db()
    assert b.ambulant_gestart_op is None
    assert not Overbrugging.objects.filter(beschikking=b).exists()


def test_aanbieder_meldt_het_landschap_alleen_voor_de_eigen_organisatie(db):
    """The ownership rule lives in servicepunt/permissions.py; the service asks it, so no door skips it."""
    from django.core.exceptions import ValidationError

    from kern.models import Aanbieder
    from servicepunt.models import Landschapsmelding

    triade = persona("aanbieder", aanbieder_id="triade")
    ander = Aanbieder.objects.exclude(pk="triade").first()
    with pytest.raises(ValidationError) as fout:
        services.landschap_melden(
            triade, aanbieder=ander, soort="sluiting", ingangsdatum=D(2026, 12, 1), toelichting="Groep sluit"
        )
    assert "aanbieder" in fout.value.message_dict
    services.landschap_melden(
        triade,
        aanbieder=triade.aanbieder,
        soort="sluiting",
        ingangsdatum=D(2026, 12, 1),
        toelichting="Groep sluit",
    )
    assert Landschapsmelding.objects.filter(aanbieder_id="triade").count() == 1
