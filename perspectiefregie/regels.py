"""Perspective direction's deadlines, computed once, with the dates passed in."""

import datetime

from crisis.regels import PERSPECTIEFPLAN_TERMIJN_DAGEN  # the CCP's term, decided once
from kern import kalender, termijnen
from kern.models import leeftijd_op

REGISSEUR_BINNEN_WERKDAGEN = 2
# A perspective plan within two weeks of a crisis admission (domain §3). For 24-hour care the
# region names no term; six weeks is the working agreement until it does.
PLAN_TERMIJN_DAGEN = {"crisis": PERSPECTIEFPLAN_TERMIJN_DAGEN, "plaatsing": 42}
NA_18_VANAF = 16


def regisseur_uiterlijk(startdatum: datetime.date, sluitingsdagen: set | None = None) -> datetime.date:
    return kalender.werkdagen_later(startdatum, REGISSEUR_BINNEN_WERKDAGEN, sluitingsdagen)


def plan_uiterlijk(bron: str, startdatum: datetime.date) -> datetime.date:
    return startdatum + datetime.timedelta(days=PLAN_TERMIJN_DAGEN[bron])


def na_18_plan_uiterlijk(geboortedatum: datetime.date, startdatum: datetime.date) -> datetime.date:
    """Due on admission for youths of 16 or older, otherwise on the 16th birthday in care."""
    if leeftijd_op(geboortedatum, startdatum) >= NA_18_VANAF:
        return startdatum
    try:
        return geboortedatum.replace(year=geboortedatum.year + NA_18_VANAF)
    except ValueError:  # 29 February
        return datetime.date(geboortedatum.year + NA_18_VANAF, 3, 1)


status = termijnen.status  # the same five words as every other worklist
