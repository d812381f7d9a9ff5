"""The crisis app's public face: every change of state goes through these functions.

Each runs in one transaction, checks the CCP's rules (regels.py, kern.kalender) and writes
the audit trail. Views and the API only translate requests into these calls.
"""

import datetime
import uuid
from collections import Counter
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Rol
from audit.models import Actie
from audit.services import log
from experttafel.services import leerevaluatie_na_verblijf
from kern import bezetting, datums, kalender
from kern.bezetting import Alternatief, Plaatsvraag, met_bezetting, neem_plaats
from kern.fouten import Conflict, veldfout
from kern.models import (
    Aanbieder,
    Gemeente,
    Hulpvorm,
    RedenGeenInzet,
    Regioinstelling,
    VervolgAmbulant,
    VervolgVerblijf,
    Voorziening,
    Weigerreden,
    leeftijdsgroep_op,
)
from kern.services import jeugdige_vastleggen
from perspectiefregie import services as perspectiefregie

from . import regels
from .models import Aanmelding, CrisisContract, CrisisplekBuitenRegio, Escalatie, Inzet, Toewijzing

LOKAAL_TEAM = regels.LOKAAL_TEAM

_BRON_PER_ROL = {Rol.TOEGANG: Aanmelding.Bron.TOEGANG, Rol.GI: Aanmelding.Bron.GI, Rol.CCP: Aanmelding.Bron.TELEFOON}


def loket_melding(gemeente: Gemeente) -> str:
    team = gemeente.lokaal_team or "het lokale team"
    return (
        f"{gemeente.naam} organiseert ambulante crisishulp in het eigen lokale team en gebruikt het "
        f"CCP-loket daarvoor niet: neem contact op met {team}."
        + (f" (telefoon {gemeente.lokaal_team_telefoon})" if gemeente.lokaal_team_telefoon else "")
    )


@transaction.atomic
def aanmelden(
    user,
    *,
    jeugdige: dict,
    hulpvraag: str,
    toelichting: str = "",
    bron: str | None = None,
    request=None,
    nu: datetime.datetime | None = None,
) -> Aanmelding:
    nu = nu or timezone.now()
    gemeente: Gemeente = jeugdige["gemeente"]
    if user.rol == Rol.TOEGANG and gemeente.code != user.gemeente_id:
        raise PermissionDenied("U kunt alleen jeugdigen van uw eigen gemeente aanmelden.")
    if hulpvraag == Aanmelding.Hulpvraag.AMBULANT and gemeente.in_regio and not gemeente.ccp_loket:
        raise veldfout("hulpvraag", loket_melding(gemeente))
    dag = timezone.localdate(nu)
    sluit = kalender.sluitingsdagen()
    aanmelding = Aanmelding(
        registratienummer=uuid.uuid4().hex,
        jeugdige=jeugdige_vastleggen({**jeugdige, "gi_medewerker": user if user.rol == Rol.GI else None}),
        gemeente=gemeente,
        hulpvraag=hulpvraag,
        toelichting=toelichting,
        bron=bron if bron and user.rol == Rol.CCP else _BRON_PER_ROL.get(user.rol, Aanmelding.Bron.TELEFOON),
        aangemeld_op=nu,
        aanmelddatum=dag,
        leeftijdsgroep=leeftijdsgroep_op(jeugdige["geboortedatum"], dag),
        loket_open=kalender.loket_open(nu, sluit),
        behandelen_voor=kalender.volgende_opening(nu, sluit),
        ingediend_door=user,
    )
    if not gemeente.in_regio:
        # Registered for the figures, not followed up.
        aanmelding.status = Aanmelding.Status.AFGESLOTEN
        aanmelding.reden_geen = RedenGeenInzet.objects.get(code="buiten_regio")
    # The number needs the id: the history starts with the numbered record, not the draft.
    aanmelding.skip_history_when_saving = True
    aanmelding.save()
    del aanmelding.skip_history_when_saving
    aanmelding.registratienummer = f"CCP-{dag:%Y}-{aanmelding.pk:06d}"
    aanmelding._history_user = user
    aanmelding.save(update_fields=["registratienummer"])
    log(user, Actie.AANMAKEN, "crisis.aanmelding", aanmelding, aanmelding.jeugdige, request)
    return aanmelding


