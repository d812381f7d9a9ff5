"""Corrections of the service point's registered facts (#12.6), part of its services.

A wrong date of a decision, of the start of ambulant help or of a placement, or a wrong
follow-up, is corrected by the roles that register them (access team, service point) with a
required reason, in one transaction, audited; the earlier value stays in the record's history
(django-simple-history) and the two-week rule and figures follow the corrected value.
"""


from django.db import transaction

from audit.models import Actie
from audit.services import log
from kern import bezetting, datums, geschiedenis, plekdagen
from kern.fouten import Conflict, veldfout
from perspectiefregie import services as perspectiefregie

from .models import Beschikking, Plaatsing

BESCHIKKING_VELDEN = {
    "afgegeven_op": "Datum afgifte",
    "ambulant_gestart_op": "Ambulante hulp gestart op",
    "verwachte_start": "Verwachte start",
}
PLAATSING_VELDEN = {"startdatum": "Startdatum", "einddatum": "Einddatum", "vervolg": "Vervolg"}


@transaction.atomic
def beschikking_corrigeren(user, beschikking: Beschikking, *, reden: str, request=None, **nieuw) -> Beschikking:
    """Correct afgegeven_op, ambulant_gestart_op or verwachte_start of a decision."""
    reden = geschiedenis.reden_verplicht(reden)
    b = Beschikking.objects.select_for_update().select_related("jeugdige").get(pk=beschikking.pk)
    geschiedenis.nulmeting(b)
    gewijzigd = []
    afgegeven = nieuw.get("afgegeven_op") or b.afgegeven_op
    if nieuw.get("afgegeven_op") is not None:
        datums.feit(afgegeven, "afgegeven_op")
        if afgegeven < b.jeugdige.geboortedatum:
            raise veldfout("afgegeven_op", "De beschikking kan niet vóór de geboortedatum zijn afgegeven.")
        eerste = min(
            [p.startdatum for p in b.plaatsingen.all()] + [o.startdatum for o in b.overbruggingen.all()], default=None
        )
        if eerste and afgegeven > eerste:
            raise veldfout(
                "afgegeven_op", f"Er is al hulp of een plaatsing gestart op {eerste:%d-%m-%Y}, vóór deze datum."
            )
        if afgegeven != b.afgegeven_op:
            b.afgegeven_op = afgegeven
            gewijzigd.append("afgegeven_op")
    if nieuw.get("ambulant_gestart_op") is not None:
        datum = nieuw["ambulant_gestart_op"]
        datums.feit(datum, "ambulant_gestart_op")
        if b.ambulant_gestart_op is None:
            raise Conflict("Er is nog geen start van ambulante hulp vastgelegd: leg die eerst vast.")
        if datum != b.ambulant_gestart_op:
            b.ambulant_gestart_op = datum
            gewijzigd.append("ambulant_gestart_op")
    if b.ambulant_gestart_op and b.ambulant_gestart_op < afgegeven:
        raise veldfout("ambulant_gestart_op", "De hulp kan niet vóór de beschikking zijn gestart.")
    if nieuw.get("verwachte_start") is not None and nieuw["verwachte_start"] != b.verwachte_start:
        b.verwachte_start = nieuw["verwachte_start"]
        gewijzigd.append("verwachte_start")
    geschiedenis.opslaan_met_reden(b, user, reden, gewijzigd)
    log(user, Actie.WIJZIGEN, "servicepunt.beschikking.correctie", b, b.jeugdige, request)
    return b


@transaction.atomic
def plaatsing_corrigeren(user, plaatsing: Plaatsing, *, reden: str, request=None, **nieuw) -> Plaatsing:
    """Correct startdatum, einddatum or vervolg of a placement; capacity holds on every added day."""
    reden = geschiedenis.reden_verplicht(reden)
    p = Plaatsing.objects.select_for_update().select_related("beschikking__jeugdige").get(pk=plaatsing.pk)
    geschiedenis.nulmeting(p)
    gewijzigd = []
    start = nieuw.get("startdatum") or p.startdatum
    eind = nieuw.get("einddatum") or p.einddatum
    if nieuw.get("startdatum") is not None:
        datums.feit(start, "startdatum")
        if start < p.beschikking.afgegeven_op:
            raise veldfout("startdatum", "Een plaatsing kan niet vóór de beschikking beginnen.")
        if start != p.startdatum:
            gewijzigd.append("startdatum")
    plekdagen.einddatum_corrigeren(
        p.einddatum,
        nieuw.get("einddatum"),
        start,
        gewijzigd,
        loopt_nog="Deze plaatsing loopt nog: beëindig haar in plaats van de einddatum te corrigeren.",
    )
    if nieuw.get("vervolg") not in (None, ""):
        if p.einddatum is None:
            raise Conflict("Deze plaatsing loopt nog: het vervolg wordt vastgelegd bij het beëindigen.")
        if nieuw["vervolg"].strip() != p.vervolg:
            p.vervolg = nieuw["vervolg"].strip()
            gewijzigd.append("vervolg")
    if not gewijzigd:
        raise geschiedenis.geen_wijziging()
    if {"startdatum", "einddatum"} & set(gewijzigd) and p.voorziening_id:  # outside the region: no capacity here
        vraag = bezetting.Plaatsvraag(
            voorziening_id=p.voorziening_id,
            geboortedatum=p.beschikking.jeugdige.geboortedatum,
            startdatum=start,
            einddatum=eind,
        )
        plekdagen.correctie_past(p.voorziening_id, vraag, (p.startdatum, p.einddatum))
    p.startdatum, p.einddatum = start, eind
    geschiedenis.opslaan_met_reden(p, user, reden, gewijzigd)
    corrigeer = getattr(perspectiefregie, "verblijf_gecorrigeerd", None)
    if corrigeer is not None and {"startdatum", "einddatum"} & set(gewijzigd):
        corrigeer(bron="plaatsing", bron_id=p.pk, startdatum=p.startdatum, einddatum=p.einddatum)
    log(user, Actie.WIJZIGEN, "servicepunt.plaatsing.correctie", p, p.beschikking.jeugdige, request)
    return p


def geschiedenis_van(beschikking: Beschikking, plaatsingen: list[Plaatsing]) -> list[geschiedenis.Versie]:
    """The corrections of a decision and its placements, newest first (two queries)."""
    namen = {p.pk: p.plek for p in plaatsingen}
    rijen_b = Beschikking.history.filter(id=beschikking.pk).select_related("history_user")
    rijen_p = Plaatsing.history.filter(id__in=list(namen)).select_related("history_user")
    return sorted(
        geschiedenis.versies(rijen_b, BESCHIKKING_VELDEN, lambda r: "Beschikking")
        + geschiedenis.versies(rijen_p, PLAATSING_VELDEN, lambda r: f"Plaatsing {namen.get(r.id, '')}".strip()),
        key=lambda v: v.datum,
        reverse=True,
    )
