"""The service point's public face: decisions, starts of help, placements, capacity and notices.

Each change runs in one transaction and is audited; a placement of a youth in a voluntary
framework opens perspective direction by an explicit call."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import Actie
from audit.services import log
from experttafel.services import leerevaluatie_na_verblijf
from kern import bezetting, datums
from kern.bezetting import Plaatsvraag, met_bezetting, neem_plaats
from kern.fouten import Conflict, veldfout
from kern.models import Aanbieder, Gemeente, Jeugdige, Voorziening, Voorzieningtype
from kern.services import jeugdige_vastleggen, registratie_voor
from perspectiefregie import services as perspectiefregie

from . import afwegingskader, regels
from .models import Beschikking, Capaciteitsmelding, Landschapsmelding, Overbrugging, Plaatsing, Woonplaatswijziging

DUBBELKLIK_VENSTER = datetime.timedelta(minutes=10)
DUBBELE_BESCHIKKING = (
    "Deze beschikking is al geregistreerd (zelfde jeugdige, datum van afgifte, soort zorg en aanbieder)."
)


@transaction.atomic
def beschikking_registreren(
    user,
    *,
    jeugdige: Jeugdige | dict,
    afgegeven_op: datetime.date,
    zorgtype: Voorzieningtype | None = None,
    aanbieder=None,
    gemeente: Gemeente | None = None,
    gemeente_reden: str = "",
    gezag_derden: bool = False,
    wlz_indicatie: bool = False,
    buiten_regio: bool = False,
    verwachte_start: datetime.date | None = None,
    request=None,
) -> Beschikking:
    """A decision. `jeugdige` is the registration's data (a dict as for
    `kern.services.jeugdige_vastleggen`, its `gemeente` the BRP municipality just before the stay)
    or a record already held. The youth is recorded as the responsible municipality's own
    record; the BRP municipality is kept on the decision, fixed from now on."""
    if afgegeven_op > timezone.localdate():
        raise veldfout("afgegeven_op", "Een beschikking kan niet in de toekomst zijn afgegeven.")
    brp_gemeente = jeugdige["gemeente"] if isinstance(jeugdige, dict) else jeugdige.gemeente
    # Woonplaatsbeginsel (2022): the municipality of the BRP address just before the stay, fixed
    # at the start, unless the worker records why another one is responsible.
    standaard = brp_gemeente.code
    if gemeente is not None and gemeente.code != standaard and not gemeente_reden.strip():
        raise veldfout(
            "gemeente_reden", "Leg vast waarom een andere gemeente dan die van het BRP-adres verantwoordelijk is."
        )
    verantwoordelijk = gemeente or Gemeente.objects.get(pk=standaard)
    if user.gemeente_id and verantwoordelijk.code != user.gemeente_id:
        raise veldfout("gemeente", "U registreert beschikkingen van uw eigen gemeente.")
    if isinstance(jeugdige, dict):
        jeugdige = jeugdige_vastleggen({**jeugdige, "gemeente": verantwoordelijk})
    else:
        jeugdige = registratie_voor(jeugdige, verantwoordelijk)
    # A double click or a retry sends the same decision twice: the natural key (youth, day of
    # issue, kind of care, provider) is unique in the database, and the second is a conflict.
    zelfde = Beschikking.objects.filter(afgegeven_op=afgegeven_op, zorgtype=zorgtype, aanbieder=aanbieder)
    if zelfde.filter(jeugdige=jeugdige).exists():
        raise Conflict(DUBBELE_BESCHIKKING)
    if not jeugdige.bsn and (
        zelfde.filter(
            jeugdige__gemeente_id=jeugdige.gemeente_id,
            jeugdige__bsn__isnull=True,
            jeugdige__voornaam=jeugdige.voornaam,
            jeugdige__achternaam=jeugdige.achternaam,
            jeugdige__geboortedatum=jeugdige.geboortedatum,
            geregistreerd_door=user,
            geregistreerd_op__gte=timezone.now() - DUBBELKLIK_VENSTER,
        ).exists()
    ):
        # Without a BSN every registration makes a new youth record, so the key above cannot
        # see a double click: the same decision for the same name and birth date by the same
        # user a moment ago is one. (This transaction's new youth record is rolled back.)
        raise Conflict(DUBBELE_BESCHIKKING)
    try:
        with transaction.atomic():
            beschikking = Beschikking.objects.create(
                jeugdige=jeugdige,
                zorgtype=zorgtype,
                afgegeven_op=afgegeven_op,
                aanbieder=aanbieder,
                brp_gemeente=brp_gemeente,
                gemeente=verantwoordelijk,
                gemeente_reden=gemeente_reden.strip(),
                gezag_derden=gezag_derden,
                wlz_indicatie=wlz_indicatie,
                buiten_regio=buiten_regio,
                verwachte_start=verwachte_start,
                geregistreerd_door=user,
            )
    except IntegrityError as exc:  # the same decision, sent twice at the same moment
        raise Conflict(DUBBELE_BESCHIKKING) from exc
    log(user, Actie.AANMAKEN, "servicepunt.beschikking", beschikking, jeugdige, request)
    return beschikking


@transaction.atomic
def gemeente_wijzigen(user, beschikking: Beschikking, *, gemeente: Gemeente, reden: str, request=None) -> Beschikking:
    """The one way the responsible municipality changes (woonplaatsbeginsel): explicit, with a
    reason, audited. The decision moves to the new municipality's own record of the youth (made
    from this one if it has none); the old municipality's record keeps its history."""
    reden = (reden or "").strip()
    if not reden:
        raise veldfout("reden", "Geef de reden van de wijziging van de verantwoordelijke gemeente.")
    beschikking = Beschikking.objects.select_for_update().select_related("jeugdige").get(pk=beschikking.pk)
    if gemeente.pk == beschikking.gemeente_id:
        raise veldfout("gemeente", "Deze gemeente is al verantwoordelijk.")
    oud = beschikking.jeugdige
    Woonplaatswijziging.objects.create(
        beschikking=beschikking, van_id=beschikking.gemeente_id, naar=gemeente, reden=reden, gewijzigd_door=user
    )
    log(user, Actie.WIJZIGEN, "servicepunt.woonplaatsbeginsel", beschikking, oud, request)
    beschikking.jeugdige = registratie_voor(oud, gemeente)
    beschikking.gemeente, beschikking.gemeente_reden = gemeente, reden
    beschikking.save(update_fields=["jeugdige", "gemeente", "gemeente_reden"])
    log(user, Actie.WIJZIGEN, "servicepunt.woonplaatsbeginsel", beschikking, beschikking.jeugdige, request)
    return beschikking