def _vergrendel(aanmelding: Aanmelding) -> Aanmelding:
    return Aanmelding.objects.select_for_update().select_related("gemeente", "jeugdige").get(pk=aanmelding.pk)


def stap(aanmelding: Aanmelding, actie: str) -> str:
    """The one place an illegal step of the life cycle (regels.STAPPEN) is refused: 409."""
    naar = regels.volgende_status(aanmelding.status, actie)
    if naar is None:
        raise Conflict(regels.STAP_WEIGERING.get(actie, "Deze stap past niet bij de stand van deze aanmelding."))
    return naar


@transaction.atomic
def trieren(user, aanmelding: Aanmelding, *, ernst: str, aard: str = "", geconsulteerd=(), request=None) -> Aanmelding:
    aanmelding = _vergrendel(aanmelding)
    aanmelding.status = stap(aanmelding, "trieren")
    aanmelding.ernst = ernst
    aanmelding.aard = aard
    aanmelding.getrieerd_op = timezone.now()
    aanmelding.save()
    aanmelding.geconsulteerd.set(geconsulteerd)
    log(user, Actie.WIJZIGEN, "crisis.triage", aanmelding, aanmelding.jeugdige, request)
    return aanmelding


@transaction.atomic
def geen_inzet(
    user, aanmelding: Aanmelding, *, reden: RedenGeenInzet, alternatief=None, alternatief_toelichting="", request=None
) -> Aanmelding:
    if alternatief is not None and reden.code != "alternatief":
        raise veldfout("alternatief", "Kies alleen een alternatief bij de reden 'Alternatief voorhanden'.")
    if alternatief is not None and alternatief.code == "anders" and not (alternatief_toelichting or "").strip():
        raise veldfout("alternatief_toelichting", "Licht het alternatief 'Anders' toe.")
    aanmelding = _vergrendel(aanmelding)
    aanmelding.status = stap(aanmelding, "geen_inzet")
    if aanmelding.inzetten.exists():
        raise Conflict("Er is al hulp ingezet; sluit die inzet af in plaats van 'geen inzet' te registreren.")
    aanmelding.reden_geen = reden
    aanmelding.alternatief = alternatief
    aanmelding.alternatief_toelichting = (alternatief_toelichting or "").strip() if alternatief else ""
    aanmelding.save(update_fields=["reden_geen", "alternatief", "alternatief_toelichting", "status"])
    aanmelding.toewijzingen.filter(status=Toewijzing.Status.TOEGEWEZEN).update(
        status=Toewijzing.Status.GEWEIGERD, weigertoelichting="Vervallen: geen inzet", afgehandeld_op=timezone.now()
    )
    log(user, Actie.WIJZIGEN, "crisis.geen_inzet", aanmelding, aanmelding.jeugdige, request)
    return aanmelding


def _toewijzingen_deze_maand(dag: datetime.date) -> dict[str, int]:
    # Every offer counts, declined ones too: a provider that declines is not offered the next
    # referral first (before, Triade declined six in a row and stayed 'the fewest').
    rijen = Toewijzing.objects.in_maand(dag).values("aanbieder_id").annotate(n=Count("id"))
    return {r["aanbieder_id"]: r["n"] for r in rijen}


def kandidaten(aanmelding: Aanmelding) -> list[regels.Kandidaat]:
    geweigerd = aanmelding.toewijzingen.filter(status=Toewijzing.Status.GEWEIGERD).values("aanbieder_id")
    contracten = (
        CrisisContract.objects.select_for_update()
        .filter(gemeente_id=aanmelding.gemeente_id, aanbieder__ccp_ambulant=True)
        .exclude(aanbieder_id__in=geweigerd)
        .select_related("aanbieder")
        .order_by("aanbieder__naam")
    )
    return [regels.Kandidaat(c.aanbieder_id, c.aanbieder.naam, Fraction(c.aandeel)) for c in contracten]


