"""kern.aggregaties.EenmaalGecompileerd: a figures query compiled once per database and shape
gives, for every quarter's values, the rows the ORM query itself gives (#14.4)."""

import datetime

import pytest
from django.db.models import Count

from experttafel.models import Sessie
from kern.aggregaties import EenmaalGecompileerd

pytestmark = pytest.mark.django_db
D = datetime.date


def _sessies(van, tot, plaats):
    return Sessie.objects.filter(datum__range=(van, tot), plaats=plaats).values("plaats").annotate(n=Count("*"))


@pytest.fixture
def sessies():
    for dag, plaats in (
        (D(2026, 1, 5), "Almere"),
        (D(2026, 2, 5), "Almere"),
        (D(2026, 4, 5), "Almere"),
        (D(2026, 4, 6), "Urk"),
    ):
        Sessie.objects.create(datum=dag, begintijd="09:00", eindtijd="12:00", plaats=plaats, capaciteit=4)


def test_elke_keer_de_eigen_waarden_en_dezelfde_rijen_als_de_orm(sessies):
    query = EenmaalGecompileerd(Sessie, _sessies)
    for van, tot, plaats in (
        (D(2026, 1, 1), D(2026, 3, 31), "Almere"),
        (D(2026, 4, 1), D(2026, 6, 30), "Almere"),
        (D(2026, 4, 1), D(2026, 6, 30), "Urk"),
        (D(2025, 1, 1), D(2025, 3, 31), "Urk"),
    ):
        assert query(van=van, tot=tot, plaats=plaats) == list(_sessies(van, tot, plaats))
    assert len(query._sql) == 1  # one shape, compiled once


def test_een_lijst_heeft_per_lengte_een_vorm_en_leeg_geen_rijen(sessies):
    ids = list(Sessie.objects.order_by("datum").values_list("pk", flat=True))
    query = EenmaalGecompileerd(Sessie, lambda ids: Sessie.objects.filter(pk__in=ids).values("id").order_by("id"))
    assert query(ids=ids[:2]) == [{"id": i} for i in sorted(ids[:2])]
    assert query(ids=ids[2:]) == [{"id": i} for i in sorted(ids[2:])]
    assert query(ids=ids) == [{"id": i} for i in sorted(ids)]
    assert query(ids=[]) == []


def test_een_afgeleide_waarde_wordt_geweigerd(sessies):
    # The day after `tot` would be kept as the stand-in's day after: refused, not silently wrong.
    query = EenmaalGecompileerd(
        Sessie, lambda tot: Sessie.objects.filter(datum__lt=tot + datetime.timedelta(days=1)).values("id")
    )
    with pytest.raises(ValueError, match="hangt af van een waarde"):
        query(tot=D(2026, 3, 31))
