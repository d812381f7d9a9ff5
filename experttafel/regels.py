"""The expert table's rules as small pure functions, with dates and counts passed in."""

import datetime
from collections.abc import Set

from kern import kalender

TWEEMAANDELIJKS = (1, 3, 5, 7, 9, 11)

# The status flow of a case: the one place that says which step may follow which.
OVERGANGEN: dict[str, set[str]] = {
    "ingediend": {"gepland", "ingetrokken", "geescaleerd"},
    "gepland": {"besproken", "ingediend", "ingetrokken"},
    "besproken": {"geadviseerd", "geescaleerd"},
    "geadviseerd": {"opgevolgd", "geescaleerd"},
    "opgevolgd": {"gesloten", "geescaleerd"},
    "geescaleerd": {"gesloten"},
    "gesloten": set(),
    "ingetrokken": set(),
}


def mag_overgaan(van: str, naar: str) -> bool:
    return naar in OVERGANGEN.get(van, set())


def eerste_donderdag(jaar: int, maand: int) -> datetime.date:
    dag = datetime.date(jaar, maand, 1)
    return dag + datetime.timedelta(days=(3 - dag.weekday()) % 7)


def sessiedatum(jaar: int, maand: int, sluit: Set[datetime.date]) -> datetime.date:
    """The first Thursday of the month; a holiday or closing day moves it one week (and again if need be)."""
    dag = eerste_donderdag(jaar, maand)
    while not kalender.is_werkdag(dag, sluit):
        dag += datetime.timedelta(days=7)
    return dag


def _maanden(van: datetime.date, tot: datetime.date):
    jaar, maand = van.year, van.month
    while (jaar, maand) <= (tot.year, tot.month):
        yield jaar, maand
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)


def planning(
    van: datetime.date,
    tot: datetime.date,
    wachtend: int,
    capaciteit: int,
    sluit: Set[datetime.date],
) -> list[tuple[datetime.date, str]]:
    """Session dates from the cadence: every two months, monthly while more cases wait than one
    session holds. Each session takes `capaciteit` cases off the queue, so the cadence goes back
    to every two months once the queue is down."""
    uit = []
    for jaar, maand in _maanden(van, tot):
        if maand in TWEEMAANDELIJKS:
            reden = "tweemaandelijks"
        elif wachtend > capaciteit:
            reden = "maandelijks: wachtrij groter dan een sessie"
        else:
            continue
        dag = sessiedatum(jaar, maand, sluit)
        if dag != eerste_donderdag(jaar, maand):
            reden += "; verschoven wegens feestdag"
        if van <= dag <= tot:
            uit.append((dag, reden))
        wachtend = max(0, wachtend - capaciteit)
    return uit


def tijdslot(
    datum: datetime.date, begintijd: datetime.time, minuten: int, slot: int
) -> tuple[datetime.datetime, datetime.datetime]:
    """The n-th case's slot of a session (1-based), in naive local time: 13:30, 14:15, ..."""
    begin = datetime.datetime.combine(datum, begintijd) + datetime.timedelta(minutes=minuten * (max(slot, 1) - 1))
    return begin, begin + datetime.timedelta(minutes=minuten)


def vrij_slot(bezet: set[int], capaciteit: int) -> int | None:
    """The first free slot number; a withdrawn case leaves a gap so nobody else's time moves."""
    return next((n for n in range(1, capaciteit + 1) if n not in bezet), None)


def sessiedatum_fout(datum: datetime.date, vandaag: datetime.date, sluit: Set[datetime.date]) -> str | None:
    """Why a date cannot hold a session (an extra one, or a moved one), or None."""
    if datum < vandaag:
        return "Een sessie kan niet in het verleden liggen."
    if datum.weekday() >= 5:
        return "Een sessie valt niet in het weekend."
    if not kalender.is_werkdag(datum, sluit):
        return "Op een feestdag of sluitingsdag is er geen sessie."
    return None


def ontbrekende_stukken(casus) -> list[str]:
    """What the table still misses of a case's documents before it can be discussed well."""
    ontbreekt = []
    if not casus.vraag.strip():
        ontbreekt.append("vraag")
    if not casus.geprobeerd.strip():
        ontbreekt.append("wat lokaal is geprobeerd")
    if not casus.gezinssituatie.strip():
        ontbreekt.append("beschrijving jeugdige en gezin")
    return ontbreekt


def is_uithuisplaatsing(vervolg: str | None) -> bool:
    """The follow-up codes of an out-of-home placement (codelists.md: uhp_*)."""
    return bool(vervolg) and vervolg.strip().startswith("uhp_")