def _wijs_toe(user, aanmelding: Aanmelding, aanbieder_code: str, handmatig_reden: str = "") -> Toewijzing:
    return Toewijzing.objects.create(
        aanmelding=aanmelding,
        aanbieder_id=aanbieder_code,
        toegewezen_op=timezone.now(),
        handmatig_reden=handmatig_reden,
        door=user,
    )


@transaction.atomic
def verdelen(
    user, aanmelding: Aanmelding, *, aanbieder: Aanbieder | None = None, reden: str = "", request=None
) -> Toewijzing:
    """Assign ambulant crisis help by the fairness rule, or to `aanbieder` when the CCP overrides."""
    aanmelding = _vergrendel(aanmelding)
    if aanmelding.toewijzingen.levend().exists():
        raise Conflict("Deze aanmelding is al toegewezen aan een aanbieder.")
    naar = stap(aanmelding, "verdelen")
    if not aanmelding.gemeente.ccp_loket:
        raise Conflict(loket_melding(aanmelding.gemeente))
    opties = kandidaten(aanmelding)
    if aanbieder is not None:
        if not reden.strip():
            raise veldfout("reden", "Geef een reden op waarom u van de verdeelregel afwijkt.")
        if aanbieder.code not in {k.code for k in opties}:
            raise veldfout(
                "aanbieder", "Deze aanbieder levert geen ambulante crisishulp voor deze gemeente of heeft al geweigerd."
            )
        toewijzing = _wijs_toe(user, aanmelding, aanbieder.code, reden.strip())
    else:
        keuze = regels.kies_aanbieder(opties, _toewijzingen_deze_maand(timezone.localdate()))
        if keuze is None:
            raise Conflict("Er is geen aanbieder meer die deze aanmelding kan oppakken; het CCP moet zelf schakelen.")
        toewijzing = _wijs_toe(user, aanmelding, keuze.code)
    aanmelding.status = naar
    aanmelding.save(update_fields=["status"])
    log(user, Actie.WIJZIGEN, "crisis.toewijzing", aanmelding, aanmelding.jeugdige, request)
    return toewijzing


def _weigerreden(reden: str) -> tuple[Weigerreden, str]:
    """A code from the list; free text is kept as the explanation under 'anders'."""
    gevonden = Weigerreden.objects.filter(code=reden.strip()).first()
    if gevonden is not None:
        return gevonden, ""
    return Weigerreden.objects.get(code="anders"), reden.strip()


def _open_toewijzing_van(user, aanmelding: Aanmelding) -> Toewijzing:
    """The open assignment this user may answer (crisis.toewijzing_afhandelen in permissions.py);
    none, or another provider's, is a conflict with the referral's state (409)."""
    toewijzing = aanmelding.toewijzingen.filter(status=Toewijzing.Status.TOEGEWEZEN).first()
    if not user.has_perm("crisis.toewijzing_afhandelen", toewijzing):
        raise Conflict("Er staat geen openstaande toewijzing aan uw organisatie voor deze aanmelding.")
    return toewijzing


@transaction.atomic
def weigeren(
    user, aanmelding: Aanmelding, *, reden: str, toelichting: str = "", request=None
) -> tuple[Toewijzing, Toewijzing | None]:
    """The assigned provider declines; the verdeelpunt passes it to the next eligible provider."""
    aanmelding = _vergrendel(aanmelding)
    toewijzing = _open_toewijzing_van(user, aanmelding)
    stap(aanmelding, "weigeren")
    if not reden or not reden.strip():
        raise veldfout("reden", "Geef een reden op voor de weigering.")
    code, tekst = _weigerreden(reden)
    toewijzing.status = Toewijzing.Status.GEWEIGERD
    toewijzing.weigerreden = code
    toewijzing.weigertoelichting = "\n".join(t for t in (tekst, toelichting.strip()) if t)
    toewijzing.afgehandeld_op = timezone.now()
    toewijzing.save()
    log(user, Actie.WIJZIGEN, "crisis.weigering", aanmelding, aanmelding.jeugdige, request)
    keuze = regels.kies_aanbieder(kandidaten(aanmelding), _toewijzingen_deze_maand(timezone.localdate()))
    nieuwe = _wijs_toe(None, aanmelding, keuze.code) if keuze else None
    if nieuwe is None and regels.volgende_status(aanmelding.status, "niemand_meer"):
        # Nobody left to offer it to: it is the CCP's to arrange again (the day overview says so).
        aanmelding.status = regels.volgende_status(aanmelding.status, "niemand_meer")
        aanmelding.save(update_fields=["status"])
    return toewijzing, nieuwe


