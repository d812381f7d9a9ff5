"""The region's one working-day calendar.

Weekdays 09:00-17:00 Europe/Amsterdam, closed on the general holidays of the Algemene
termijnenwet and on the closing days the functional administrator adds (Sluitingsdag).
Every rule that counts working days or office hours asks this module. The rules are pure:
each takes the closing days as an argument (`sluit`), read once per request or list with
`sluitingsdagen()`, the module's one database read.
"""

import datetime
from collections.abc import Set
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

TZ = ZoneInfo("Europe/Amsterdam")
OPEN = datetime.time(9, 0)
DICHT = datetime.time(17, 0)


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> dict[datetime.date, str]:
    """The general holidays of the Algemene termijnenwet in `jaar`.

    The holidays package gives them all (Easter and Whit Sunday fall on Sundays anyway),
    except 5 May, which it knows only every fifth year and the region closes every year.
    """
    dagen = dict(holidays.country_holidays("NL", years=jaar, language="nl"))
    dagen[datetime.date(jaar, 5, 5)] = "Bevrijdingsdag"
    return dagen


def is_feestdag(datum: datetime.date) -> bool:
    return datum in feestdagen(datum.year)


def sluitingsdagen() -> set[datetime.date]:
    """The closing days the functional administrator added; read once per list, not per row."""
    from kern.models import Sluitingsdag

    return set(Sluitingsdag.objects.values_list("datum", flat=True))


def is_werkdag(datum: datetime.date, sluit: Set[datetime.date]) -> bool:
    return datum.weekday() < 5 and not is_feestdag(datum) and datum not in sluit


def loket_open(moment: datetime.datetime, sluit: Set[datetime.date]) -> bool:
    lokaal = moment.astimezone(TZ)
    return is_werkdag(lokaal.date(), sluit) and OPEN <= lokaal.time() < DICHT


def volgende_opening(moment: datetime.datetime, sluit: Set[datetime.date]) -> datetime.datetime:
    """`moment` itself while the loket is open, otherwise the next 09:00 of a working day."""
    lokaal = moment.astimezone(TZ)
    dag = lokaal.date()
    if is_werkdag(dag, sluit) and OPEN <= lokaal.time() < DICHT:
        return moment
    if not (is_werkdag(dag, sluit) and lokaal.time() < OPEN):
        dag += datetime.timedelta(days=1)
        while not is_werkdag(dag, sluit):
            dag += datetime.timedelta(days=1)
    return datetime.datetime.combine(dag, OPEN, tzinfo=TZ)


def werkdagen_later(datum: datetime.date, aantal: int, sluit: Set[datetime.date]) -> datetime.date:
    """The working day that lies `aantal` working days after `datum`."""
    dag = datum
    while aantal > 0:
        dag += datetime.timedelta(days=1)
        if is_werkdag(dag, sluit):
            aantal -= 1
    return dag


def eerste_werkdag(jaar: int, maand: int, sluit: Set[datetime.date]) -> datetime.date:
    dag = datetime.date(jaar, maand, 1)
    while not is_werkdag(dag, sluit):
        dag += datetime.timedelta(days=1)
    return dag


def werkuren_later(
    moment: datetime.datetime, uren: float, sluit: Set[datetime.date]
) -> datetime.datetime:
    """The moment that lies `uren` office hours (09:00-17:00 on working days) after `moment`:
    a term of two working hours that starts on Friday at 16:00 ends on Monday at 10:00."""
    rest = datetime.timedelta(hours=uren)
    huidig = volgende_opening(moment, sluit).astimezone(TZ)
    while True:
        sluiting = datetime.datetime.combine(huidig.date(), DICHT, tzinfo=TZ)
        if huidig + rest <= sluiting:
            return huidig + rest
        rest -= sluiting - huidig
        huidig = volgende_opening(sluiting, sluit).astimezone(TZ)
