"""Perspective direction's public face. The crisis and service-point apps call open_traject and
sluit_traject explicitly when a stay begins or ends; nothing happens through hidden signals."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Rol
from audit.models import Actie
from audit.services import log
from kern.fouten import Conflict, veldfout
from kern.models import Gemeente, Jeugdige

from .models import Jim, Perspectiefplan, Regisseurschap, Traject


def open_traject(
    *, jeugdige: Jeugdige, gemeente: Gemeente, bron: str, bron_id: int, startdatum: datetime.date
) -> Traject:
    """Called when a stay starts. Idempotent per stay; the compulsory framework is kept but marked."""
    traject, _ = Traject.objects.get_or_create(
        bron=bron,
        bron_id=bron_id,
        defaults={
            "jeugdige": jeugdige,
            "gemeente": gemeente,
            "startdatum": startdatum,
            "gedwongen_kader": jeugdige.kader == Jeugdige.Kader.GEDWONGEN,
        },
    )
    return traject


def sluit_traject(*, bron: str, bron_id: int, einddatum: datetime.date) -> Traject | None:
    """Called when a stay ends: the trajectory and its active regisseur end with it."""
    traject = Traject.objects.select_for_update().filter(bron=bron, bron_id=bron_id, einddatum__isnull=True).first()
    if traject is None:
        return None
    traject.einddatum = einddatum
    traject.save(update_fields=["einddatum"])
    traject.regisseurschappen.filter(tot__isnull=True).update(tot=einddatum)
    return traject


@transaction.atomic
def wijs_regisseur_toe(
    user, traject: Traject, *, regisseur, reden: str = "", datum: datetime.date | None = None, request=None
) -> Regisseurschap:
    """Exactly one active regisseur: a handover ends the previous one and records why."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    datum = datum or timezone.localdate()
    if traject.einddatum is not None:
        raise Conflict("Dit traject is afgesloten.")
    if traject.gedwongen_kader:
        raise Conflict("In een gedwongen kader voert de GI de regie.")
    if regisseur.rol != Rol.TOEGANG or regisseur.gemeente_id != traject.gemeente_id:
        raise veldfout(
            "regisseur", "De regisseur is een medewerker van de lokale toegang van de gemeente van de jeugdige."
        )
    huidig = traject.regisseurschappen.filter(tot__isnull=True).first()
    if huidig is not None:
        if huidig.regisseur_id == regisseur.pk:
            raise Conflict("Deze medewerker is al de regisseur.")
        if not reden.strip():
            raise veldfout("reden", "Leg vast waarom de regisseur wisselt: wisselingen worden gevolgd.")
        huidig.tot = datum
        huidig.save(update_fields=["tot"])
    try:
        with transaction.atomic():
            nieuw = Regisseurschap.objects.create(
                traject=traject, regisseur=regisseur, van=datum, reden=reden.strip(), toegewezen_door=user
            )
    except IntegrityError as exc:  # a concurrent assignment won the race
        raise Conflict("Er is zojuist al een regisseur toegewezen; ververs de werklijst.") from exc
    log(user, Actie.WIJZIGEN, "perspectiefregie.regisseur", traject, traject.jeugdige, request)
    return nieuw


@transaction.atomic
def plan_vastleggen(
    user, traject: Traject, *, soort: str, vastgesteld_op: datetime.date, request=None, **velden
) -> Perspectiefplan:
    if vastgesteld_op < traject.startdatum:
        raise veldfout("vastgesteld_op", "Het plan kan niet vóór de start van het verblijf zijn vastgesteld.")
    if soort == Perspectiefplan.Soort.PERSPECTIEF and not velden.get("terugkeer", "").strip():
        raise veldfout("terugkeer", "Het perspectief op terugkeer naar huis hoort in elk plan.")
    plan = Perspectiefplan.objects.create(
        traject=traject, soort=soort, vastgesteld_op=vastgesteld_op, opgesteld_door=user, **velden
    )
    if traject.bron == Traject.Bron.CRISIS and soort == Perspectiefplan.Soort.PERSPECTIEF:
        # The CCP counts the same plan in its figures: tell the crisis app explicitly.
        from crisis import services as crisis

        crisis.perspectiefplan_overnemen(traject.bron_id, vastgesteld_op)
    log(user, Actie.AANMAKEN, "perspectiefregie.plan", traject, traject.jeugdige, request)
    return plan


def jim_vastleggen(user, traject: Traject, request=None, **gegevens) -> Jim:
    jim, _ = Jim.objects.update_or_create(traject=traject, defaults=gegevens)
    log(user, Actie.WIJZIGEN, "perspectiefregie.jim", traject, traject.jeugdige, request)
    return jim


def tijdlijn(jeugdige: Jeugdige) -> list[tuple]:
    """The youth's path across the functions, oldest first: (datum, wat)."""
    from crisis.models import Inzet
    from experttafel.models import Casus

    items = []
    for inzet in Inzet.objects.filter(aanmelding__jeugdige=jeugdige).select_related("hulpvorm", "voorziening"):
        items.append(
            (
                inzet.startdatum,
                f"Crisishulp: {inzet.hulpvorm.label}" + (f" in {inzet.voorziening}" if inzet.voorziening else ""),
            )
        )
        if inzet.einddatum:
            items.append((inzet.einddatum, f"Einde crisishulp: {inzet.hulpvorm.label}"))
    for casus in Casus.objects.filter(jeugdige=jeugdige):
        items.append(
            (casus.ingediend_op.date(), f"Ingebracht bij de experttafel: {casus.get_status_display().lower()}")
        )
    try:
        from servicepunt.models import Plaatsing

        for p in Plaatsing.objects.filter(beschikking__jeugdige=jeugdige).select_related("voorziening"):
            items.append((p.startdatum, f"Geplaatst in {p.voorziening}"))
            if p.einddatum:
                items.append((p.einddatum, f"Einde plaatsing in {p.voorziening}"))
    except ImportError:
        pass
    return sorted((i for i in items if i[0]), key=lambda i: i[0])