@transaction.atomic
def accepteren(user, aanmelding: Aanmelding, request=None) -> Toewijzing:
    aanmelding = _vergrendel(aanmelding)
    toewijzing = _open_toewijzing_van(user, aanmelding)
    stap(aanmelding, "accepteren")
    toewijzing.status = Toewijzing.Status.GEACCEPTEERD
    toewijzing.afgehandeld_op = timezone.now()
    toewijzing.save()
    log(user, Actie.WIJZIGEN, "crisis.acceptatie", aanmelding, aanmelding.jeugdige, request)
    return toewijzing


def _zelfde_persoon(jeugdige) -> list[int]:
    """The records of this youth, also those other municipalities keep of the same person (BSN):
    one youth holds one crisis place, whichever record a referral was made on."""
    from kern.models import Jeugdige

    return sorted(Jeugdige.objects.zelfde_persoon(jeugdige).values_list("pk", flat=True))


def een_crisisplek(
    jeugdige, startdatum: datetime.date, einddatum: datetime.date | None = None, *, zonder: int | None = None
) -> None:
    """A youth holds at most one crisis place at a time: a retry, a double click, a second
    referral or a corrected date that makes two stays overlap is a conflict, not a second bed.
    `zonder`: the stay being corrected."""
    from kern.models import Jeugdige

    ids = _zelfde_persoon(jeugdige)
    # Lock the person's records (in id order, so two requests cannot deadlock): requests for one
    # youth through two referrals, for two different facilities, queue here.
    list(Jeugdige.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    andere = (
        Inzet.objects.verblijven()
        .filter(aanmelding__jeugdige_id__in=ids)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=startdatum))
    )
    if einddatum is not None:
        andere = andere.filter(Q(startdatum__isnull=True) | Q(startdatum__lt=einddatum))
    if zonder is not None:
        andere = andere.exclude(pk=zonder)
    lopend = andere.order_by("startdatum").first()
    if lopend is not None:
        raise Conflict(
            "Deze jeugdige heeft al een crisisplek"
            + (f" (sinds {lopend.startdatum:%d-%m-%Y})" if lopend.startdatum else "")
            + ": een jeugdige heeft één crisisplek tegelijk."
            + (" Sluit dat verblijf eerst af." if zonder is None else " Met deze datums overlappen de verblijven.")
        )


def alternatieven_crisis(voorziening: Voorziening, leeftijd: int) -> list[Alternatief]:
    """What the CCP can offer when a crisis facility is full, beside the region's other crisis
    places: crisis places outside the region (reference data) and the 24-hour crisis service."""
    instelling = Regioinstelling.huidige()
    buiten = [
        Alternatief(
            "buiten_regio",
            f"{p.naam} ({p.plaats})",
            vrij=p.vrij,
            telefoon=p.telefoon,
            toelichting=f"vrije plaatsen bijgewerkt op {p.bijgewerkt_op:%d-%m-%Y}" if p.bijgewerkt_op else "",
        )
        for p in CrisisplekBuitenRegio.objects.filter(
            actief=True, leeftijd_min__lte=leeftijd, leeftijd_max__gte=leeftijd
        )
    ]
    dienst = Alternatief(
        "crisisdienst",
        instelling.crisisdienst_naam,
        telefoon=instelling.crisisdienst_telefoon,
        toelichting="Acute onveiligheid, dag en nacht bereikbaar.",
    )
    return [*buiten, dienst]


