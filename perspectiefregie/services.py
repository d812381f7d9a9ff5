"""Perspective direction's public face. The crisis and service-point apps call open_traject and
sluit_traject explicitly when a stay begins or ends; nothing happens through hidden signals."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import DateField, Subquery
from django.utils import timezone

from accounts.models import Rol
from audit.models import Actie
from audit.services import log
from kern.fouten import Conflict, veldfout
from kern.models import Gemeente, Jeugdige

from . import regels
from .models import Jim, Perspectiefplan, Regisseurschap, Traject, Verblijf


@transaction.atomic
def open_traject(
    *,
    jeugdige: Jeugdige,
    gemeente: Gemeente,
    bron: str,
    bron_id: int,
    startdatum: datetime.date,
    gezag_derden: bool = False,
) -> Traject:
    """Called when a stay starts. A stay that starts while the youth's trajectory is open joins
    it (the regisseur stays); otherwise it opens the next period of care. Idempotent per stay."""
    bestaand = Verblijf.objects.filter(soort=bron, verblijf_id=bron_id).select_related("traject").first()
    if bestaand is not None:
        return bestaand.traject
    gedwongen = jeugdige.kader == Jeugdige.Kader.GEDWONGEN
    derden = gezag_derden or jeugdige.gezag == Jeugdige.Gezag.DERDEN
    # One path per youth and municipality: the open trajectory may hang on another linked record
    # of the same person in this municipality (e.g. a GI's referral, then the municipality's
    # placement); never on another municipality's.
    traject = (
        Traject.objects.select_for_update()
        .filter(jeugdige__in=Jeugdige.objects.zelfde_persoon(jeugdige), gemeente=gemeente, einddatum__isnull=True)
        .order_by("startdatum", "id")
        .first()
    )
    if traject is None:
        try:
            with transaction.atomic():
                traject = Traject.objects.create(
                    jeugdige=jeugdige,
                    gemeente=gemeente,
                    bron=bron,
                    startdatum=startdatum,
                    gedwongen_kader=gedwongen,
                    gezag_derden=derden,
                )
        except IntegrityError:  # a concurrent stay opened it first: join that one
            traject = Traject.objects.select_for_update().get(jeugdige=jeugdige, einddatum__isnull=True)
    wijzig = []
    if startdatum < traject.startdatum:  # a stay registered afterwards with an earlier start
        traject.startdatum, traject.bron = startdatum, bron
        wijzig += ["startdatum", "bron"]
    if gedwongen and not traject.gedwongen_kader:
        traject.gedwongen_kader = True
        wijzig.append("gedwongen_kader")
    if derden and not traject.gezag_derden:
        traject.gezag_derden = True
        wijzig.append("gezag_derden")
    if wijzig:
        traject.save(update_fields=wijzig)
    Verblijf.objects.create(traject=traject, soort=bron, verblijf_id=bron_id, startdatum=startdatum)
    return traject


@transaction.atomic
def sluit_traject(
    *, bron: str, bron_id: int, einddatum: datetime.date, vervolg: str = "", naar_huis: bool | None = None
) -> Traject | None:
    """Called when a stay ends. The trajectory closes only when no other stay runs and the youth
    goes home (the crisis follow-up code says so, or the caller does); otherwise the period of
    care goes on and so does the regisseur."""
    verblijf = Verblijf.objects.select_for_update().filter(soort=bron, verblijf_id=bron_id).first()
    if verblijf is None:
        return None
    verblijf.einddatum = einddatum
    verblijf.save(update_fields=["einddatum"])
    traject = Traject.objects.select_for_update().get(pk=verblijf.traject_id)
    if naar_huis is None:
        naar_huis = regels.naar_huis(vervolg)
    if traject.einddatum is None and naar_huis and not traject.verblijven.filter(einddatum__isnull=True).exists():
        _sluit(traject, einddatum, Traject.Sluitreden.THUIS)
    return traject


@transaction.atomic
def verblijf_gecorrigeerd(
    *, bron: str, bron_id: int, startdatum: datetime.date, einddatum: datetime.date | None
) -> Traject | None:
    """A stay's dates were corrected (crisis/servicepunt correcties): the trajectory follows.
    It opens with its earliest stay; a trajectory closed at this stay's end closes at the new end."""
    verblijf = Verblijf.objects.select_for_update().filter(soort=bron, verblijf_id=bron_id).first()
    if verblijf is None:
        return None
    oud_einde = verblijf.einddatum
    verblijf.startdatum, verblijf.einddatum = startdatum, einddatum
    verblijf.save(update_fields=["startdatum", "einddatum"])
    traject = Traject.objects.select_for_update().get(pk=verblijf.traject_id)
    wijzig = []
    eerste = traject.verblijven.order_by("startdatum").values_list("startdatum", flat=True).first()
    if eerste and eerste != traject.startdatum:
        traject.startdatum = eerste
        wijzig.append("startdatum")
    if traject.einddatum is not None and einddatum is not None and traject.einddatum == oud_einde:
        traject.einddatum = einddatum
        wijzig.append("einddatum")
        traject.regisseurschappen.filter(tot=oud_einde).update(tot=einddatum)
    if wijzig:
        traject.save(update_fields=wijzig)
    return traject