@transaction.atomic
def ambulant_gestart(user, beschikking: Beschikking, *, datum: datetime.date, request=None) -> Beschikking:
    if datum < beschikking.afgegeven_op:
        raise veldfout("datum", "De hulp kan niet vóór de beschikking zijn gestart.")
    beschikking.ambulant_gestart_op = datum
    beschikking.save(update_fields=["ambulant_gestart_op"])
    log(user, Actie.WIJZIGEN, "servicepunt.ambulant", beschikking, beschikking.jeugdige, request)
    return beschikking


@transaction.atomic
def overbrugging_toevoegen(
    user, beschikking: Beschikking, *, startdatum: datetime.date, omschrijving: str, aanbieder=None, request=None
) -> Overbrugging:
    if startdatum < beschikking.afgegeven_op:
        raise veldfout("startdatum", "Overbruggingshulp vóór de beschikking telt niet voor de tweewekenregel.")
    overbrugging = Overbrugging.objects.create(
        beschikking=beschikking, startdatum=startdatum, omschrijving=omschrijving, aanbieder=aanbieder
    )
    log(user, Actie.WIJZIGEN, "servicepunt.overbrugging", beschikking, beschikking.jeugdige, request)
    return overbrugging


def _ambulante_hulp(ambulant_door) -> tuple[bool, Aanbieder | None]:
    """Every stay comes with ambulant help: 'lokaal_team' or the code of the provider giving it."""
    if ambulant_door in (None, ""):
        raise veldfout(
            "ambulant_door",
            "Een plaatsing kan alleen samen met ambulante hulp: kies 'lokaal_team' voor het lokale team "
            "van de gemeente, of de aanbieder die de ambulante hulp geeft.",
        )
    if isinstance(ambulant_door, Aanbieder):
        return False, ambulant_door
    if ambulant_door == regels.LOKAAL_TEAM:
        return True, None
    aanbieder = Aanbieder.objects.filter(code=str(ambulant_door)).first()
    if aanbieder is None:
        raise veldfout("ambulant_door", "Onbekende aanbieder: geef 'lokaal_team' of de code van een aanbieder.")
    return False, aanbieder