@transaction.atomic
def inzetten(
    user,
    aanmelding: Aanmelding,
    *,
    hulpvorm: Hulpvorm,
    startdatum: datetime.date,
    voorziening: Voorziening | None = None,
    ambulant_door: str | int | None = None,
    verwachte_einddatum: datetime.date | None = None,
    boven_capaciteit: bool = False,
    boven_capaciteit_reden: str = "",
    request=None,
) -> Inzet:
    aanmelding = _vergrendel(aanmelding)
    naar = stap(aanmelding, "inzetten")
    # A start before the referral is real: the 24-hour crisis service acts at night and the CCP
    # registers it the next working day.
    if verwachte_einddatum and verwachte_einddatum < startdatum:
        raise veldfout("verwachte_einddatum", "De verwachte einddatum ligt vóór de startdatum.")
    inzet = Inzet(
        aanmelding=aanmelding, hulpvorm=hulpvorm, startdatum=startdatum, verwachte_einddatum=verwachte_einddatum
    )
    if not hulpvorm.verblijf:
        toewijzing = aanmelding.toewijzingen.levend().first()
        inzet.aanbieder_id = toewijzing.aanbieder_id if toewijzing else None
    else:
        _koppel_ambulant(inzet, aanmelding, ambulant_door)
        if voorziening is None:
            raise veldfout("voorziening", "Kies de crisisvoorziening voor het verblijf.")
        reden = (boven_capaciteit_reden or "").strip()
        if boven_capaciteit:
            if user.rol != Rol.CCP:
                raise PermissionDenied("Alleen het CCP plaatst boven capaciteit.")
            if not reden:
                raise veldfout(
                    "boven_capaciteit_reden",
                    "Geef de reden: boven capaciteit plaatsen kan alleen in een acuut onveilige situatie.",
                )
        try:
            datums.niet_voor(startdatum, aanmelding.jeugdige.geboortedatum, "startdatum", "geboortedatum")
        except ValidationError as exc:
            raise veldfout("startdatum", " ".join(exc.messages)) from None
        een_crisisplek(aanmelding.jeugdige, startdatum)
        voorziening = neem_plaats(
            Plaatsvraag(
                voorziening_id=voorziening.pk,
                geboortedatum=aanmelding.jeugdige.geboortedatum,
                startdatum=startdatum,
                crisis_hulpvorm=hulpvorm.code,
                boven_capaciteit=boven_capaciteit,
            ),
            alternatieven_crisis,
        )
        inzet.voorziening = voorziening
        inzet.aanbieder_id = voorziening.aanbieder_id
        if voorziening.boven_capaciteit:
            inzet.boven_capaciteit_reden = reden
    inzet.save()
    if inzet.boven_capaciteit_reden:
        # Escalated to the functional owner of the crisis places; counted in the figures.
        Escalatie.objects.create(inzet=inzet, voorziening=inzet.voorziening, datum=startdatum, reden=reden, door=user)
        log(user, Actie.AANMAKEN, "crisis.boven_capaciteit", inzet, aanmelding.jeugdige, request)
    if hulpvorm.verblijf:
        perspectiefregie.open_traject(
            jeugdige=aanmelding.jeugdige,
            gemeente=aanmelding.gemeente,
            bron="crisis",
            bron_id=inzet.pk,
            startdatum=startdatum,
        )
    if aanmelding.status != naar:
        aanmelding.status = naar
        aanmelding.save(update_fields=["status"])
    log(user, Actie.AANMAKEN, "crisis.inzet", inzet, aanmelding.jeugdige, request)
    return inzet


def _koppel_ambulant(inzet: Inzet, aanmelding: Aanmelding, ambulant_door) -> None:
    """A stay is only offered together with ambulant help: the rule decides
    (regels.ambulante_hulp_bij_verblijf), the service finds the named deployment."""
    keuze, fout = regels.ambulante_hulp_bij_verblijf(ambulant_door)
    if fout:
        raise veldfout("ambulant_door", fout)
    if keuze == regels.LOKAAL_TEAM:
        inzet.ambulant_lokaal_team = True
        return
    ambulant = aanmelding.inzetten.filter(pk=keuze, hulpvorm__verblijf=False).first()
    if ambulant is None:
        raise veldfout("ambulant_door", "Dit is geen ambulante inzet van deze aanmelding.")
    inzet.ambulant_door = ambulant


