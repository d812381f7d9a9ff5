"""The CCP's rules as small pure functions: the dates and counts are passed in."""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from kern import termijnen
from perspectiefregie.regels import PERSPECTIEFPLAN_TERMIJN_DAGEN  # the plan's term lives with the plan

VERWACHT_VERTREK_DAGEN = 7  # the bed board lists departures expected within a week


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


def perspectiefplan_status(startdatum: datetime.date, plandatum: datetime.date | None, vandaag: datetime.date) -> str:
    return termijnen.status(perspectiefplan_uiterlijk(startdatum), plandatum, vandaag)


# --- The referral's life cycle -------------------------------------------------------------
#
# nieuw → getrieerd → verdeeld / ingezet → afgesloten. The allowed steps live in this one
# table, and services.stap() is the one place that refuses an illegal step (409).
# Why a table and not django-fsm-2 or python-statemachine: five states and eight actions fit
# on one screen the region can read; the services already hold the row lock that makes a step
# safe under concurrent requests; and a library would add a dependency, its own exception types
# to map onto our 409 and a protected field that the historical import and corrections would
# have to work around, for what is twenty lines of data here.
#
# The contract's API lets the CCP distribute or deploy straight from 'nieuw' (an acute case is
# helped first and triaged afterwards; the 24-hour crisis service registers the next day), so
# those steps are legal; the referral page still offers triage first (VOLGENDE_STAPPEN).

NIEUW, GETRIEERD, VERDEELD, INGEZET, AFGESLOTEN = "nieuw", "getrieerd", "verdeeld", "in_zorg", "afgesloten"

STAPPEN: dict[str, dict[str, str]] = {
    # actie: {van: naar}
    "trieren": {NIEUW: GETRIEERD, GETRIEERD: GETRIEERD},  # a second triage adjusts the first
    "verdelen": {NIEUW: VERDEELD, GETRIEERD: VERDEELD},
    "accepteren": {VERDEELD: VERDEELD, INGEZET: INGEZET},
    "weigeren": {VERDEELD: VERDEELD, INGEZET: INGEZET},  # passed on to the next provider
    "niemand_meer": {VERDEELD: GETRIEERD},  # every provider declined: back to the CCP
    "inzetten": {NIEUW: INGEZET, GETRIEERD: INGEZET, VERDEELD: INGEZET, INGEZET: INGEZET},
    "geen_inzet": {NIEUW: AFGESLOTEN, GETRIEERD: AFGESLOTEN, VERDEELD: AFGESLOTEN},
    "laatste_inzet_beeindigd": {INGEZET: AFGESLOTEN},
}

# What the referral page offers in each state: the next sensible steps, not every legal one.
VOLGENDE_STAPPEN: dict[str, tuple[str, ...]] = {
    NIEUW: ("trieren",),
    GETRIEERD: ("verdelen", "inzetten", "geen_inzet", "trieren"),
    VERDEELD: ("accepteren", "weigeren", "inzetten", "geen_inzet"),
    INGEZET: ("accepteren", "weigeren", "inzetten"),
    AFGESLOTEN: (),
}

STAP_WEIGERING = {
    "trieren": "Triage hoort vóór het verdelen en inzetten; pas een vastgelegde triage aan met een correctie.",
    "verdelen": "Deze aanmelding is al verdeeld, heeft al hulp of is afgesloten.",
    "accepteren": "Er staat geen toewijzing open voor deze aanmelding.",
    "weigeren": "Er staat geen toewijzing open voor deze aanmelding.",
    "inzetten": "Deze aanmelding is al afgesloten.",
    "geen_inzet": "Er is al hulp ingezet of de aanmelding is afgesloten; sluit de inzet af in plaats daarvan.",
}


def volgende_status(status: str, actie: str) -> str | None:
    """The state after `actie`, or None when the step is not allowed from `status`."""
    return STAPPEN[actie].get(status)


def wachtrij(status: str) -> str | None:
    """The one queue of the CCP day overview a referral stands in, decided by its state alone
    (running stays without a plan are a list of deployments, not of referrals)."""
    return {NIEUW: "te_trieren", GETRIEERD: "te_regelen", VERDEELD: "verdeeld"}.get(status)


def reactietermijn_verstreken(reageren_voor: datetime.datetime, nu: datetime.datetime) -> bool:
    """An assignment still unanswered after the provider's response term: the CCP is told."""
    return nu > reageren_voor


def behandelen_status(
    behandelen_voor: datetime.datetime, opgepakt_op: datetime.datetime | None, nu: datetime.datetime
) -> str:
    """'Behandelen vóór' is a moment, not a day: it is 'verlopen' (red) from the minute it has
    passed unhandled. No 'bijna': during office hours the moment is the referral itself."""
    return termijnen.status(behandelen_voor, opgepakt_op, nu, bijna=datetime.timedelta(0))


LOKAAL_TEAM = "lokaal_team"  # ambulant help by the municipality's own local team


def ambulante_hulp_bij_verblijf(ambulant_door) -> tuple[str | int | None, str | None]:
    """A stay is only offered together with ambulant help: 'lokaal_team', or the id of this
    referral's ambulant deployment. Returns (choice, None), or (None, why the stay is refused)."""
    if ambulant_door in (None, ""):
        return None, (
            "Crisishulp met verblijf kan alleen samen met ambulante hulp: geef de ambulante inzet "
            "van deze aanmelding op, of 'lokaal_team' voor het lokale team van de gemeente."
        )
    if ambulant_door == LOKAAL_TEAM:
        return LOKAAL_TEAM, None
    try:
        return int(ambulant_door), None
    except (TypeError, ValueError):
        return None, "Geef het id van een ambulante inzet of 'lokaal_team'."


def lang_verblijf(startdatum: datetime.date | None, vandaag: datetime.date, termijn_dagen: int) -> bool:
    """A crisis stay that has lasted the regional term or longer is a signal: stays must be short."""
    return startdatum is not None and (vandaag - startdatum).days >= termijn_dagen