def _sluit(traject: Traject, datum: datetime.date, reden: str) -> None:
    traject.einddatum, traject.sluitreden = datum, reden
    traject.save(update_fields=["einddatum", "sluitreden"])
    traject.regisseurschappen.filter(tot__isnull=True).update(tot=datum)


@transaction.atomic
def traject_sluiten(user, traject: Traject, *, datum: datetime.date, reden: str, request=None) -> Traject:
    """The regisseur closes the period of care: the youth is home, or 18+ without care."""
    traject = Traject.objects.select_for_update().select_related("jeugdige").get(pk=traject.pk)
    if traject.einddatum is not None:
        raise Conflict("Dit traject is al afgesloten.")
    if reden not in (Traject.Sluitreden.THUIS, Traject.Sluitreden.VOLWASSEN):
        raise veldfout("reden", "Kies: de jeugdige is thuis, of 18 jaar of ouder zonder zorg.")
    if datum > timezone.localdate():
        raise veldfout("datum", "Een traject kan niet in de toekomst worden afgesloten.")
    if datum < traject.startdatum:
        raise veldfout("datum", "De datum ligt vóór de start van het traject.")
    if traject.verblijven.filter(einddatum__isnull=True).exists():
        raise Conflict("Er loopt nog een verblijf: het traject sluit pas als de jeugdige thuis is.")
    laatste = traject.verblijven.order_by("-einddatum").values_list("einddatum", flat=True).first()
    if laatste and datum < laatste:
        raise veldfout("datum", "De datum ligt vóór het einde van het laatste verblijf.")
    if reden == Traject.Sluitreden.VOLWASSEN and traject.jeugdige.leeftijd(datum) < 18:
        raise veldfout("reden", "De jeugdige is op die datum nog geen 18.")
    _sluit(traject, datum, reden)
    log(user, Actie.WIJZIGEN, "perspectiefregie.traject", traject, traject.jeugdige, request)
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
    if traject.regie_bij_gi:
        raise Conflict("In een gedwongen kader of bij gezag door derden voert de GI de regie.")
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


def perspectiefplan(traject: Traject) -> Perspectiefplan | None:
    """The trajectory's one perspective plan (with its evaluation), whoever recorded it."""
    return traject.plannen.filter(soort=Perspectiefplan.Soort.PERSPECTIEF).order_by("vastgesteld_op", "id").first()


def _valideer_datums(traject: Traject, vastgesteld_op: datetime.date, evaluatie_op: datetime.date | None) -> None:
    if vastgesteld_op < traject.startdatum:
        raise veldfout("vastgesteld_op", "Het plan kan niet vóór de start van het verblijf zijn vastgesteld.")
    if vastgesteld_op > timezone.localdate():
        raise veldfout("vastgesteld_op", "Een plan kan niet in de toekomst zijn vastgesteld.")
    if evaluatie_op is not None:
        if evaluatie_op < traject.startdatum:
            raise veldfout("evaluatie_op", "De evaluatie kan niet vóór de opname zijn gehouden.")
        if evaluatie_op > timezone.localdate():
            raise veldfout("evaluatie_op", "Een evaluatie kan niet in de toekomst zijn gehouden.")


