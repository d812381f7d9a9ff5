"""The data migration from one trajectory per stay to one per period of care: overlapping and
following trajectories of a youth merge, every stay, regisseur and plan is kept."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from perspectiefregie.models import Perspectiefplan, Regisseurschap, Traject, Verblijf
from tests.factories import JeugdigeFactory, persona

D = datetime.date
VOOR = [("perspectiefregie", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_trajecten_per_verblijf_worden_een_zorgperiode_zonder_verlies():
    anouk = persona("toegang", gemeente_id="almere", username="anouk-migratie")
    bo = persona("toegang", gemeente_id="almere", username="bo-migratie")
    a, b = JeugdigeFactory(gemeente_id="almere"), JeugdigeFactory(gemeente_id="almere")
    executor = MigrationExecutor(connection)
    eind = executor.loader.graph.leaf_nodes()
    executor.migrate(VOOR)
    try:
        loader = MigrationExecutor(connection).loader
        oud = loader.project_state(list(loader.applied_migrations)).apps
        OudTraject = oud.get_model("perspectiefregie", "Traject")
        OudRegisseurschap = oud.get_model("perspectiefregie", "Regisseurschap")
        OudPlan = oud.get_model("perspectiefregie", "Perspectiefplan")

        def traject(jeugdige, bron, bron_id, start, eind=None):
            return OudTraject.objects.create(
                jeugdige_id=jeugdige.pk,
                gemeente_id="almere",
                bron=bron,
                bron_id=bron_id,
                startdatum=start,
                einddatum=eind,
            )

        # Youth a: a crisis stay, then on its last day a foster placement (the old app lost the regisseur).
        crisis = traject(a, "crisis", 11, D(2026, 11, 1), D(2026, 11, 10))
        pleeg = traject(a, "plaatsing", 22, D(2026, 11, 10))
        OudRegisseurschap.objects.create(traject=crisis, regisseur_id=anouk.pk, van=D(2026, 11, 2), tot=D(2026, 11, 10))
        OudRegisseurschap.objects.create(traject=pleeg, regisseur_id=bo.pk, van=D(2026, 11, 11))
        OudPlan.objects.create(
            traject=crisis, soort="perspectief", vastgesteld_op=D(2026, 11, 9), opgesteld_door_id=anouk.pk
        )
        # Youth b: two periods of care with time at home between them stay two trajectories.
        traject(b, "crisis", 33, D(2026, 9, 1), D(2026, 9, 10))
        traject(b, "crisis", 44, D(2026, 10, 1))
    finally:
        MigrationExecutor(connection).migrate(eind)

    samen = Traject.objects.get(jeugdige=a)
    assert (samen.startdatum, samen.einddatum, samen.bron) == (D(2026, 11, 1), None, "crisis")
    assert list(samen.verblijven.values_list("soort", "verblijf_id")) == [("crisis", 11), ("plaatsing", 22)]
    assert list(samen.regisseurschappen.values_list("regisseur__username", "tot")) == [
        ("anouk-migratie", D(2026, 11, 10)),
        ("bo-migratie", None),
    ]
    assert Perspectiefplan.objects.get().traject == samen
    assert Traject.objects.filter(jeugdige=b).count() == 2
    assert Verblijf.objects.count() == 4 and Regisseurschap.objects.count() == 2