@transaction.atomic
def afsluiten(user, inzet: Inzet, *, einddatum: datetime.date, vervolg: str, request=None) -> Inzet:
    inzet = Inzet.objects.select_for_update().select_related("hulpvorm", "aanmelding__jeugdige").get(pk=inzet.pk)
    if inzet.einddatum is not None:
        raise Conflict("Deze inzet is al afgesloten.")
    # A stay ends when it has ended: an end in the future would free the bed today (an expected
    # end is `verwachte_einddatum`). The region's one date rule, kern.datums.
    try:
        datums.niet_in_toekomst(einddatum, "einddatum")
        datums.niet_voor(einddatum, inzet.startdatum, "einddatum", "startdatum")
    except ValidationError as exc:
        raise veldfout("einddatum", " ".join(exc.messages)) from None
    if inzet.hulpvorm.verblijf:
        inzet.vervolg_verblijf = VervolgVerblijf.objects.filter(code=vervolg, actief=True).first()
        if inzet.vervolg_verblijf is None:
            raise veldfout("vervolg", "Kies een vervolg uit de lijst 'vervolg na crisishulp met verblijf'.")
    else:
        inzet.vervolg_ambulant = VervolgAmbulant.objects.filter(code=vervolg, actief=True).first()
        if inzet.vervolg_ambulant is None:
            raise veldfout("vervolg", "Kies een vervolg uit de lijst 'vervolg na ambulante crisishulp'.")
    inzet.einddatum = einddatum
    inzet.save()
    if inzet.hulpvorm.verblijf:
        perspectiefregie.sluit_traject(bron="crisis", bron_id=inzet.pk, einddatum=einddatum, vervolg=vervolg)
    leerevaluatie_na_verblijf("crisis", inzet.pk, inzet.aanmelding.gemeente_id, vervolg, einddatum)
    if not Inzet.objects.filter(aanmelding_id=inzet.aanmelding_id, einddatum__isnull=True).exists():
        aanmelding = _vergrendel(inzet.aanmelding)
        naar = regels.volgende_status(aanmelding.status, "laatste_inzet_beeindigd")
        if naar:
            aanmelding.status = naar
            aanmelding.save(update_fields=["status"])
    log(user, Actie.WIJZIGEN, "crisis.inzet", inzet, inzet.aanmelding.jeugdige, request)
    return inzet


@transaction.atomic
def perspectiefplan_vastleggen(
    user, inzet: Inzet, *, datum: datetime.date, evaluatie_op: datetime.date | None = None, request=None
) -> Inzet:
    """The CCP records the plan (and evaluation) of a crisis stay in perspective direction's one record."""
    inzet = Inzet.objects.select_related("hulpvorm").get(pk=inzet.pk)
    if not inzet.hulpvorm.verblijf:
        raise veldfout("perspectiefplan_datum", "Een perspectiefplan hoort bij crisishulp met verblijf.")
    if inzet.startdatum and datum < inzet.startdatum:
        raise veldfout("perspectiefplan_datum", "Het plan kan niet vóór de opname zijn vastgesteld.")
    try:
        perspectiefregie.plan_van_verblijf_vastleggen(
            user, soort="crisis", verblijf_id=inzet.pk, vastgesteld_op=datum, evaluatie_op=evaluatie_op, request=request
        )
    except ValidationError as exc:
        if "vastgesteld_op" in exc.message_dict:  # the crisis API names its own field
            raise veldfout("perspectiefplan_datum", " ".join(exc.message_dict["vastgesteld_op"])) from exc
        raise
    return Inzet.objects.met_perspectiefplan().get(pk=inzet.pk)


