"""The worklist of perspective direction is paginated: signals first, one page shown and audited."""

import pytest

from audit.models import AuditRegel
from tests.factories import TrajectFactory, persona


@pytest.mark.django_db
def test_de_werklijst_is_gepagineerd(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    TrajectFactory.create_batch(60)
    client.force_login(persona("toegang", gemeente_id="almere"))
    voor = AuditRegel.objects.count()
    eerste = client.get("/perspectiefregie/")
    assert eerste.status_code == 200 and len(eerste.context["rijen"]) == 50
    assert AuditRegel.objects.count() - voor == 50  # only the shown youths are in the trail
    assert "Pagina 1 van 2 (60 trajecten)" in eerste.content.decode()
    assert len(client.get("/perspectiefregie/", {"pagina": "2"}).context["rijen"]) == 10
    assert client.get("/perspectiefregie/", {"pagina": "x"}).status_code == 200


def _oude_volgorde(rijen):
    """The order the worklist always had, from the full rows."""
    return sorted(
        rijen, key=lambda r: (r.traject.regie_bij_gi, r.regisseur is not None, not r.signaal, r.traject.startdatum)
    )


@pytest.mark.django_db
def test_de_hele_lijst_wordt_geordend_niet_alleen_de_oudste(toegang_almere):
    """Before, only the 500 oldest open trajectories were read and ordered: a new one whose
    deadline passed could fall off the list. Now the whole list is ordered from one light query
    (werklijst.volgorde) and that order is the one the full rows give."""
    import datetime

    import time_machine

    from perspectiefregie import werklijst
    from perspectiefregie.models import Perspectiefplan, Regisseurschap, Traject

    D = datetime.date
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC), tick=False):
        oud = [TrajectFactory(startdatum=D(2026, 9, d)) for d in (1, 2, 3)]
        for t in oud:  # on track: a regisseur and a plan in time
            Regisseurschap.objects.create(traject=t, regisseur=toegang_almere, van=t.startdatum)
            Perspectiefplan.objects.create(
                traject=t, soort="perspectief", vastgesteld_op=t.startdatum, evaluatie_op=t.startdatum
            )
        nieuw = TrajectFactory(startdatum=D(2026, 11, 2))  # no regisseur, its deadline passed
        gi = TrajectFactory(startdatum=D(2026, 8, 1), gedwongen=True)
        laat = TrajectFactory(startdatum=D(2026, 10, 1))  # a regisseur, but no plan: a signal
        Regisseurschap.objects.create(traject=laat, regisseur=toegang_almere, van=D(2026, 10, 1))
        alle = Traject.objects.filter(gemeente_id="almere").open()
        blad, rijen = werklijst.pagina(alle, 1, per_pagina=2)
        assert [r.traject for r in rijen] == [nieuw, laat]
        assert blad.paginator.count == 6
        verwacht = [r.traject.pk for r in _oude_volgorde(werklijst.rijen(alle))]
        assert werklijst.volgorde(alle) == verwacht
        assert verwacht[-1] == gi.pk and verwacht[:2] == [nieuw.pk, laat.pk]
