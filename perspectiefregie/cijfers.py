"""Continuity figures per quarter, in the database: counts and shares only."""

import datetime

from django.db.models import Case, Count, DateField, Exists, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least

from kern.aggregaties import DagenTussen, Kwartaal, mediaan_per
from kern.models import Gemeente
from kern.querysets import persoon

from . import regels
from .models import Perspectiefplan, Regisseurschap, Traject


def _plan_uiterlijk():
    """regels.plan_uiterlijk as an SQL expression, from the same table of terms."""
    return Case(
        *[
            When(bron=bron, then=F("startdatum") + datetime.timedelta(days=dagen))
            for bron, dagen in regels.PLAN_TERMIJN_DAGEN.items()
        ],
        output_field=DateField(),
    )


def _pct(deel: int, geheel: int) -> float:
    return round(100 * deel / geheel, 1) if geheel else 0.0


def perspectiefregie_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    van, tot = kwartaal.van, kwartaal.tot_en_met
    alle = Traject.objects.actief_in(van, tot)
    if gemeente:
        alle = alle.filter(gemeente=gemeente)
    trajecten = alle.vrijwillig()
    # A regisseur counts when one was active at the end of the quarter, or at the stay's end if earlier.
    peildatum = Least(Coalesce(OuterRef("einddatum"), Value(tot)), Value(tot))
    regisseur_op_peildatum = Regisseurschap.objects.filter(traject=OuterRef("pk"), van__lte=peildatum).filter(
        Q(tot__isnull=True) | Q(tot__gte=peildatum)
    )
    eerste_plan = Perspectiefplan.objects.filter(traject=OuterRef("pk"), soort="perspectief").order_by("vastgesteld_op")
    t = trajecten.annotate(
        heeft_regisseur=Exists(regisseur_op_peildatum),
        plan=Subquery(eerste_plan.values("vastgesteld_op")[:1]),
        uiterlijk=_plan_uiterlijk(),
    ).aggregate(
        jeugdigen=Count(persoon(), distinct=True),
        trajecten=Count("id"),
        met_regisseur=Count("id", filter=Q(heeft_regisseur=True)),
        plannen_verwacht=Count("id", filter=Q(uiterlijk__range=(van, tot))),
        plannen_op_tijd=Count("id", filter=Q(uiterlijk__range=(van, tot), plan__lte=F("uiterlijk"))),
    )
    wissels = Regisseurschap.objects.filter(traject__in=trajecten, van__range=(van, tot)).exclude(reden="").count()
    gestart = (
        trajecten.filter(startdatum__range=(van, tot))
        .annotate(eerste=Min("regisseurschappen__van"))
        .filter(eerste__isnull=False)
        .annotate(dagen=DagenTussen(F("eerste"), F("startdatum")))
    )
    mediaan = mediaan_per(gestart, None, "dagen").get(None)
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": gemeente.code if gemeente else None,
        "jeugdigen_vrijwillig_verblijf": t["jeugdigen"],
        "trajecten": t["trajecten"],
        "met_regisseur": t["met_regisseur"],
        "percentage_met_regisseur": _pct(t["met_regisseur"], t["trajecten"]),
        "plannen_verwacht": t["plannen_verwacht"],
        "plannen_op_tijd": t["plannen_op_tijd"],
        "percentage_plan_op_tijd": _pct(t["plannen_op_tijd"], t["plannen_verwacht"]),
        "regisseurwissels": wissels,
        "wissels_per_jeugdige": round(wissels / t["jeugdigen"], 2) if t["jeugdigen"] else 0.0,
        "mediaan_dagen_tot_regisseur": round(mediaan, 1) if mediaan is not None else None,
        # The number the median is over: the public variant hides a median over fewer than 5.
        "gestart_met_regisseur": gestart.count(),
        "gedwongen_kader_uitgesloten": alle.regie_bij_gi().count(),
    }
