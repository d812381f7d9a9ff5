"""Corrections of a perspective plan and its evaluation (#12.6), part of perspective direction's services.

Recording the plan again (plan_vastleggen, or the CCP's plan date) updates the one record and the
history keeps the earlier version; a correction of a wrong date or text goes through here: by the
regisseur's team, with a required reason, in one transaction, audited. Every deadline view reads
the corrected record.
"""

from django.db import transaction

from audit.models import Actie
from audit.services import log
from kern import geschiedenis
from kern.fouten import veldfout

from . import services
from .models import Perspectiefplan

PLAN_VELDEN = {
    "vastgesteld_op": "Vastgesteld op",
    "evaluatie_op": "Evaluatie gehouden op",
    "doelen": "Doelen",
    "terugkeer": "Perspectief op terugkeer",
    "wie_doet_wat": "Wie doet wat",
    "wonen": "Wonen",
    "inkomen": "Inkomen",
    "school_werk": "School of werk",
    "zorg_18plus": "Zorg na 18",
    "volgende_evaluatie": "Volgende evaluatie",
}


@transaction.atomic
def plan_corrigeren(user, plan: Perspectiefplan, *, reden: str, request=None, **nieuw) -> Perspectiefplan:
    """Correct the plan's dates or texts; only fields that differ count as a correction."""
    reden = geschiedenis.reden_verplicht(reden)
    plan = Perspectiefplan.objects.select_for_update().select_related("traject__jeugdige").get(pk=plan.pk)
    geschiedenis.nulmeting(plan)
    gewijzigd = [v for v, w in nieuw.items() if v in PLAN_VELDEN and w is not None and w != getattr(plan, v)]
    if not gewijzigd:
        raise geschiedenis.geen_wijziging()
    for veld in gewijzigd:
        setattr(plan, veld, nieuw[veld])
    services._valideer_datums(plan.traject, plan.vastgesteld_op, plan.evaluatie_op)
    if plan.soort == Perspectiefplan.Soort.PERSPECTIEF and not plan.terugkeer.strip() and "terugkeer" in gewijzigd:
        raise veldfout("terugkeer", "Het perspectief op terugkeer naar huis hoort in elk plan.")
    geschiedenis.opslaan_met_reden(plan, user, reden, gewijzigd)
    log(user, Actie.WIJZIGEN, "perspectiefregie.plan.correctie", plan.traject, plan.traject.jeugdige, request)
    return plan


def geschiedenis_van(plannen) -> list[geschiedenis.Versie]:
    """Every change of the trajectory's plans, newest first (one query): a plan recorded again
    shows its earlier version too, with or without a reason."""
    namen = {p.pk: p.get_soort_display() for p in plannen}
    rijen = Perspectiefplan.history.filter(id__in=list(namen)).select_related("history_user")
    return geschiedenis.versies(rijen, PLAN_VELDEN, lambda r: namen.get(r.id, "Plan"), alle_wijzigingen=True)
