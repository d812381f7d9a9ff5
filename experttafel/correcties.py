"""Corrections of a registered follow-up of the advice (#12.6), part of the expert table's services.

The submitting side records each party's follow-up; when it turns out wrong (followed or not,
the motivation) that side corrects it with a required reason, in one transaction, audited. The
earlier version stays in the history (django-simple-history) and the figures on advice followed
read the corrected record.
"""

from django.db import transaction

from audit.models import Actie
from audit.services import log
from kern import geschiedenis
from kern.fouten import Conflict, veldfout

from .models import Casus, Opvolging

OPVOLGING_VELDEN = {"opgevolgd": "Advies opgevolgd", "motivering": "Motivering"}


@transaction.atomic
def opvolging_corrigeren(
    user, casus: Casus, *, reden: str, aanbieder=None, opgevolgd: bool | None = None, motivering=None, request=None
) -> Opvolging:
    """Correct one party's follow-up (`aanbieder` None: the municipality)."""
    reden = geschiedenis.reden_verplicht(reden)
    opvolging = (
        Opvolging.objects.select_for_update(of=("self",))
        .select_related("casus__jeugdige")
        .filter(casus=casus, aanbieder=aanbieder)
        .first()
    )
    if opvolging is None:
        raise Conflict("Voor deze partij is nog geen opvolging vastgelegd: leg die eerst vast.")
    geschiedenis.nulmeting(opvolging)
    gewijzigd = []
    if opgevolgd is not None and opgevolgd != opvolging.opgevolgd:
        opvolging.opgevolgd = opgevolgd
        gewijzigd.append("opgevolgd")
    if motivering is not None and motivering.strip() != opvolging.motivering:
        opvolging.motivering = motivering.strip()
        gewijzigd.append("motivering")
    if opvolging.opgevolgd:
        if opvolging.motivering and "motivering" not in gewijzigd:
            opvolging.motivering = ""  # following the advice needs no motivation
            gewijzigd.append("motivering")
    elif not opvolging.motivering:
        raise veldfout("motivering", "Het advies is bepalend: wie ervan afwijkt, motiveert dat.")
    geschiedenis.opslaan_met_reden(opvolging, user, reden, gewijzigd)
    log(user, Actie.WIJZIGEN, "experttafel.opvolging.correctie", casus, opvolging.casus.jeugdige, request)
    return opvolging


def geschiedenis_van(casus: Casus) -> list[geschiedenis.Versie]:
    """The corrections of the case's follow-ups, newest first (one query)."""
    namen = {o.pk: o.partij for o in casus.opvolgingen.all()}
    rijen = Opvolging.history.filter(id__in=list(namen)).select_related("history_user")
    weergave = {"opgevolgd": lambda w: "ja" if w else "nee"}
    return geschiedenis.versies(rijen, OPVOLGING_VELDEN, lambda r: f"Opvolging {namen.get(r.id, '')}", weergave)
