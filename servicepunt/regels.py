"""The service point's rules as pure functions: the two-week rule and the woonplaatsbeginsel."""

import datetime

TWEE_WEKEN = 14
LOKAAL_TEAM = "lokaal_team"  # ambulant help with a placement by the municipality's own local team


def uiterlijk_gestart(afgegeven_op: datetime.date) -> datetime.date:
    """Day 14 after the decision is the last day on which help may start."""
    return afgegeven_op + datetime.timedelta(days=TWEE_WEKEN)


def tweewekenregel(afgegeven_op: datetime.date, eerste_start: datetime.date | None, vandaag: datetime.date) -> str:
    """'gehaald' (started by day 14), 'gebroken' (started later), 'verlopen' (not started, past day 14) or 'open'."""
    uiterlijk = uiterlijk_gestart(afgegeven_op)
    if eerste_start is not None:
        return "gehaald" if eerste_start <= uiterlijk else "gebroken"
    return "verlopen" if vandaag > uiterlijk else "open"


# A Wlz indication is a signal with what to do: the Wlz route applies, not the Jeugdwet.
WLZ_WAT_TE_DOEN = (
    "Recht op Wlz: de Wlz-route geldt. Verwijs naar het zorgkantoor voor zorg uit de Wet langdurige zorg; "
    "jeugdhulp uit de Jeugdwet alleen als overbrugging tot de Wlz-zorg start."
)

TWEEWEKEN_LABELS = {
    "gehaald": "Gehaald",
    "gebroken": "Gebroken",
    "verlopen": "Te laat, nog niet gestart",
    "open": "Open",
}
