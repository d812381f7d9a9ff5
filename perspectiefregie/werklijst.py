"""The worklist rows: each trajectory with its regisseur and deadlines, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from kern import kalender

from . import regels
from .models import Perspectiefplan, Regisseurschap, Traject


@dataclass
class Rij:
    traject: Traject
    regisseur: object | None
    regisseur_uiterlijk: object
    regisseur_status: str
    plan_uiterlijk: object
    plan_status: str
    na18_uiterlijk: object | None
    na18_status: str | None
    evaluatie: object | None
    evaluatie_status: str | None

    @property
    def signaal(self) -> bool:
        return "verlopen" in (self.regisseur_status, self.plan_status, self.na18_status, self.evaluatie_status)


def rijen(trajecten, vandaag=None) -> list[Rij]:
    vandaag = vandaag or timezone.localdate()
    trajecten = trajecten.select_related("jeugdige", "gemeente").prefetch_related(
        Prefetch("regisseurschappen", queryset=Regisseurschap.objects.select_related("regisseur")),
        Prefetch("plannen", queryset=Perspectiefplan.objects.order_by("vastgesteld_op")),
    )
    uit = []
    sluitingsdagen = kalender.sluitingsdagen()
    for t in trajecten:
        actief = next((r for r in t.regisseurschappen.all() if r.tot is None), None)
        eerste = next(iter(t.regisseurschappen.all()), None)
        plannen = list(t.plannen.all())
        perspectief = next((p for p in plannen if p.soort == "perspectief"), None)
        na18 = next((p for p in plannen if p.soort == "na_18"), None)
        r_uiterlijk = regels.regisseur_uiterlijk(t.startdatum, sluitingsdagen)
        p_uiterlijk = regels.plan_uiterlijk(t.bron, t.startdatum)
        n_uiterlijk = regels.na_18_plan_uiterlijk(t.jeugdige.geboortedatum, t.startdatum)
        # The plan for life after 18 shows from a year before it is due, while the youth is in care.
        in_zorg_bij_16 = (
            t.einddatum is None or n_uiterlijk <= t.einddatum
        ) and n_uiterlijk <= vandaag + datetime.timedelta(days=365)
        evaluatie = plannen[-1].volgende_evaluatie if plannen else None
        uit.append(
            Rij(
                traject=t,
                regisseur=actief.regisseur if actief else None,
                regisseur_uiterlijk=r_uiterlijk,
                regisseur_status=regels.status(r_uiterlijk, eerste.van if eerste else None, vandaag),
                plan_uiterlijk=p_uiterlijk,
                plan_status=regels.status(p_uiterlijk, perspectief.vastgesteld_op if perspectief else None, vandaag),
                na18_uiterlijk=n_uiterlijk if in_zorg_bij_16 else None,
                na18_status=regels.status(n_uiterlijk, na18.vastgesteld_op if na18 else None, vandaag)
                if in_zorg_bij_16
                else None,
                evaluatie=evaluatie,
                evaluatie_status=regels.status(evaluatie, None, vandaag) if evaluatie else None,
            )
        )
    return uit