@transaction.atomic
def plan_vastleggen(
    user,
    traject: Traject,
    *,
    soort: str,
    vastgesteld_op: datetime.date,
    evaluatie_op: datetime.date | None = None,
    request=None,
    **velden,
) -> Perspectiefplan:
    """One record per kind of plan in the period of care: recording it again updates that record,
    also when the CCP recorded its date first."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    _valideer_datums(traject, vastgesteld_op, evaluatie_op)
    if soort == Perspectiefplan.Soort.PERSPECTIEF and not velden.get("terugkeer", "").strip():
        raise veldfout("terugkeer", "Het perspectief op terugkeer naar huis hoort in elk plan.")
    plan = traject.plannen.filter(soort=soort).order_by("vastgesteld_op", "id").first()
    if plan is None:
        plan = Perspectiefplan(traject=traject, soort=soort, opgesteld_door=user)
    plan.vastgesteld_op = vastgesteld_op
    if evaluatie_op is not None:
        plan.evaluatie_op = evaluatie_op
    for veld, waarde in velden.items():
        setattr(plan, veld, waarde)
    plan.save()
    log(user, Actie.WIJZIGEN, "perspectiefregie.plan", traject, traject.jeugdige, request)
    return plan


@transaction.atomic
def plan_van_verblijf_vastleggen(
    user,
    *,
    soort: str,
    verblijf_id: int,
    vastgesteld_op: datetime.date,
    evaluatie_op: datetime.date | None = None,
    request=None,
) -> Perspectiefplan:
    """The CCP records the plan (and evaluation) date of a crisis stay: the same record as the
    regisseur's plan of the trajectory that stay belongs to. The content stays the regisseur's."""
    verblijf = Verblijf.objects.filter(soort=soort, verblijf_id=verblijf_id).select_related("traject").first()
    if verblijf is None:
        raise Conflict("Dit verblijf hoort bij geen traject perspectiefregie.")
    traject = Traject.objects.select_for_update().select_related("jeugdige").get(pk=verblijf.traject_id)
    _valideer_datums(traject, vastgesteld_op, evaluatie_op)
    if vastgesteld_op < verblijf.startdatum:
        raise veldfout("vastgesteld_op", "Het plan kan niet vóór de opname zijn vastgesteld.")
    plan = perspectiefplan(traject)
    if plan is None:
        plan = Perspectiefplan(traject=traject, soort=Perspectiefplan.Soort.PERSPECTIEF, opgesteld_door=user)
    plan.vastgesteld_op = vastgesteld_op
    if evaluatie_op is not None:
        plan.evaluatie_op = evaluatie_op
    plan.save()
    log(user, Actie.WIJZIGEN, "perspectiefregie.plan", traject, traject.jeugdige, request)
    return plan


def plan_van_verblijf(soort: str, verblijf_id: int) -> Perspectiefplan | None:
    """The plan of the trajectory a stay belongs to, for the crisis app's pages and API."""
    return (
        Perspectiefplan.objects.filter(
            soort=Perspectiefplan.Soort.PERSPECTIEF,
            traject__verblijven__soort=soort,
            traject__verblijven__verblijf_id=verblijf_id,
        )
        .order_by("vastgesteld_op", "id")
        .first()
    )


def plannen_van_verblijf(soort: str, verblijf_ref):
    """The perspective plans of a stay's trajectory (verblijf_ref: e.g. OuterRef("pk") of an
    Inzet), for Exists() in figures: one place for which plan belongs to a stay."""
    return Perspectiefplan.objects.filter(
        soort=Perspectiefplan.Soort.PERSPECTIEF,
        traject__verblijven__soort=soort,
        traject__verblijven__verblijf_id=verblijf_ref,
    )


def plandatum_van_verblijf(soort: str, verblijf_ref) -> Subquery:
    """The same plan date as an SQL expression (verblijf_ref: e.g. OuterRef("pk") of an Inzet),
    so lists and figures read the one record in one query."""
    return Subquery(
        plannen_van_verblijf(soort, verblijf_ref).order_by("vastgesteld_op", "id").values("vastgesteld_op")[:1],
        output_field=DateField(),
    )


@transaction.atomic
def jim_vastleggen(user, traject: Traject, request=None, **gegevens) -> Jim:
    jim, _ = Jim.objects.update_or_create(traject=traject, defaults=gegevens)
    log(user, Actie.WIJZIGEN, "perspectiefregie.jim", traject, traject.jeugdige, request)
    return jim


def tijdlijn(jeugdige: Jeugdige, user) -> list:
    """This youth's perspective-direction steps that the user may see: periods of care,
    regisseurs and plans. kern.tijdlijn puts them beside the other functions' steps."""
    from django.db.models import Prefetch

    from kern.tijdlijn import Stap

    stappen = []
    trajecten = (
        Traject.objects.zichtbaar_voor(user)
        .filter(jeugdige=jeugdige)
        .prefetch_related(
            Prefetch("regisseurschappen", queryset=Regisseurschap.objects.select_related("regisseur")), "plannen"
        )
    )
    for t in trajecten:
        stappen.append(Stap(t.startdatum, "perspectiefregie", "Traject perspectiefregie geopend"))
        if t.regie_bij_gi:
            stappen.append(Stap(t.startdatum, "perspectiefregie", "Regie bij de GI"))
        for r in t.regisseurschappen.all():
            naam = r.regisseur.get_full_name() or r.regisseur.username
            wissel = f" (wissel: {r.reden})" if r.reden else ""
            stappen.append(Stap(r.van, "perspectiefregie", f"Regisseur: {naam}{wissel}"))
        for p in t.plannen.all():
            stappen.append(Stap(p.vastgesteld_op, "perspectiefregie", f"{p.get_soort_display()} vastgesteld"))
            if p.evaluatie_op:
                stappen.append(Stap(p.evaluatie_op, "perspectiefregie", "Evaluatie gehouden"))
        if t.einddatum:
            reden = f": {t.get_sluitreden_display().lower()}" if t.sluitreden else ""
            stappen.append(Stap(t.einddatum, "perspectiefregie", f"Traject afgesloten{reden}"))
    return stappen
