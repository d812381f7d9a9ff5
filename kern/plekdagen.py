"""Capacity on every day a corrected stay adds — crisis stays and placements alike.

A correction of a stay's dates or facility may make the stay hold a place on days it did not
before; those days must have had a free place. A stay holds its place from its start up to (not
including) its end day: a bed is free from the day its stay really ended. Until the shared
place-taking of #11.3 lands in kern, crisis and service point corrections both ask this module.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from .fouten import Conflict


def dagen_erbij(
    start: datetime.date,
    eind: datetime.date | None,
    oud_start: datetime.date | None = None,
    oud_eind: datetime.date | None = None,
) -> list[datetime.date]:
    """The days [start, eind) — up to today for a running stay — not already held in [oud_start, oud_eind)."""
    laatste = eind - datetime.timedelta(days=1) if eind else timezone.localdate()

    def had_al(dag):
        return oud_start is not None and oud_start <= dag and (oud_eind is None or dag < oud_eind)

    return [
        dag
        for dag in (start + datetime.timedelta(days=i) for i in range((laatste - start).days + 1))
        if not had_al(dag)
    ]


def controleer_capaciteit(voorziening, dagen: list[datetime.date], *, zonder_inzet=None, zonder_plaatsing=None):
    """409 when the facility was full on one of `dagen` (the stay being corrected left out);
    one query per kind of stay, not per day. Call with the facility's row locked."""
    if not dagen:
        return
    from crisis.models import Inzet
    from servicepunt.models import Plaatsing

    eerste, laatste = min(dagen), max(dagen)
    overlap = Q(startdatum__lte=laatste) & (Q(einddatum__isnull=True) | Q(einddatum__gt=eerste))
    perioden = list(
        Inzet.objects.filter(overlap, voorziening=voorziening, hulpvorm__verblijf=True)
        .exclude(pk=zonder_inzet)
        .values_list("startdatum", "einddatum")
    ) + list(
        Plaatsing.objects.filter(overlap, voorziening=voorziening)
        .exclude(pk=zonder_plaatsing)
        .values_list("startdatum", "einddatum")
    )
    for dag in sorted(dagen):
        bezet = sum(1 for s, e in perioden if s and s <= dag and (e is None or e > dag))
        if bezet >= voorziening.capaciteit:
            raise Conflict(f"{voorziening.naam} was op {dag:%d-%m-%Y} vol: met deze datum past het verblijf niet.")
