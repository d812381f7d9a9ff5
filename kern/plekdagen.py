"""Capacity on every day a correction adds to a stay — through the region's one place-taking rule.

A correction of a stay's dates or facility may make the stay hold a place on days it did not
before; on those days the facility must have had a free place. The days it already held are
not counted again (the stay itself is on them). The count is `kern.bezetting.hoogste_bezetting`,
the same rule every new stay and placement takes its place by (a stay's end day is its first
free day); the corrected stay is never on the added days, so it does not count itself.
"""

import datetime

from . import datums
from .bezetting import hoogste_bezetting
from .fouten import Conflict, veldfout


def erbij(
    start: datetime.date,
    eind: datetime.date | None,
    oud_start: datetime.date | None = None,
    oud_eind: datetime.date | None = None,
) -> list[tuple[datetime.date, datetime.date | None]]:
    """The periods [van, tot) of [start, eind) the stay did not hold in [oud_start, oud_eind)
    (no old period: all of it, e.g. after a move to another facility)."""
    if oud_start is None:
        return [(start, eind)]
    perioden = []
    if start < oud_start:
        perioden.append((start, oud_start if eind is None else min(eind, oud_start)))
    if oud_eind is not None and (eind is None or eind > oud_eind):
        perioden.append((max(start, oud_eind), eind))
    return [(van, tot) for van, tot in perioden if tot is None or van < tot]


def controleer_capaciteit(voorziening, perioden) -> None:
    """409 when the facility (row locked by the caller) was full on a day of `perioden`."""
    for van, tot in perioden:
        if hoogste_bezetting(voorziening.pk, van, tot) >= voorziening.capaciteit:
            tot_tekst = f" tot {tot:%d-%m-%Y}" if tot else ""
            raise Conflict(
                f"{voorziening.naam} was vol op een of meer dagen vanaf {van:%d-%m-%Y}{tot_tekst}: "
                "met deze datum past het verblijf niet."
            )


def correctie_past(voorziening_id: int, vraag, oud: tuple | None) -> None:
    """A corrected stay or placement keeps the rules of taking a place: the same fit (kind, age on
    its first day; active only when it moves to another facility) and a free place on every day
    the correction adds. `oud`: (start, end) it already held in this facility, None after a move.
    The caller holds the transaction; the facility's row is locked here."""
    from .bezetting import controleer_past
    from .models import Voorziening

    voorziening = Voorziening.objects.select_for_update().select_related("type").get(pk=voorziening_id)
    controleer_past(voorziening, vraag, nieuwe_plek=oud is None)
    controleer_capaciteit(voorziening, erbij(vraag.startdatum, vraag.einddatum, *(oud or (None, None))))


def einddatum_corrigeren(
    huidige: datetime.date | None,
    nieuwe: datetime.date | None,
    start: datetime.date | None,
    gewijzigd: list[str],
    *,
    loopt_nog: str,
) -> None:
    """The one check of a corrected end of a stay (crisis deployment or placement): a running
    stay is ended, not corrected (409, `loopt_nog` says how); the end is a fact (kern.datums)
    and never before the start. Adds 'einddatum' to `gewijzigd` when it changes."""
    if nieuwe is not None:
        if huidige is None:
            raise Conflict(loopt_nog)
        datums.feit(nieuwe, "einddatum")
        if nieuwe != huidige:
            gewijzigd.append("einddatum")
    eind = nieuwe or huidige
    if start and eind and eind < start:
        raise veldfout(
            "einddatum" if "einddatum" in gewijzigd else "startdatum", "De einddatum ligt vóór de startdatum."
        )
