"""The data migration that ends the region-wide youth record: nothing is lost, each
municipality's rows end on its own record, the records stay linked by BSN."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from audit.models import AuditRegel
from crisis.models import Aanmelding
from experttafel.models import Casus
from kern.models import Jeugdige
from servicepunt.models import Beschikking
from tests.factories import persona

VOOR = [("kern", "0002_referentiedata"), ("servicepunt", "0002_indexen")]
BSN = "111222333"


@pytest.mark.django_db(transaction=True)
def test_gedeelde_jeugdige_wordt_per_gemeente_gesplitst_zonder_verlies():
    gebruiker = persona("servicepunt", username="sp-migratie")
    executor = MigrationExecutor(connection)
    eind = executor.loader.graph.leaf_nodes()
    executor.migrate(VOOR)
    try:
        terug = MigrationExecutor(connection).loader
        oud = terug.project_state(list(terug.applied_migrations)).apps
        OudJeugdige = oud.get_model("kern", "Jeugdige")
        OudAanmelding = oud.get_model("crisis", "Aanmelding")
        OudCasus = oud.get_model("experttafel", "Casus")
        OudBeschikking = oud.get_model("servicepunt", "Beschikking")
        nu, vandaag = timezone.now(), timezone.localdate()
        # The leak as it was: Almere registered first, Lelystad's registration moved the record.
        gedeeld = OudJeugdige.objects.create(
            voornaam="Sanne",
            achternaam="Gedeeld",
            geboortedatum=datetime.date(2012, 3, 1),
            bsn=BSN,
            gemeente_id="lelystad",
            clientnummer="K-1",
        )
        gewoon = OudJeugdige.objects.create(geboortedatum=datetime.date(2013, 1, 1), gemeente_id="urk")

        def aanmelding(gemeente, jeugdige, nr):
            return OudAanmelding.objects.create(
                registratienummer=nr,
                jeugdige_id=jeugdige.pk,
                gemeente_id=gemeente,
                hulpvraag="verblijf",
                bron="toegang",
                aangemeld_op=nu,
                aanmelddatum=vandaag,
                leeftijdsgroep="12+",
                loket_open=True,
                behandelen_voor=nu,
            )

        a_almere = aanmelding("almere", gedeeld, "M-1")
        a_almere2 = aanmelding("almere", gedeeld, "M-2")
        a_lelystad = aanmelding("lelystad", gedeeld, "M-3")
        a_urk = aanmelding("urk", gewoon, "M-4")
        casus = OudCasus.objects.create(
            jeugdige_id=gedeeld.pk,
            gemeente_id="almere",
            inbrenger_id=gebruiker.pk,
            vraag="?",
            toestemming=True,
            ingediend_op=nu,
        )
        beschikking = OudBeschikking.objects.create(
            jeugdige_id=gedeeld.pk,
            afgegeven_op=vandaag,
            gemeente_id="almere",
            geregistreerd_door_id=gebruiker.pk,
        )
    finally:
        MigrationExecutor(connection).migrate(eind)

    # The original keeps its id, identity and municipality (the audit trail points at it).
    origineel = Jeugdige.objects.get(pk=gedeeld.pk)
    assert (origineel.gemeente_id, origineel.voornaam, origineel.clientnummer) == ("lelystad", "Sanne", "K-1")
    assert Aanmelding.objects.get(pk=a_lelystad.pk).jeugdige_id == origineel.pk
    # Almere's rows all end on one record of Almere's own, with the identity the shared record held.
    almeers = Aanmelding.objects.get(pk=a_almere.pk).jeugdige
    assert almeers.pk != origineel.pk and almeers.gemeente_id == "almere"
    assert (almeers.voornaam, almeers.achternaam, almeers.geboortedatum, almeers.bsn) == (
        "Sanne",
        "Gedeeld",
        datetime.date(2012, 3, 1),
        BSN,
    )
    assert almeers.clientnummer is None  # the old client number stays with the original
    assert Aanmelding.objects.get(pk=a_almere2.pk).jeugdige_id == almeers.pk
    assert Casus.objects.get(pk=casus.pk).jeugdige_id == almeers.pk
    b = Beschikking.objects.get(pk=beschikking.pk)
    assert b.jeugdige_id == almeers.pk and b.gemeente_id == "almere"
    assert b.brp_gemeente_id == "lelystad"  # what the shared record said: the best knowledge there was
    # Linked, not merged; a youth of one municipality is untouched.
    assert set(Jeugdige.objects.zelfde_persoon(almeers)) == {almeers, origineel}
    assert Aanmelding.objects.get(pk=a_urk.pk).jeugdige_id == gewoon.pk
    assert Jeugdige.objects.count() == 3
    assert not AuditRegel.objects.filter(jeugdige__isnull=False).exclude(jeugdige_id__in=[origineel.pk]).exists()
