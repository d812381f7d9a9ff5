"""The service point's rules as pure functions: the two-week rule and the woonplaatsbeginsel."""

import datetime

from kern import termijnen

TWEE_WEKEN = 14
LOKAAL_TEAM = "lokaal_team"  # ambulant help with a placement by the municipality's own local team


def uiterlijk_gestart(afgegeven_op: datetime.date) -> datetime.date:
    """Day 14 after the decision is the last day on which help may start."""
    return afgegeven_op + datetime.timedelta(days=TWEE_WEKEN)


def tweewekenregel(afgegeven_op: datetime.date, eerste_start: datetime.date | None, vandaag: datetime.date) -> str:
    """The two-week rule in the five words of every deadline (kern.termijnen): 'op_tijd' (started
    by day 14), 'te_laat' (started later), 'verlopen' (not started, past day 14), 'bijna' or 'open'."""
    return termijnen.status(uiterlijk_gestart(afgegeven_op), eerste_start, vandaag)


# A Wlz indication is a signal with what to do: the Wlz route applies, not the Jeugdwet.
WLZ_WAT_TE_DOEN = (
    "Recht op Wlz: de Wlz-route geldt. Verwijs naar het zorgkantoor voor zorg uit de Wet langdurige zorg; "
    "jeugdhulp uit de Jeugdwet alleen als overbrugging tot de Wlz-zorg start."
)

TWEEWEKEN_LABELS = {
    "op_tijd": "Gehaald",
    "te_laat": "Gebroken",
    "verlopen": "Te laat, nog niet gestart",
    "bijna": "Open, termijn bijna verstreken",
    "open": "Open",
}
