"""The worklist rows: each trajectory with its regisseur and deadlines, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.utils import timezone

from kern import kalender
from kern.models import Regioinstelling

from . import regels
from .models import Perspectiefplan, Regisseurschap, Traject, Verblijf


@dataclass
class Rij:
    traject: Traject
    regisseur: object | None
    regisseur_uiterlijk: object
    regisseur_status: str | None
    plan_uiterlijk: object
    plan_status: str
    plan: Perspectiefplan | None
    na18_uiterlijk: object | None
    na18_status: str | None
    evaluatie_uiterlijk: object
    evaluatie_status: str
    verblijven: list
    lopend_verblijf: bool

    @property
    def signaal(self) -> bool:
        return "verlopen" in (self.regisseur_status, self.plan_status, self.na18_status, self.evaluatie_status)


def _termijnen(
    *,
    bron,
    startdatum,
    einddatum,
    geboortedatum,
    regie_bij_gi,
    eerste_regisseur_van,
    plan_op,
    evaluatie_op,
    na18_op,
    vandaag,
    sluitingsdagen,
    instelling,
) -> dict:
    """Each deadline of a trajectory and its status (regels): the one place for the worklist's
    rows and for its order."""
    r_uiterlijk = regels.regisseur_uiterlijk(startdatum, sluitingsdagen)
    p_uiterlijk = regels.plan_uiterlijk(bron, startdatum)
    n_uiterlijk = regels.na_18_plan_uiterlijk(
        geboortedatum,
        startdatum,
        vanaf_leeftijd=instelling.na_18_vanaf_leeftijd,
        dagen_na_opname=instelling.na_18_dagen_na_opname,
    )
    # The plan for life after 18 shows from a year before it is due, while the youth is in care.
    in_zorg_bij_16 = (einddatum is None or n_uiterlijk <= einddatum) and n_uiterlijk <= vandaag + datetime.timedelta(
        days=365
    )
    return {
        "regisseur_uiterlijk": r_uiterlijk,
        # Where the GI holds the direction, a missing municipal regisseur is no signal.
        "regisseur_status": None if regie_bij_gi else regels.status(r_uiterlijk, eerste_regisseur_van, vandaag),
        "plan_uiterlijk": p_uiterlijk,
        "plan_status": regels.status(p_uiterlijk, plan_op, vandaag),
        "na18_uiterlijk": n_uiterlijk if in_zorg_bij_16 else None,
        "na18_status": regels.status(n_uiterlijk, na18_op, vandaag) if in_zorg_bij_16 else None,
        # The evaluation within two weeks of admission, recorded beside the plan.
        "evaluatie_uiterlijk": p_uiterlijk,
        "evaluatie_status": regels.status(p_uiterlijk, evaluatie_op, vandaag),
    }


def _volgorde_sleutel(regie_bij_gi: bool, heeft_regisseur: bool, termijnen: dict, startdatum):
    """Who lacks a regisseur or has a deadline passed stands at the top; the GI's own last."""
    signaal = "verlopen" in (
        termijnen["regisseur_status"],
        termijnen["plan_status"],
        termijnen["na18_status"],
        termijnen["evaluatie_status"],
    )
    return (regie_bij_gi, heeft_regisseur, not signaal, startdatum)


# Per trajectory of the list, on PostgreSQL: its youth's birth date, its regisseurships and its
# plans, each one index probe (LATERAL), never a scan of every regisseurship or youth (#14.4).
_VELDEN_SQL = """
SELECT t.id, t.bron, t.startdatum, t.einddatum, t.gedwongen_kader, t.gezag_derden,
    (SELECT j.geboortedatum FROM kern_jeugdige j WHERE j.id = t.jeugdige_id) AS geboortedatum,
    coalesce(r.heeft_regisseur, false) AS heeft_regisseur, r.eerste_regisseur_van,
    p.plan_op, p.evaluatie_op, p.na18_op
FROM ({trajecten}) t
LEFT JOIN LATERAL (
    SELECT bool_or(r.tot IS NULL) AS heeft_regisseur, min(r.van) AS eerste_regisseur_van
    FROM perspectiefregie_regisseurschap r WHERE r.traject_id = t.id) r ON true
LEFT JOIN LATERAL (
    SELECT min(p.vastgesteld_op) FILTER (WHERE p.soort = 'perspectief') AS plan_op,
        (array_agg(p.evaluatie_op ORDER BY p.vastgesteld_op, p.id) FILTER (WHERE p.soort = 'perspectief'))[1]
            AS evaluatie_op,
        min(p.vastgesteld_op) FILTER (WHERE p.soort = 'na_18') AS na18_op
    FROM perspectiefregie_perspectiefplan p WHERE p.traject_id = t.id) p ON true
"""


