"""Periods and aggregates the figures of every function share."""

import datetime
import statistics

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, router
from django.db.models import Aggregate, FloatField, Func, IntegerField
from django.utils import timezone


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


class EenmaalGecompileerd:
    """A figures query compiled once per database and shape, then run for every quarter with
    that quarter's own values (#14.4).

    Building and compiling an ORM query with conditional counts costs Python about as much as
    PostgreSQL needs to answer it from the quarter's index ranges (the expert table: ± 10 ms
    of Python around ± 10 ms of database); between quarters only the values differ. `bouw`
    takes the values by name (dates, datetimes, numbers, codes, lists of those; None changes
    the shape) and returns a values() QuerySet. It is compiled twice with stand-ins (days in
    the year 1, negative numbers), each stand-in's places among the parameters are kept, and
    every other parameter must be the same in both compilations: a value that `bouw` derives
    from another would otherwise be kept as a constant, so it refuses. The rows come as the
    database gives them (no field converters: fine for counts, codes and floats). On other
    databases (SQLite in development) the QuerySet itself runs."""

    def __init__(self, model, bouw):
        self.model, self.bouw = model, bouw
        self._sql: dict = {}

    def __call__(self, **waarden) -> list[dict]:
        alias = router.db_for_read(self.model)
        verbinding = connections[alias]
        if verbinding.vendor != "postgresql":
            return list(self.bouw(**waarden).using(alias))
        vorm = tuple((n, None if v is None else len(v) if isinstance(v, list) else type(v)) for n, v in waarden.items())
        sleutel = (alias, timezone.get_current_timezone_name(), vorm)
        if sleutel not in self._sql:
            self._sql[sleutel] = self._compileer(alias, waarden)
        gecompileerd = self._sql[sleutel]
        if gecompileerd is None:  # the shape can have no rows (an empty list of ids)
            return []
        sql, params, plaatsen = gecompileerd
        params = list(params)
        for i, (naam, j) in plaatsen.items():
            params[i] = waarden[naam] if j is None else waarden[naam][j]
        with verbinding.cursor() as c:
            c.execute(sql, params)
            namen = [k[0] for k in c.description]
            return [dict(zip(namen, r, strict=True)) for r in c.fetchall()]

    def _compileer(self, alias, waarden):
        rondes = []
        for ronde in (0, 1):
            plaats, standin = {}, {}
            for i, (naam, waarde) in enumerate(waarden.items()):
                if isinstance(waarde, list):
                    standin[naam] = [_standin(w, ronde, 100 * (i + 1) + j) for j, w in enumerate(waarde)]
                    plaats.update({(type(s), s): (naam, j) for j, s in enumerate(standin[naam])})
                elif waarde is not None:
                    standin[naam] = _standin(waarde, ronde, i)
                    plaats[(type(standin[naam]), standin[naam])] = (naam, None)
                else:
                    standin[naam] = None
            try:
                sql, params = self.bouw(**standin).query.get_compiler(alias).as_sql()
            except EmptyResultSet:
                return None
            rondes.append((sql, params, [plaats.get((type(p), p)) for p in params]))
        (sql, params, plaatsen), (sql2, params2, plaatsen2) = rondes
        if (
            sql != sql2
            or plaatsen != plaatsen2
            or any(p != q for p, q, k in zip(params, params2, plaatsen, strict=True) if k is None)
        ):
            raise ValueError(f"{self.bouw.__qualname__}: een parameter hangt af van een waarde zonder die te zijn")
        return sql, params, {i: k for i, k in enumerate(plaatsen) if k is not None}


def _standin(waarde, ronde: int, i: int):
    """A value of the same type that no quarter's query has: the year 1, or a negative number."""
    if isinstance(waarde, datetime.datetime):
        return datetime.datetime(1, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(minutes=i + 100_000 * ronde)
    if isinstance(waarde, datetime.date):
        return datetime.date(1, 1, 1) + datetime.timedelta(days=i + 10_000 * ronde)
    if isinstance(waarde, bool):
        raise TypeError("Een waar/onwaar-waarde verandert de vorm van de query, geen parameter.")
    if isinstance(waarde, int):
        return -(1_000_000 * (ronde + 1) + i)
    if isinstance(waarde, str):
        return f"\x01{ronde}:{i}"
    raise TypeError(f"Geen plaatsvervanger voor {type(waarde).__name__}.")
