"""The CCP's rules as small pure functions: the dates and counts are passed in."""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from kern import termijnen

PERSPECTIEFPLAN_TERMIJN_DAGEN = 14  # evaluation and perspective plan within two weeks of admission
VERWACHT_VERTREK_DAGEN = 7  # the bed board lists departures expected within a week
VEROUDERD_NA_UREN = 24  # capacity figures not confirmed for a day stand out


@dataclass(frozen=True)
class Kandidaat:
    code: str
    naam: str
    aandeel: Fraction


def kies_aanbieder(kandidaten: list[Kandidaat], toewijzingen_deze_maand: dict[str, int]) -> Kandidaat | None:
    """The provider with the fewest assignments this month relative to its contracted share;
    ties go by name."""
    if not kandidaten:
        return None
    return min(kandidaten, key=lambda k: (Fraction(toewijzingen_deze_maand.get(k.code, 0)) / k.aandeel, k.naam))


def perspectiefplan_uiterlijk(startdatum: datetime.date) -> datetime.date:
    return startdatum + datetime.timedelta(days=PERSPECTIEFPLAN_TERMIJN_DAGEN)


def perspectiefplan_op_tijd(startdatum: datetime.date, plandatum: datetime.date | None) -> bool:
    return plandatum is not None and plandatum <= perspectiefplan_uiterlijk(startdatum)


def perspectiefplan_status(startdatum: datetime.date, plandatum: datetime.date | None, vandaag: datetime.date) -> str:
    return termijnen.status(perspectiefplan_uiterlijk(startdatum), plandatum, vandaag)