def _velden(trajecten) -> list[dict]:
    """What the deadlines of each trajectory need, as rows; the trajectories are the caller's
    queryset (its permission filter included), read as a subquery."""
    if connections[trajecten.db].vendor == "postgresql":
        sql, params = (
            trajecten.order_by()
            .values("id", "jeugdige_id", "bron", "startdatum", "einddatum", "gedwongen_kader", "gezag_derden")
            .query.get_compiler(using=trajecten.db)
            .as_sql()
        )
        with connections[trajecten.db].cursor() as c:
            c.execute(_VELDEN_SQL.format(trajecten=sql), params)
            namen = [k[0] for k in c.description]
            return [dict(zip(namen, r, strict=True)) for r in c.fetchall()]
    # The SQLite of `make run`: the same fields by correlated subqueries.
    regisseurs = Regisseurschap.objects.filter(traject=OuterRef("pk"))
    plannen = Perspectiefplan.objects.filter(traject=OuterRef("pk")).order_by("vastgesteld_op", "id")
    perspectief = plannen.filter(soort="perspectief")
    return list(
        trajecten.order_by().values(
            "id",
            "bron",
            "startdatum",
            "einddatum",
            "gedwongen_kader",
            "gezag_derden",
            geboortedatum=F("jeugdige__geboortedatum"),
            heeft_regisseur=Exists(regisseurs.filter(tot__isnull=True)),
            eerste_regisseur_van=Subquery(regisseurs.order_by("van", "id").values("van")[:1]),
            plan_op=Subquery(perspectief.values("vastgesteld_op")[:1]),
            evaluatie_op=Subquery(perspectief.values("evaluatie_op")[:1]),
            na18_op=Subquery(plannen.filter(soort="na_18").values("vastgesteld_op")[:1]),
        )
    )


def pagina(trajecten, nummer, per_pagina: int = 50):
    """One page of the worklist: the whole list ordered by its signals (volgorde), however long,
    and only the page's trajectories read in full (rijen). Returns the Paginator's page (of ids)
    and its rows in order."""
    vandaag = timezone.localdate()
    context = {"sluitingsdagen": kalender.sluitingsdagen(), "instelling": Regioinstelling.huidige()}
    blad = Paginator(volgorde(trajecten, vandaag, **context), per_pagina).get_page(nummer)
    plaats = {pk: i for i, pk in enumerate(blad)}
    gelezen = rijen(trajecten.model.objects.filter(pk__in=list(blad)), vandaag, **context)
    return blad, sorted(gelezen, key=lambda r: plaats[r.traject.pk])


def volgorde(trajecten, vandaag=None, *, sluitingsdagen=None, instelling=None) -> list[int]:
    """The ids of all these trajectories in the worklist's order, from one query of the fields
    the deadlines need (no rows of objects)."""
    vandaag = vandaag or timezone.localdate()
    sluitingsdagen = kalender.sluitingsdagen() if sluitingsdagen is None else sluitingsdagen
    instelling = instelling or Regioinstelling.huidige()
    sleutels = []
    for t in _velden(trajecten):
        regie_bij_gi = t["gedwongen_kader"] or t["gezag_derden"]
        termijnen = _termijnen(
            bron=t["bron"],
            startdatum=t["startdatum"],
            einddatum=t["einddatum"],
            geboortedatum=t["geboortedatum"],
            regie_bij_gi=regie_bij_gi,
            eerste_regisseur_van=t["eerste_regisseur_van"],
            plan_op=t["plan_op"],
            evaluatie_op=t["evaluatie_op"],
            na18_op=t["na18_op"],
            vandaag=vandaag,
            sluitingsdagen=sluitingsdagen,
            instelling=instelling,
        )
        sleutels.append((_volgorde_sleutel(regie_bij_gi, t["heeft_regisseur"], termijnen, t["startdatum"]), t["id"]))
    sleutels.sort()
    return [pk for _, pk in sleutels]


def rijen(trajecten, vandaag=None, *, sluitingsdagen=None, instelling=None) -> list[Rij]:
    vandaag = vandaag or timezone.localdate()
    trajecten = trajecten.select_related("jeugdige", "gemeente").prefetch_related(
        Prefetch("regisseurschappen", queryset=Regisseurschap.objects.select_related("regisseur")),
        Prefetch("plannen", queryset=Perspectiefplan.objects.order_by("vastgesteld_op", "id")),
        Prefetch("verblijven", queryset=Verblijf.objects.order_by("startdatum", "id")),
    )
    uit = []
    sluitingsdagen = kalender.sluitingsdagen() if sluitingsdagen is None else sluitingsdagen
    instelling = instelling or Regioinstelling.huidige()
    for t in trajecten:
        actief = next((r for r in t.regisseurschappen.all() if r.tot is None), None)
        eerste = next(iter(t.regisseurschappen.all()), None)
        plannen = list(t.plannen.all())
        perspectief = next((p for p in plannen if p.soort == "perspectief"), None)
        na18 = next((p for p in plannen if p.soort == "na_18"), None)
        verblijven = list(t.verblijven.all())
        uit.append(
            Rij(
                traject=t,
                regisseur=actief.regisseur if actief else None,
                plan=perspectief,
                verblijven=verblijven,
                lopend_verblijf=any(v.einddatum is None for v in verblijven),
                **_termijnen(
                    bron=t.bron,
                    startdatum=t.startdatum,
                    einddatum=t.einddatum,
                    geboortedatum=t.jeugdige.geboortedatum,
                    regie_bij_gi=t.regie_bij_gi,
                    eerste_regisseur_van=eerste.van if eerste else None,
                    plan_op=perspectief.vastgesteld_op if perspectief else None,
                    evaluatie_op=perspectief.evaluatie_op if perspectief else None,
                    na18_op=na18.vastgesteld_op if na18 else None,
                    vandaag=vandaag,
                    sluitingsdagen=sluitingsdagen,
                    instelling=instelling,
                ),
            )
        )
    return uit
