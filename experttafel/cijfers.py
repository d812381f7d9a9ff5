"""Expert-table figures per quarter, in the database: counts only, never a name."""

import datetime

from django.db import connection
from django.db.models import Count, DateField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from kern.aggregaties import DagenTussen, Kwartaal, Mediaan, mediaan_per
from kern.models import Gemeente

from .models import Advies, Casus, Doel, Leerevaluatie, Opvolging, Sessie

SOORTEN = ("ingediend", "besproken", "opgevolgd", "afgeweken", "opvolging_open", "geescaleerd")


def experttafel_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    """Definitions (also in the PDF): `opgevolgd`, `afgeweken` and `opvolging_open` count the
    cases of the sessions held in the quarter (by the session's date, whenever the follow-up was
    recorded): followed when every party in the advice followed it, deviated when at least one
    party deviated (with a motivation), open while a party has not recorded its follow-up.

    Every query reads what touches the quarter through a B-tree on the date it counts by
    (experttafel/migrations/0006), not the history (#14.4); bench/sql/experttafel.sql is the
    hand-written query `make bench` holds these figures against."""
    van, tot = kwartaal.van, kwartaal.tot_en_met
    casussen = Casus.objects.all()
    adviezen = Advies.objects.all()
    evaluaties = Leerevaluatie.objects.all()
    if gemeente:
        casussen = casussen.filter(gemeente=gemeente)
        adviezen = adviezen.filter(casus__gemeente=gemeente)
        evaluaties = evaluaties.filter(gemeente=gemeente)
    gemeenten = (
        [gemeente.code] if gemeente else list(Gemeente.objects.filter(in_regio=True).values_list("code", flat=True))
    )
    per = {g: dict.fromkeys(SOORTEN, 0) for g in gemeenten}
    # A case is submitted on its day in the region's time zone: as a range of instants, so that
    # the index on the timestamp serves it.
    tz = timezone.get_current_timezone()
    ingediend = Q(
        ingediend_op__gte=datetime.datetime.combine(van, datetime.time.min, tz),
        ingediend_op__lt=datetime.datetime.combine(tot + datetime.timedelta(days=1), datetime.time.min, tz),
    )
    besproken = Q(besproken_op__range=(van, tot))
    geescaleerd = Q(geescaleerd_op__range=(van, tot))
    uitkomst = Q(escalatie_uitkomst_op__range=(van, tot))
    escalatie_uitkomsten = 0
    for r in (
        casussen.filter(ingediend | besproken | geescaleerd | uitkomst)
        .values("gemeente")
        .annotate(
            ingediend=Count("id", filter=ingediend),
            besproken=Count("id", filter=besproken),
            geescaleerd=Count("id", filter=geescaleerd),
            uitkomsten=Count("id", filter=uitkomst),
        )
        .order_by()
    ):
        escalatie_uitkomsten += r["uitkomsten"]
        if r["gemeente"] in per:
            per[r["gemeente"]].update(ingediend=r["ingediend"], besproken=r["besproken"], geescaleerd=r["geescaleerd"])
    # The cases of the quarter's sessions and their follow-up. The sessions as a list of ids, so
    # that the cases' index on their session finds them (a join or subquery on the session's
    # date makes PostgreSQL read every case); the follow-up look-ups in the counts' filters, so
    # that PostgreSQL looks up each case's parties rather than hashing every follow-up.
    sessies = list(Sessie.objects.filter(datum__range=(van, tot)).values_list("pk", flat=True))
    afgeweken = Exists(Opvolging.objects.filter(casus=OuterRef("pk"), opgevolgd=False))
    heeft_opvolging = Exists(Opvolging.objects.filter(casus=OuterRef("pk")))
    for r in (
        casussen.filter(sessie__in=sessies)
        .annotate(afgeweken_=afgeweken, heeft_opvolging_=heeft_opvolging)
        .values("gemeente")
        .annotate(
            opgevolgd=Count(
                "id", filter=Q(heeft_opvolging_=True, afgeweken_=False) & ~Q(status=Casus.Status.GEADVISEERD)
            ),
            afgeweken=Count("id", filter=Q(afgeweken_=True)),
            opvolging_open=Count("id", filter=Q(status=Casus.Status.GEADVISEERD, afgeweken_=False)),
        )
        .order_by()
    ):
        if r["gemeente"] in per:
            per[r["gemeente"]].update(
                opgevolgd=r["opgevolgd"], afgeweken=r["afgeweken"], opvolging_open=r["opvolging_open"]
            )
    totaal = {k: sum(p[k] for p in per.values()) for k in SOORTEN}
    doorlooptijd = adviezen.filter(datum__range=(van, tot)).annotate(
        ingediend=Cast(TruncDate("casus__ingediend_op"), DateField()),
        dagen=DagenTussen(F("datum"), F("ingediend")),
    )
    if connection.vendor == "postgresql":  # count and median in one pass (mediaan_per's own query elsewhere)
        advies = doorlooptijd.aggregate(n=Count("*"), mediaan=Mediaan("dagen"))
    else:
        advies = {"n": doorlooptijd.count(), "mediaan": mediaan_per(doorlooptijd, None, "dagen").get(None)}
    mediaan = advies["mediaan"]

    # The learning circle: lessons of cases discussed in the quarter, and the learning reviews
    # (actieleren) of out-of-home placements, counted under the three aims.
    lessen = dict.fromkeys(Doel.values, 0)
    for r in (
        casussen.exclude(les="")
        .filter(besproken)
        .values("themas__doel")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    ):
        if r["themas__doel"] in lessen:
            lessen[r["themas__doel"]] = r["n"]
    # The reviews held in the quarter per aim, from the index on the held-on date alone.
    leren = {"nodig": evaluaties.filter(einddatum__range=(van, tot)).count(), "gehouden": 0, "op_tijd": 0}
    actieleren_per_doel = dict.fromkeys(Doel.values, 0)
    for r in (
        evaluaties.filter(gehouden_op__range=(van, tot))
        .values("thema__doel")
        .annotate(n=Count("*"), op_tijd=Count("gehouden_op", filter=Q(gehouden_op__lte=F("uiterlijk"))))
        .order_by()
    ):
        leren["gehouden"] += r["n"]
        leren["op_tijd"] += r["op_tijd"]
        if r["thema__doel"] in actieleren_per_doel:
            actieleren_per_doel[r["thema__doel"]] = r["n"]
    # Open at the quarter's end: never held, or held after it. Two counts, each an index range
    # (the never-held part of the held-on index), rather than one that reads the history.
    afgelopen = evaluaties.filter(einddatum__lte=tot)
    leren["open_einde_kwartaal"] = (
        afgelopen.filter(gehouden_op__isnull=True).count() + afgelopen.filter(gehouden_op__gt=tot).count()
    )
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": gemeente.code if gemeente else None,
        **totaal,
        "adviezen": advies["n"],
        "mediaan_dagen_tot_advies": round(mediaan, 1) if mediaan is not None else None,
        "escalatie_uitkomsten": escalatie_uitkomsten,
        "per_gemeente": per,
        "lessen_per_doel": lessen,
        "actieleren": leren,
        "actieleren_per_doel": actieleren_per_doel,
    }
