"""Expert-table figures per quarter, in the database: counts only, never a name."""

from django.db.models import Count, DateField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast, TruncDate

from kern.aggregaties import DagenTussen, Kwartaal, mediaan_per
from kern.models import Gemeente

from .models import Advies, Casus, Doel, Leerevaluatie, Opvolging

SOORTEN = ("ingediend", "besproken", "opgevolgd", "afgeweken", "opvolging_open", "geescaleerd")


def experttafel_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    """Definitions (also in the PDF): `opgevolgd`, `afgeweken` and `opvolging_open` count the
    cases of the sessions held in the quarter (by the session's date, whenever the follow-up was
    recorded): followed when every party in the advice followed it, deviated when at least one
    party deviated (with a motivation), open while a party has not recorded its follow-up."""
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
    in_kwartaal = Q(sessie__datum__range=(van, tot))
    afgeweken = Exists(Opvolging.objects.filter(casus=OuterRef("pk"), opgevolgd=False))
    heeft_opvolging = Exists(Opvolging.objects.filter(casus=OuterRef("pk")))
    # Only the cases that touch the quarter (every count below filters on one of these dates): the
    # follow-up look-ups then run for the quarter's cases, not for the whole history (#14.4).
    in_beeld = (
        Q(ingediend_op__date__range=(van, tot))
        | Q(besproken_op__range=(van, tot))
        | in_kwartaal
        | Q(geescaleerd_op__range=(van, tot))
    )
    tellingen = (
        casussen.filter(in_beeld)
        .annotate(afgeweken_=afgeweken, heeft_opvolging_=heeft_opvolging)
        .values("gemeente")
        .annotate(
            ingediend=Count("id", filter=Q(ingediend_op__date__range=(van, tot))),
            besproken=Count("id", filter=Q(besproken_op__range=(van, tot))),
            opgevolgd=Count(
                "id",
                filter=in_kwartaal & Q(heeft_opvolging_=True, afgeweken_=False) & ~Q(status=Casus.Status.GEADVISEERD),
            ),
            afgeweken=Count("id", filter=in_kwartaal & Q(afgeweken_=True)),
            opvolging_open=Count("id", filter=in_kwartaal & Q(status=Casus.Status.GEADVISEERD, afgeweken_=False)),
            geescaleerd=Count("id", filter=Q(geescaleerd_op__range=(van, tot))),
        )
        .order_by()
    )
    for r in tellingen:
        if r["gemeente"] in per:
            per[r["gemeente"]] = {k: r[k] for k in SOORTEN}
    totaal = {k: sum(p[k] for p in per.values()) for k in SOORTEN}
    doorlooptijd = adviezen.filter(datum__range=(van, tot)).annotate(
        ingediend=Cast(TruncDate("casus__ingediend_op"), DateField()),
        dagen=DagenTussen(F("datum"), F("ingediend")),
    )
    mediaan = mediaan_per(doorlooptijd, None, "dagen").get(None)

    # The learning circle: lessons of cases discussed in the quarter, and the learning reviews
    # (actieleren) of out-of-home placements, counted under the three aims.
    lessen = dict.fromkeys(Doel.values, 0)
    for r in (
        casussen.exclude(les="")
        .filter(besproken_op__range=(van, tot))
        .values("themas__doel")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    ):
        if r["themas__doel"] in lessen:
            lessen[r["themas__doel"]] = r["n"]
    leren = evaluaties.aggregate(
        nodig=Count("id", filter=Q(einddatum__range=(van, tot))),
        gehouden=Count("id", filter=Q(gehouden_op__range=(van, tot))),
        op_tijd=Count("id", filter=Q(gehouden_op__range=(van, tot), gehouden_op__lte=F("uiterlijk"))),
        open_einde_kwartaal=Count(
            "id", filter=Q(einddatum__lte=tot) & (Q(gehouden_op__isnull=True) | Q(gehouden_op__gt=tot))
        ),
    )
    actieleren_per_doel = dict.fromkeys(Doel.values, 0)
    for r in evaluaties.filter(gehouden_op__range=(van, tot)).values("thema__doel").annotate(n=Count("id")).order_by():
        if r["thema__doel"] in actieleren_per_doel:
            actieleren_per_doel[r["thema__doel"]] = r["n"]
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": gemeente.code if gemeente else None,
        **totaal,
        "adviezen": doorlooptijd.count(),
        "mediaan_dagen_tot_advies": round(mediaan, 1) if mediaan is not None else None,
        "escalatie_uitkomsten": casussen.filter(escalatie_uitkomst_op__range=(van, tot)).count(),
        "per_gemeente": per,
        "lessen_per_doel": lessen,
        "actieleren": leren,
        "actieleren_per_doel": actieleren_per_doel,
    }
