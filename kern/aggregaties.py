"""Periods and aggregates the figures of every function share."""

import datetime
import statistics

from django.db import connection
from django.db.models import Aggregate, FloatField, Func, IntegerField


class Kwartaal:
    def __init__(self, jaar: int, nummer: int):
        if not 1 <= nummer <= 4:
            raise ValueError("Een kwartaal is 1 tot en met 4.")
        self.jaar, self.nummer = jaar, nummer
        self.van = datetime.date(jaar, 3 * nummer - 2, 1)
        volgende = datetime.date(jaar + (nummer == 4), (3 * nummer) % 12 + 1, 1)
        self.tot_en_met = volgende - datetime.timedelta(days=1)

    @classmethod
    def parse(cls, tekst: str) -> "Kwartaal":
        jaar, _, n = tekst.upper().partition("-Q")
        return cls(int(jaar), int(n))

    @classmethod
    def van_datum(cls, dag: datetime.date) -> "Kwartaal":
        return cls(dag.year, (dag.month - 1) // 3 + 1)

    def vorige(self) -> "Kwartaal":
        return Kwartaal(self.jaar - 1, 4) if self.nummer == 1 else Kwartaal(self.jaar, self.nummer - 1)

    def __str__(self):
        return f"{self.jaar}-Q{self.nummer}"

    def __eq__(self, other):
        return isinstance(other, Kwartaal) and (self.jaar, self.nummer) == (other.jaar, other.nummer)

    def __hash__(self):
        return hash((self.jaar, self.nummer))


class DagenTussen(Func):
    """einddatum - startdatum in whole days, in SQL."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


class Mediaan(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def mediaan_per(qs, groep: str | None, veld: str) -> dict:
    """The median of `veld` per value of `groep` (None: one group, key None), in the database."""
    if connection.vendor == "postgresql":
        if groep is None:
            return {None: qs.aggregate(m=Mediaan(veld))["m"]}
        return {r[groep]: r["m"] for r in qs.values(groep).annotate(m=Mediaan(veld))}
    # The embedded SQLite of `make run` has no percentile; few rows there.
    per: dict = {}
    for g, d in qs.values_list(groep, veld) if groep else ((None, d) for d in qs.values_list(veld, flat=True)):
        per.setdefault(g, []).append(d)
    return {g: float(statistics.median(v)) for g, v in per.items() if v} or ({None: None} if groep is None else {})
