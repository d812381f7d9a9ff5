"""Expert-table figures per quarter, in the database: counts only, never a name."""

from django.db.models import Count, DateField, F, Q
from django.db.models.functions import Cast, TruncDate

from kern.aggregaties import DagenTussen, Kwartaal, mediaan_per
from kern.models import Gemeente

from .models import Advies, Casus


def experttafel_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    van, tot = kwartaal.van, kwartaal.tot_en_met
    casussen = Casus.objects.all()
    adviezen = Advies.objects.all()
    if gemeente:
        casussen = casussen.filter(gemeente=gemeente)
        adviezen = adviezen.filter(casus__gemeente=gemeente)
    gemeenten = (
        [gemeente.code] if gemeente else list(Gemeente.objects.filter(in_regio=True).values_list("code", flat=True))
    )
    per = {g: {"ingediend": 0, "besproken": 0, "opgevolgd": 0, "afgeweken": 0, "geescaleerd": 0} for g in gemeenten}
    tellingen = casussen.values("gemeente").annotate(
        ingediend=Count("id", filter=Q(ingediend_op__date__range=(van, tot))),
        besproken=Count("id", filter=Q(besproken_op__range=(van, tot))),
        opgevolgd=Count("id", filter=Q(opvolging__opgevolgd=True, opvolging__vastgelegd_op__date__range=(van, tot))),
        afgeweken=Count("id", filter=Q(opvolging__opgevolgd=False, opvolging__vastgelegd_op__date__range=(van, tot))),
        geescaleerd=Count("id", filter=Q(geescaleerd_op__range=(van, tot))),
    )
    for r in tellingen:
        if r["gemeente"] in per:
            per[r["gemeente"]] = {k: r[k] for k in per[r["gemeente"]]}
    totaal = {
        k: sum(p[k] for p in per.values()) for k in ("ingediend", "besproken", "opgevolgd", "afgeweken", "geescaleerd")
    }
    doorlooptijd = adviezen.filter(datum__range=(van, tot)).annotate(
        ingediend=Cast(TruncDate("casus__ingediend_op"), DateField()),
        dagen=DagenTussen(F("datum"), F("ingediend")),
    )
    mediaan = mediaan_per(doorlooptijd, None, "dagen").get(None)
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": gemeente.code if gemeente else None,
        **totaal,
        "adviezen": doorlooptijd.count(),
        "mediaan_dagen_tot_advies": round(mediaan, 1) if mediaan is not None else None,
        "per_gemeente": per,
    }
