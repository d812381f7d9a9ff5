"""Continuity figures per quarter, in the database: counts and shares only."""

import datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least

from kern.aggregaties import DagenTussen, Kwartaal, Mediaan, mediaan_per
from kern.models import Gemeente
from kern.querysets import aantal_personen

from . import regels
from .models import Perspectiefplan, Traject


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
    # One pass over the quarter's trajectories, each joined to its own regisseurships (#14.4): what
    # the figures need of those is aggregated per trajectory, then counted over the trajectories,
    # so the figures cost the quarter's trajectories, not a look-up per figure and trajectory.
    r = "regisseurschappen__"
    # A regisseur counts when one was active at the end of the quarter, or at the stay's end if earlier.
    peildatum = Least(Coalesce(F("einddatum"), Value(tot)), Value(tot))
    vrijwillig = Q(gedwongen_kader=False, gezag_derden=False)
    per_traject = alle.annotate(
        vrijwillig=ExpressionWrapper(vrijwillig, output_field=BooleanField()),
        uiterlijk=_plan_uiterlijk(),
        regisseur_op_peildatum=Count(
            "regisseurschappen",
            filter=Q(**{f"{r}van__lte": peildatum})
            & (Q(**{f"{r}tot__isnull": True}) | Q(**{f"{r}tot__gte": peildatum})),
        ),
        eerste_regisseur=Min(f"{r}van"),
        wissels_in_kwartaal=Count(
            "regisseurschappen", filter=Q(**{f"{r}van__range": (van, tot)}) & ~Q(**{f"{r}reden": ""})
        ),
    ).annotate(dagen_tot_regisseur=DagenTussen(F("eerste_regisseur"), F("startdatum")))
    vrij = Q(vrijwillig=True)
    verwacht = vrij & Q(uiterlijk__range=(van, tot))
    gestart = vrij & Q(startdatum__gte=van, eerste_regisseur__isnull=False)
    figuren = {
        "jeugdigen": aantal_personen(filter=vrij),
        "trajecten": Count("id", filter=vrij),
        "met_regisseur": Count("id", filter=vrij & Q(regisseur_op_peildatum__gt=0)),
        "plannen_verwacht": Count("id", filter=verwacht),
        "wissels": Coalesce(Sum("wissels_in_kwartaal", filter=vrij), 0),
        "gestart": Count("id", filter=gestart),
        "gi": Count("id", filter=~vrij),
    }
    if connection.vendor == "postgresql":  # the median in the same pass
        figuren["mediaan"] = Mediaan("dagen_tot_regisseur", filter=gestart)
    t = per_traject.aggregate(**figuren)
    # The plans due in the quarter, found by their start date (one index range per term), each
    # with one look-up for a perspective plan on time: the first plan is on time exactly when some
    # plan is. Its own query, so the plan look-ups are costed on these trajectories only.
    due_in_quarter = Q()
    for bron, dagen in regels.PLAN_TERMIJN_DAGEN.items():
        termijn = datetime.timedelta(days=dagen)
        due_in_quarter |= Q(bron=bron, startdatum__range=(van - termijn, tot - termijn))
    op_tijd = Perspectiefplan.objects.filter(
        traject=OuterRef("pk"), soort="perspectief", vastgesteld_op__lte=OuterRef("uiterlijk")
    )
    plannen_op_tijd = (
        alle.filter(vrijwillig, due_in_quarter).annotate(uiterlijk=_plan_uiterlijk()).filter(Exists(op_tijd)).count()
    )
    if "mediaan" in t:
        mediaan = t["mediaan"]
    else:  # the embedded SQLite of `make run` has no percentile
        mediaan = mediaan_per(per_traject.filter(gestart).order_by(), None, "dagen_tot_regisseur").get(None)
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
        "plannen_op_tijd": plannen_op_tijd,
        "percentage_plan_op_tijd": _pct(plannen_op_tijd, t["plannen_verwacht"]),
        "regisseurwissels": t["wissels"],
        "wissels_per_jeugdige": round(t["wissels"] / t["jeugdigen"], 2) if t["jeugdigen"] else 0.0,
        "mediaan_dagen_tot_regisseur": round(mediaan, 1) if mediaan is not None else None,
        # The number the median is over: the public variant hides a median over fewer than 5.
        "gestart_met_regisseur": t["gestart"],
        "gedwongen_kader_uitgesloten": t["gi"],
    }
