"""Perspective direction's deadlines, computed once, with the dates passed in."""

import datetime
from collections.abc import Set

from kern import kalender, termijnen

REGISSEUR_BINNEN_WERKDAGEN = 2
# A perspective plan within two weeks of a crisis admission (domain §3): the one place of that
# term, which the CCP's own deadline (crisis.regels) reads. For 24-hour care the region names no
# term; six weeks is the working agreement until it does.
PERSPECTIEFPLAN_TERMIJN_DAGEN = 14
PLAN_TERMIJN_DAGEN = {"crisis": PERSPECTIEFPLAN_TERMIJN_DAGEN, "plaatsing": 42}
# Follow-up codes after a crisis stay that mean the youth is home: the period of care ends.
VERVOLG_NAAR_HUIS = frozenset({"naar_huis_zonder_hulp", "naar_huis_met_hulp"})


def naar_huis(vervolg: str) -> bool:
    return vervolg in VERVOLG_NAAR_HUIS


def regisseur_uiterlijk(startdatum: datetime.date, sluitingsdagen: Set[datetime.date]) -> datetime.date:
    return kalender.werkdagen_later(startdatum, REGISSEUR_BINNEN_WERKDAGEN, sluitingsdagen)


def plan_uiterlijk(bron: str, startdatum: datetime.date) -> datetime.date:
    return startdatum + datetime.timedelta(days=PLAN_TERMIJN_DAGEN[bron])


def na_18_plan_uiterlijk(
    geboortedatum: datetime.date,
    startdatum: datetime.date,
    *,
    vanaf_leeftijd: int,
    dagen_na_opname: int,
) -> datetime.date:
    """The plan for life after 18 is due within the agreed term after admission, or on the
    birthday on which the youth reaches the agreed age, whichever is later: a 17-year-old
    admitted today gets the term, never a deadline on the day of admission. The age and the term
    are regional settings (kern.Regioinstelling), passed in: the rule keeps no defaults of its own."""
    try:
        verjaardag = geboortedatum.replace(year=geboortedatum.year + vanaf_leeftijd)
    except ValueError:  # 29 February
        verjaardag = datetime.date(geboortedatum.year + vanaf_leeftijd, 3, 1)
    return max(startdatum + datetime.timedelta(days=dagen_na_opname), verjaardag)


status = termijnen.status  # the same five words as every other worklist
