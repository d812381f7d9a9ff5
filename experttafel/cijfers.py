"""Expert-table figures per quarter, in the database: counts only, never a name."""

import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, TruncDate
from django.db.models.lookups import Lookup
from django.utils import timezone

from kern.aggregaties import DagenTussen, EenmaalGecompileerd, Kwartaal, Mediaan, mediaan_per
from kern.models import Gemeente

from .models import Advies, Casus, Doel, Leerevaluatie, Opvolging, Sessie

SOORTEN = ("ingediend", "besproken", "opgevolgd", "afgeweken", "opvolging_open", "geescaleerd")


def _per_gemeente(qs, gemeente: str | None, veld: str = "gemeente"):
    return qs.filter(**{veld: gemeente}) if gemeente else qs


# Each query is built with the ORM and compiled once per database (kern.aggregaties.
# EenmaalGecompileerd): compiling them costs more than PostgreSQL needs to answer them.
GEMEENTEN = EenmaalGecompileerd(Gemeente, lambda: Gemeente.objects.filter(in_regio=True).values("code"))


def _casussen(van, tot, begin, einde, gemeente):
    """Per municipality the cases counted by their own dates; a case is submitted on its day in
    the region's time zone, as the range of instants [begin, einde) that the index serves. With
    them the lessons of the cases discussed in the quarter per aim: a look-up of the case's
    themes per aim (an aim's count is of cases, however many of its themes a case has)."""
    ingediend = Q(ingediend_op__gte=begin, ingediend_op__lt=einde)
    besproken = Q(besproken_op__range=(van, tot))
    geescaleerd = Q(geescaleerd_op__range=(van, tot))
    uitkomst = Q(escalatie_uitkomst_op__range=(van, tot))
    thema = Casus.themas.through.objects.filter(casus=OuterRef("pk"))
    return (
        _per_gemeente(Casus.objects.filter(ingediend | besproken | geescaleerd | uitkomst), gemeente)
        .alias(**{f"les_{doel}": Exists(thema.filter(thema__doel=doel)) for doel in Doel.values})
        .values("gemeente")
        .annotate(
            ingediend=Count("id", filter=ingediend),
            besproken=Count("id", filter=besproken),
            geescaleerd=Count("id", filter=geescaleerd),
            uitkomsten=Count("id", filter=uitkomst),
            **{
                f"les_{doel}": Count("id", filter=besproken & ~Q(les="") & Q(**{f"les_{doel}": True}))
                for doel in Doel.values
            },
        )
        .order_by()
    )


CASUSSEN = EenmaalGecompileerd(Casus, _casussen)


class _IsEenVan(Lookup):
    """`veld = ANY(array)`: PostgreSQL probes the field's index once per element."""

    lookup_name = "is_een_van"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _opvolging(van, tot, gemeente):
    """Per municipality and status the cases of the quarter's sessions, grouped on their
    follow-up: the lowest of the parties' 'followed' (0: a party deviated, 1: every party that
    recorded followed, NULL: none recorded yet), one look-up per case. On PostgreSQL the
    sessions are an array the cases' index on their session is probed with (`= ANY(ARRAY(…))`):
    a join or `IN` on the session's date makes PostgreSQL read every case."""
    sessies = Sessie.objects.filter(datum__range=(van, tot)).values("id")
    if connection.vendor == "postgresql":
        van_de_sessies = _IsEenVan(F("sessie_id"), ArraySubquery(sessies))
    else:
        van_de_sessies = Q(sessie__in=sessies)
    stand = (
        Opvolging.objects.filter(casus=OuterRef("pk"))
        .values("casus")
        .annotate(m=Min(Cast("opgevolgd", IntegerField())))
    )
    return (
        _per_gemeente(Casus.objects.filter(van_de_sessies), gemeente)
        .values("gemeente", "status", opvolging=Subquery(stand.values("m")))
        .annotate(n=Count("id"))
        .order_by()
    )


OPVOLGING = EenmaalGecompileerd(Casus, _opvolging)


def _doorlooptijd(van, tot, gemeente):
    """The days from submission (its day in the region) to advice, of the advice given in the quarter.
    The submission is looked up per advice (a correlated subquery on the case's key, index-only
    through casus (id) INCLUDE (ingediend_op)): a join lets the planner read every case."""
    ingediend_op = Subquery(Casus.objects.filter(pk=OuterRef("casus_id")).values("ingediend_op")[:1])
    return _per_gemeente(Advies.objects.filter(datum__range=(van, tot)), gemeente, "casus__gemeente").annotate(
        ingediend=Cast(TruncDate(ingediend_op), DateField()),
        dagen=DagenTussen(F("datum"), F("ingediend")),
    )


def _tellingen(van, tot, gemeente):
    """The advice given in the quarter (count and median days) and the learning reviews due in
    it and open at its end, as rows (telling, n, mediaan) of one statement: four index ranges, one
    round trip. Open at the quarter's end is two ranges: never held, or held after it (the
    never-held part of the held-on index), rather than one count that reads the history."""
    reviews = _per_gemeente(Leerevaluatie.objects.all(), gemeente)

    def aantal(qs, soort):
        return (
            qs.annotate(telling=Value(soort))
            .values("telling")
            .annotate(n=Count("*"), mediaan=Value(None, output_field=FloatField()))
            .order_by()
        )

    advies = (
        _doorlooptijd(van, tot, gemeente)
        .annotate(telling=Value("adviezen"))
        .values("telling")
        .annotate(n=Count("*"), mediaan=Mediaan("dagen"))
        .order_by()
    )
    return advies.union(
        aantal(reviews.filter(einddatum__range=(van, tot)), "nodig"),
        aantal(reviews.filter(einddatum__lte=tot, gehouden_op__isnull=True), "nooit_gehouden"),
        aantal(reviews.filter(einddatum__lte=tot, gehouden_op__gt=tot), "later_gehouden"),
        all=True,
    )