@transaction.atomic
def plaatsen(
    user,
    beschikking: Beschikking,
    *,
    voorziening: Voorziening | None = None,
    startdatum: datetime.date,
    ambulant_door: str | Aanbieder | None = None,
    eerste_keus: Voorziening | None = None,
    verwachte_duur_weken: int | None = None,
    perspectief: str = "",
    buiten_regio: str = "",
    request=None,
) -> Plaatsing:
    """A placement takes a free place on every day through the region's one place-taking
    (kern.bezetting). A placement outside the region names its facility (buiten_regio): no
    regional capacity to check, and perspective direction (the regisseur) goes along as with any
    stay. Every stay, every route, comes with ambulant help (`ambulant_door`)."""
    lokaal_team, ambulant_aanbieder = _ambulante_hulp(ambulant_door)
    try:
        datums.niet_voor(startdatum, beschikking.afgegeven_op, "startdatum", "beschikking")
        datums.niet_voor(startdatum, beschikking.jeugdige.geboortedatum, "startdatum", "geboortedatum")
    except ValidationError as exc:
        raise veldfout("startdatum", " ".join(exc.messages)) from None
    buiten_regio = (buiten_regio or "").strip()
    if voorziening is None and not buiten_regio:
        raise veldfout(
            "voorziening", "Kies de voorziening, of noem bij een plaatsing buiten de regio de voorziening en plaats."
        )
    # The decision's row lock makes a double click wait for the first, which it then sees.
    beschikking = Beschikking.objects.select_for_update().select_related("jeugdige", "gemeente").get(pk=beschikking.pk)
    lopend = beschikking.plaatsingen.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=startdatum)).first()
    if lopend is not None:
        raise Conflict(
            f"Op deze beschikking loopt al een plaatsing (sinds {lopend.startdatum:%d-%m-%Y}): "
            "beëindig die eerst, of registreer een nieuwe beschikking."
        )
    if voorziening is None:
        return _plaatsen_buiten_regio(
            user,
            beschikking,
            naam=buiten_regio,
            startdatum=startdatum,
            verwachte_duur_weken=verwachte_duur_weken,
            perspectief=perspectief,
            ambulant_lokaal_team=lokaal_team,
            ambulant_aanbieder=ambulant_aanbieder,
            request=request,
        )
    if buiten_regio:
        raise veldfout("buiten_regio", "Kies een voorziening in de regio óf noem die buiten de regio, niet allebei.")
    voorziening = neem_plaats(
        Plaatsvraag(
            voorziening_id=voorziening.pk,
            geboortedatum=beschikking.jeugdige.geboortedatum,
            startdatum=startdatum,
        )
    )
    plaatsing = Plaatsing.objects.create(
        beschikking=beschikking,
        voorziening=voorziening,
        startdatum=startdatum,
        eerste_keus=eerste_keus if eerste_keus and eerste_keus.pk != voorziening.pk else None,
        verwachte_duur_weken=verwachte_duur_weken,
        perspectief=perspectief,
        ambulant_lokaal_team=lokaal_team,
        ambulant_aanbieder=ambulant_aanbieder,
    )
    return _plaatsing_begonnen(user, beschikking, plaatsing, request)


def _plaatsing_begonnen(user, beschikking: Beschikking, plaatsing: Plaatsing, request) -> Plaatsing:
    """Every placement, in the region or outside it, opens (or joins) the youth's trajectory."""
    perspectiefregie.open_traject(
        jeugdige=beschikking.jeugdige,
        gemeente=beschikking.gemeente,
        bron="plaatsing",
        bron_id=plaatsing.pk,
        startdatum=plaatsing.startdatum,
        gezag_derden=beschikking.gezag_derden,
    )
    log(user, Actie.AANMAKEN, "servicepunt.plaatsing", plaatsing, beschikking.jeugdige, request)
    return plaatsing


def _plaatsen_buiten_regio(
    user,
    beschikking: Beschikking,
    *,
    naam: str,
    startdatum,
    verwachte_duur_weken,
    perspectief,
    ambulant_lokaal_team: bool,
    ambulant_aanbieder,
    request,
) -> Plaatsing:
    if not naam:
        raise veldfout(
            "voorziening", "Kies de voorziening, of noem bij een plaatsing buiten de regio de voorziening en plaats."
        )
    plaatsing = Plaatsing.objects.create(
        beschikking=beschikking,
        buiten_regio=naam,
        startdatum=startdatum,
        verwachte_duur_weken=verwachte_duur_weken,
        perspectief=perspectief,
        ambulant_lokaal_team=ambulant_lokaal_team,
        ambulant_aanbieder=ambulant_aanbieder,
    )
    if not beschikking.buiten_regio:
        Beschikking.objects.filter(pk=beschikking.pk).update(buiten_regio=True)
    return _plaatsing_begonnen(user, beschikking, plaatsing, request)


