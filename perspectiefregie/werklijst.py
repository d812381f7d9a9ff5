"""The worklist rows: each trajectory with its regisseur and deadlines, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
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


def rijen(trajecten, vandaag=None) -> list[Rij]:
    vandaag = vandaag or timezone.localdate()
    trajecten = trajecten.select_related("jeugdige", "gemeente").prefetch_related(
        Prefetch("regisseurschappen", queryset=Regisseurschap.objects.select_related("regisseur")),
        Prefetch("plannen", queryset=Perspectiefplan.objects.order_by("vastgesteld_op", "id")),
        Prefetch("verblijven", queryset=Verblijf.objects.order_by("startdatum", "id")),
    )
    uit = []
    sluitingsdagen = kalender.sluitingsdagen()
    instelling = Regioinstelling.huidige()
    for t in trajecten:
        actief = next((r for r in t.regisseurschappen.all() if r.tot is None), None)
        eerste = next(iter(t.regisseurschappen.all()), None)
        plannen = list(t.plannen.all())
        perspectief = next((p for p in plannen if p.soort == "perspectief"), None)
        na18 = next((p for p in plannen if p.soort == "na_18"), None)
        r_uiterlijk = regels.regisseur_uiterlijk(t.startdatum, sluitingsdagen)
        p_uiterlijk = regels.plan_uiterlijk(t.bron, t.startdatum)
        n_uiterlijk = regels.na_18_plan_uiterlijk(
            t.jeugdige.geboortedatum,
            t.startdatum,
            vanaf_leeftijd=instelling.na_18_vanaf_leeftijd,
            dagen_na_opname=instelling.na_18_dagen_na_opname,
        )
        # The plan for life after 18 shows from a year before it is due, while the youth is in care.
        in_zorg_bij_16 = (
            t.einddatum is None or n_uiterlijk <= t.einddatum
        ) and n_uiterlijk <= vandaag + datetime.timedelta(days=365)
        verblijven = list(t.verblijven.all())
        uit.append(
            Rij(
                traject=t,
                regisseur=actief.regisseur if actief else None,
                regisseur_uiterlijk=r_uiterlijk,
                # Where the GI holds the direction, a missing municipal regisseur is no signal.
                regisseur_status=None
                if t.regie_bij_gi
                else regels.status(r_uiterlijk, eerste.van if eerste else None, vandaag),
                plan_uiterlijk=p_uiterlijk,
                plan_status=regels.status(p_uiterlijk, perspectief.vastgesteld_op if perspectief else None, vandaag),
                plan=perspectief,
                na18_uiterlijk=n_uiterlijk if in_zorg_bij_16 else None,
                na18_status=regels.status(n_uiterlijk, na18.vastgesteld_op if na18 else None, vandaag)
                if in_zorg_bij_16
                else None,
                # The evaluation within two weeks of admission, recorded beside the plan.
                evaluatie_uiterlijk=p_uiterlijk,
                evaluatie_status=regels.status(p_uiterlijk, perspectief.evaluatie_op if perspectief else None, vandaag),
                verblijven=verblijven,
                lopend_verblijf=any(v.einddatum is None for v in verblijven),
            )
        )
    return uit