@transaction.atomic
def bevestig_capaciteit(user, voorziening: Voorziening, *, capaciteit: int | None = None) -> Voorziening:
    """The one confirmation of kern.bezetting, with its history, as for the service point."""
    return bezetting.capaciteit_bevestigen(user, voorziening, capaciteit=capaciteit).voorziening


def weigeringen_per_reden(van: datetime.date, tot: datetime.date) -> dict[str, int]:
    """Declines per reason, most frequent first. A plain dict: a template's `.items` on a
    Counter looks up the key 'items' (0) instead of calling the method."""
    rijen = (
        Toewijzing.objects.filter(
            status=Toewijzing.Status.GEWEIGERD,
            weigerreden__isnull=False,
            afgehandeld_op__date__gte=van,
            afgehandeld_op__date__lte=tot,
        )
        .values("weigerreden_id")
        .annotate(n=Count("id"))
    )
    return dict(Counter({r["weigerreden_id"]: r["n"] for r in rijen}).most_common())


def crisisbord(nu: datetime.datetime | None = None, instelling: Regioinstelling | None = None) -> list[Voorziening]:
    """The informatiepunt's board: every crisis facility with occupancy (kern.bezetting), in one
    query, with the signals: expected departures, places taken above capacity, long stays."""
    from django.db.models import IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    instelling = instelling or Regioinstelling.huidige()
    lang_na = instelling.lang_verblijf_dagen

    def telling(**filters):
        # A subquery over running stays only: the history of a facility does not slow the board down.
        qs = Inzet.objects.filter(voorziening=OuterRef("pk"), einddatum__isnull=True, **filters)
        return Coalesce(
            Subquery(
                qs.order_by().values("voorziening").annotate(n=Count("id")).values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )

    voorzieningen = list(
        met_bezetting(Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=False), vandaag)
        .select_related("type", "aanbieder", "gemeente")
        .annotate(
            verwacht_vertrek=telling(
                verwachte_einddatum__lte=vandaag + datetime.timedelta(days=regels.VERWACHT_VERTREK_DAGEN)
            ),
            lange_verblijven=telling(startdatum__lte=vandaag - datetime.timedelta(days=lang_na)),
        )
        .order_by("type__volgorde", "naam")
    )
    grens = nu - datetime.timedelta(hours=instelling.crisiscapaciteit_verouderd_na_uren)
    for v in voorzieningen:
        v.verouderd = v.bevestigd_op is None or v.bevestigd_op < grens
        v.boven_capaciteit = max(v.bezet - v.capaciteit, 0)
    return voorzieningen


def tijdlijn(jeugdige, user) -> list:
    """This youth's steps at the CCP that the user may see; kern.tijdlijn assembles the whole path."""
    from django.db.models import Prefetch

    from kern.tijdlijn import Stap

    stappen = []
    aanmeldingen = (
        Aanmelding.objects.zichtbaar_voor(user)
        .filter(jeugdige=jeugdige)
        .select_related("reden_geen")
        .prefetch_related(
            Prefetch(
                "inzetten",
                queryset=Inzet.objects.select_related(
                    "hulpvorm", "voorziening", "vervolg_ambulant", "vervolg_verblijf"
                ),
            )
        )
    )
    for a in aanmeldingen:
        stappen.append(Stap(a.aanmelddatum, "CCP", f"Aangemeld bij het CCP: {a.get_hulpvraag_display().lower()}"))
        if a.reden_geen_id:
            stappen.append(Stap(a.aanmelddatum, "CCP", f"Geen inzet: {a.reden_geen.label}"))
        for i in a.inzetten.all():
            waar = f" in {i.voorziening.naam}" if i.voorziening else ""
            stappen.append(Stap(i.startdatum, "CCP", f"Start {i.hulpvorm.label.lower()}{waar}"))
            if i.einddatum:
                vervolg = f", vervolg: {i.vervolg.label}" if i.vervolg else ""
                stappen.append(Stap(i.einddatum, "CCP", f"Einde {i.hulpvorm.label.lower()}{vervolg}"))
    return stappen