@transaction.atomic
def plaatsing_beeindigen(
    user, plaatsing: Plaatsing, *, einddatum: datetime.date, vervolg: str, naar_huis: bool = False, request=None
) -> Plaatsing:
    """naar_huis: the youth goes home, so the period of care (and perspective direction) ends;
    otherwise the trajectory stays open for the next stay."""
    plaatsing = Plaatsing.objects.select_for_update().select_related("beschikking__jeugdige").get(pk=plaatsing.pk)
    if plaatsing.einddatum is not None:
        raise Conflict("Deze plaatsing is al beëindigd.")
    # A placement ends when it has ended: an end in the future would free the place today.
    try:
        datums.niet_in_toekomst(einddatum, "einddatum")
        datums.niet_voor(einddatum, plaatsing.startdatum, "einddatum", "startdatum")
    except ValidationError as exc:
        raise veldfout("einddatum", " ".join(exc.messages)) from None
    if not vervolg.strip():
        raise veldfout("vervolg", "Leg het vervolg na het verblijf vast.")
    plaatsing.einddatum, plaatsing.vervolg = einddatum, vervolg.strip()
    plaatsing.save(update_fields=["einddatum", "vervolg"])
    perspectiefregie.sluit_traject(bron="plaatsing", bron_id=plaatsing.pk, einddatum=einddatum, naar_huis=naar_huis)
    leerevaluatie_na_verblijf("plaatsing", plaatsing.pk, plaatsing.beschikking.gemeente_id, vervolg, einddatum)
    log(user, Actie.WIJZIGEN, "servicepunt.plaatsing", plaatsing, plaatsing.beschikking.jeugdige, request)
    return plaatsing


@transaction.atomic
def capaciteit_bevestigen(user, voorziening: Voorziening, *, capaciteit: int) -> Capaciteitsmelding:
    """The region's one confirmation (kern.bezetting), kept with its history."""
    return bezetting.capaciteit_bevestigen(user, voorziening, capaciteit=capaciteit)


@transaction.atomic
def landschap_melden(
    user,
    *,
    aanbieder,
    soort: str,
    ingangsdatum: datetime.date,
    toelichting: str,
    voorziening: Voorziening | None = None,
) -> Landschapsmelding:
    if not user.has_perm("servicepunt.landschap_melden", aanbieder):
        raise veldfout("aanbieder", "U meldt alleen voor uw eigen organisatie.")
    if voorziening is not None and voorziening.aanbieder_id != aanbieder.pk:
        raise veldfout("voorziening", "Deze voorziening hoort niet bij de aanbieder.")
    return Landschapsmelding.objects.create(
        aanbieder=aanbieder,
        voorziening=voorziening,
        soort=soort,
        ingangsdatum=ingangsdatum,
        toelichting=toelichting,
        gemeld_door=user,
    )


def matching(vraag: afwegingskader.Vraag, gemeente: Gemeente, peildatum: datetime.date | None = None):
    """The suggested kind of stay with its reasons, and the facilities of that kind with a free
    place that fit the age, nearest to the youth's own municipality first."""
    peildatum = peildatum or timezone.localdate()
    advies = afwegingskader.weeg(vraag)
    kandidaten = [
        v
        for v in met_bezetting(Voorziening.objects.filter(actief=True, type_id=advies.soort), peildatum).select_related(
            "gemeente", "aanbieder", "type"
        )
        if v.vrij > 0 and v.past_leeftijd(vraag.leeftijd)
    ]
    kandidaten.sort(key=lambda v: (gemeente.afstand_km(v.gemeente) or 0, v.naam))
    for v in kandidaten:
        v.afstand = gemeente.afstand_km(v.gemeente)
    return advies, kandidaten


def tijdlijn(jeugdige, user) -> list:
    """This youth's decisions, starts and placements at the service point that the user may see."""
    from django.db.models import Prefetch

    from kern.tijdlijn import Stap

    stappen = []
    beschikkingen = (
        Beschikking.objects.zichtbaar_voor(user)
        .filter(jeugdige=jeugdige)
        .select_related("zorgtype")
        .prefetch_related("overbruggingen", Prefetch("plaatsingen", Plaatsing.objects.select_related("voorziening")))
    )
    for b in beschikkingen:
        soort = b.zorgtype.label.lower() if b.zorgtype_id else "ambulante jeugdhulp"
        stappen.append(Stap(b.afgegeven_op, "servicepunt", f"Beschikking afgegeven: {soort}"))
        if b.ambulant_gestart_op:
            stappen.append(Stap(b.ambulant_gestart_op, "servicepunt", "Ambulante hulp gestart"))
        for o in b.overbruggingen.all():
            stappen.append(Stap(o.startdatum, "servicepunt", f"Overbruggingshulp: {o.omschrijving}"))
        for p in b.plaatsingen.all():
            stappen.append(Stap(p.startdatum, "servicepunt", f"Geplaatst in {p.plek}"))
            if p.einddatum:
                stappen.append(Stap(p.einddatum, "servicepunt", f"Einde plaatsing in {p.plek}"))
    return stappen