TELLINGEN = EenmaalGecompileerd(Advies, _tellingen)
# The reviews held in the quarter per aim, from the index on the held-on date alone.
GEHOUDEN = EenmaalGecompileerd(
    Leerevaluatie,
    lambda van, tot, gemeente: (
        _per_gemeente(Leerevaluatie.objects.filter(gehouden_op__range=(van, tot)), gemeente)
        .values("thema__doel")
        .annotate(n=Count("*"), op_tijd=Count("gehouden_op", filter=Q(gehouden_op__lte=F("uiterlijk"))))
        .order_by()
    ),
)


def experttafel_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    """Definitions (also in the PDF): `opgevolgd`, `afgeweken` and `opvolging_open` count the
    cases of the sessions held in the quarter (by the session's date, whenever the follow-up was
    recorded): followed when every party in the advice followed it, deviated when at least one
    party deviated (with a motivation), open while a party has not recorded its follow-up.

    Every query reads what touches the quarter through a B-tree on the date it counts by
    (experttafel/migrations/0006), not the history (#14.4); bench/sql/experttafel.sql is the
    hand-written query `make bench` holds these figures against."""
    van, tot = kwartaal.van, kwartaal.tot_en_met
    g = gemeente.code if gemeente else None
    gemeenten = [g] if g else [r["code"] for r in GEMEENTEN()]
    per = {code: dict.fromkeys(SOORTEN, 0) for code in gemeenten}
    tz = timezone.get_current_timezone()
    begin = datetime.datetime.combine(van, datetime.time.min, tz)
    einde = datetime.datetime.combine(tot + datetime.timedelta(days=1), datetime.time.min, tz)
    escalatie_uitkomsten = 0
    # The learning circle: lessons of cases discussed in the quarter, and the learning reviews
    # (actieleren) of out-of-home placements, counted under the three aims.
    lessen = dict.fromkeys(Doel.values, 0)
    for r in CASUSSEN(van=van, tot=tot, begin=begin, einde=einde, gemeente=g):
        escalatie_uitkomsten += r["uitkomsten"]
        for doel in lessen:
            lessen[doel] += r[f"les_{doel}"]
        if r["gemeente"] in per:
            per[r["gemeente"]].update(ingediend=r["ingediend"], besproken=r["besproken"], geescaleerd=r["geescaleerd"])
    for r in OPVOLGING(van=van, tot=tot, gemeente=g):
        if r["gemeente"] not in per:
            continue
        p = per[r["gemeente"]]
        # Deviated when a party deviated; open while the case waits for a party and none
        # deviated; followed when every party followed and the case no longer waits.
        if r["opvolging"] == 0:
            p["afgeweken"] += r["n"]
        elif r["status"] == Casus.Status.GEADVISEERD:
            p["opvolging_open"] += r["n"]
        elif r["opvolging"] == 1:
            p["opgevolgd"] += r["n"]
    totaal = {k: sum(p[k] for p in per.values()) for k in SOORTEN}
    if connection.vendor == "postgresql":  # the median in the same statement
        tellingen = {r["telling"]: r for r in TELLINGEN(van=van, tot=tot, gemeente=g)}
    else:  # the embedded SQLite of `make run` has no percentile: the counts, then mediaan_per
        reviews = _per_gemeente(Leerevaluatie.objects.all(), g)
        doorlooptijd = _doorlooptijd(van, tot, g)
        tellingen = {
            "adviezen": {"n": doorlooptijd.count(), "mediaan": mediaan_per(doorlooptijd, None, "dagen").get(None)},
            "nodig": {"n": reviews.filter(einddatum__range=(van, tot)).count()},
            "nooit_gehouden": {"n": reviews.filter(einddatum__lte=tot, gehouden_op__isnull=True).count()},
            "later_gehouden": {"n": reviews.filter(einddatum__lte=tot, gehouden_op__gt=tot).count()},
        }
    advies = tellingen["adviezen"]
    mediaan = advies["mediaan"]

    leren = {"nodig": tellingen["nodig"]["n"], "gehouden": 0, "op_tijd": 0}
    actieleren_per_doel = dict.fromkeys(Doel.values, 0)
    for r in GEHOUDEN(van=van, tot=tot, gemeente=g):
        leren["gehouden"] += r["n"]
        leren["op_tijd"] += r["op_tijd"]
        if r["thema__doel"] in actieleren_per_doel:
            actieleren_per_doel[r["thema__doel"]] = r["n"]
    leren["open_einde_kwartaal"] = tellingen["nooit_gehouden"]["n"] + tellingen["later_gehouden"]["n"]
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": g,
        **totaal,
        "adviezen": advies["n"],
        "mediaan_dagen_tot_advies": round(mediaan, 1) if mediaan is not None else None,
        "escalatie_uitkomsten": escalatie_uitkomsten,
        "per_gemeente": per,
        "lessen_per_doel": lessen,
        "actieleren": leren,
        "actieleren_per_doel": actieleren_per_doel,
    }
