"""The expert table's public face: every change of a case goes through here, in one transaction,
checked against the status flow (regels.OVERGANGEN) and written to the audit trail."""

import datetime
from zoneinfo import ZoneInfo

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from accounts.models import Rol
from audit.models import Actie
from audit.services import log
from kern.fouten import Conflict, veldfout
from kern.models import Gemeente, Jeugdige
from kern.services import jeugdige_vastleggen

from . import regels
from .models import Advies, Casus, Deelnemer, Instelling, Opvolging, Sessie

TZ = ZoneInfo("Europe/Amsterdam")


def _naar(casus: Casus, status: str) -> None:
    if not regels.mag_overgaan(casus.status, status):
        raise Conflict(
            f"Een casus met status '{casus.get_status_display().lower()}' kan niet naar "
            f"'{Casus.Status(status).label.lower()}'."
        )
    casus.status = status


def _vergrendel(casus: Casus) -> Casus:
    return Casus.objects.select_for_update(of=("self",)).select_related("gemeente", "sessie").get(pk=casus.pk)


@transaction.atomic
def indienen(
    user,
    *,
    vraag: str,
    toestemming: bool,
    jeugdige: dict | None = None,
    gemeente: Gemeente | None = None,
    geprobeerd: str = "",
    gezinssituatie: str = "",
    domeinen=(),
    urgentie: str = "normaal",
    request=None,
) -> Casus:
    if jeugdige and not toestemming:
        raise veldfout(
            "toestemming",
            "Zonder toestemming van ouders/jeugdige kunt u alleen een geanonimiseerde casus "
            "inbrengen: laat de gegevens van de jeugdige weg.",
        )
    if toestemming and not jeugdige:
        raise veldfout(
            "jeugdige", "Vul de gegevens van de jeugdige in, of breng de casus geanonimiseerd in zonder toestemming."
        )
    via_gi = user.rol == Rol.GI
    if jeugdige:
        gemeente = jeugdige["gemeente"]
    gemeente = gemeente or (user.gemeente if user.rol == Rol.TOEGANG else None)
    if gemeente is None:
        raise veldfout("gemeente", "Geef de gemeente van de jeugdige op.")
    if user.rol == Rol.TOEGANG and gemeente.code != user.gemeente_id:
        raise veldfout("gemeente", "U kunt alleen casussen van uw eigen gemeente inbrengen.")
    jeugdige_obj = None
    if jeugdige:
        kader = Jeugdige.Kader.GEDWONGEN if via_gi else Jeugdige.Kader.VRIJWILLIG
        jeugdige_obj = jeugdige_vastleggen({**jeugdige, "gemeente": gemeente, "kader": kader})
    casus = Casus.objects.create(
        jeugdige=jeugdige_obj,
        gemeente=gemeente,
        inbrenger=user,
        via_gi=via_gi,
        vraag=vraag,
        geprobeerd=geprobeerd,
        gezinssituatie=gezinssituatie,
        toestemming=toestemming,
        urgentie=urgentie,
        ingediend_op=timezone.now(),
    )
    casus.domeinen.set(domeinen)
    if user.email:
        Deelnemer.objects.create(
            casus=casus,
            soort=Deelnemer.Soort.INBRENGER,
            naam=user.get_full_name() or user.username,
            organisatie="GI" if via_gi else f"Toegang {gemeente.naam}",
            email=user.email,
        )
    log(user, Actie.AANMAKEN, "experttafel.casus", casus, jeugdige_obj, request)
    return casus


@transaction.atomic
def plan_sessies(van: datetime.date, tot: datetime.date) -> list[Sessie]:
    """Make the cadence's sessions for a period (the chair planning a year); existing ones stay."""
    instelling = Instelling.huidige()
    wachtend = Casus.objects.wachtend().count()
    sessies = []
    for dag, _ in regels.planning(van, tot, wachtend, instelling.capaciteit_per_sessie):
        sessie, _ = Sessie.objects.get_or_create(
            datum=dag,
            defaults={
                "begintijd": instelling.begintijd,
                "eindtijd": instelling.eindtijd,
                "plaats": instelling.standaard_plaats,
                "capaciteit": instelling.capaciteit_per_sessie,
            },
        )
        sessies.append(sessie)
    return sessies


def extra_sessie(*, datum: datetime.date, plaats: str = "", capaciteit: int | None = None) -> Sessie:
    instelling = Instelling.huidige()
    if Sessie.objects.filter(datum=datum).exists():
        raise Conflict("Op deze datum is al een sessie.")
    return Sessie.objects.create(
        datum=datum,
        begintijd=instelling.begintijd,
        eindtijd=instelling.eindtijd,
        plaats=plaats or instelling.standaard_plaats,
        capaciteit=capaciteit or instelling.capaciteit_per_sessie,
        extra=True,
    )


@transaction.atomic
def annuleer_sessie(sessie: Sessie, *, reden: str) -> Sessie:
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if sessie.geannuleerd:
        raise Conflict("Deze sessie is al geannuleerd.")
    if not reden.strip():
        raise veldfout("reden", "Geef een reden voor de annulering.")
    sessie.geannuleerd, sessie.annuleringsreden = True, reden.strip()
    sessie.save()
    # The cases go back to the queue, to be put on the next agenda first.
    for casus in Casus.objects.select_for_update().filter(sessie=sessie, status="gepland"):
        casus.status, casus.sessie = "ingediend", None
        casus.save(update_fields=["status", "sessie"])
    return sessie


def standaard_plaats(casus: Casus, sessie: Sessie) -> str:
    """In the family's own municipality; a GI case may be discussed where the session is."""
    return sessie.plaats if casus.via_gi else f"Gemeentehuis {casus.gemeente.naam}"


@transaction.atomic
def agenderen(user, casus: Casus, sessie: Sessie, *, plaats: str = "", request=None) -> Casus:
    casus = _vergrendel(casus)
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if sessie.geannuleerd:
        raise Conflict("Deze sessie is geannuleerd.")
    if sessie.datum < timezone.localdate():
        raise Conflict("Deze sessie is al geweest.")
    if sessie.casussen.exclude(pk=casus.pk).filter(status__in=["gepland"]).count() >= sessie.capaciteit:
        raise Conflict(f"De agenda van {sessie.datum:%d-%m-%Y} is vol ({sessie.capaciteit} casussen).")
    _naar(casus, Casus.Status.GEPLAND)
    casus.sessie = sessie
    casus.plaats = plaats or standaard_plaats(casus, sessie)
    casus.save()
    log(user, Actie.WIJZIGEN, "experttafel.agenda", casus, casus.jeugdige, request)
    return casus


def deelnemer_toevoegen(user, casus: Casus, request=None, **gegevens) -> Deelnemer:
    deelnemer = Deelnemer.objects.create(casus=casus, **gegevens)
    log(user, Actie.WIJZIGEN, "experttafel.deelnemer", casus, casus.jeugdige, request)
    return deelnemer


def ics(casus: Casus) -> bytes:
    """A calendar invitation without the child's name: the subject stays general."""
    from icalendar import Calendar, Event

    sessie = casus.sessie
    cal = Calendar()
    cal.add("prodid", "-//Jeugdhulp Flevoland//Regionale experttafel//NL")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"casus-{casus.pk}-sessie-{sessie.pk}@jeugdhulp-flevoland")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", datetime.datetime.combine(sessie.datum, sessie.begintijd, tzinfo=TZ))
    event.add("dtend", datetime.datetime.combine(sessie.datum, sessie.eindtijd, tzinfo=TZ))
    event.add("summary", "Regionale experttafel Flevoland")
    event.add("location", casus.plaats or sessie.plaats)
    event.add("description", f"Bespreking van casus {casus.pk} aan de regionale experttafel.")
    cal.add_component(event)
    return cal.to_ical()


@transaction.atomic
def uitnodigen(user, casus: Casus, request=None) -> int:
    casus = _vergrendel(casus)
    if casus.status != Casus.Status.GEPLAND or casus.sessie is None:
        raise Conflict("Alleen een casus op de agenda van een sessie kan worden uitgenodigd.")
    deelnemers = list(casus.deelnemers.all())
    soorten = {d.soort for d in deelnemers}
    if Deelnemer.Soort.INBRENGER not in soorten:
        raise veldfout("deelnemers", "Nodig altijd iemand van het inbrengende toegangsteam of de GI uit.")
    if not soorten & {Deelnemer.Soort.OUDER, Deelnemer.Soort.JEUGDIGE}:
        raise veldfout("deelnemers", "De casus wordt besproken met ouders en jeugdige: nodig hen uit.")
    bijlage = ics(casus)
    for d in deelnemers:
        bericht = EmailMessage(
            subject=f"Uitnodiging regionale experttafel {casus.sessie.datum:%d-%m-%Y}",
            body=(
                f"Beste {d.naam},\n\nU bent uitgenodigd voor de regionale experttafel op "
                f"{casus.sessie.datum:%d-%m-%Y} om {casus.sessie.begintijd:%H:%M} in {casus.plaats}.\n"
                "In de bijlage staat de afspraak voor uw agenda.\n\nMet vriendelijke groet,\n"
                "De voorzitter van de regionale experttafel Flevoland"
            ),
            to=[d.email],
        )
        bericht.attach("experttafel.ics", bijlage, "text/calendar; method=REQUEST; charset=utf-8")
        bericht.send()
    casus.deelnemers.update(uitgenodigd_op=timezone.now())
    log(user, Actie.WIJZIGEN, "experttafel.uitnodiging", casus, casus.jeugdige, request)
    return len(deelnemers)


@transaction.atomic
def besproken(user, casus: Casus, *, datum: datetime.date | None = None, request=None) -> Casus:
    casus = _vergrendel(casus)
    _naar(casus, Casus.Status.BESPROKEN)
    casus.besproken_op = datum or (casus.sessie.datum if casus.sessie else timezone.localdate())
    casus.save()
    log(user, Actie.WIJZIGEN, "experttafel.bespreking", casus, casus.jeugdige, request)
    return casus


@transaction.atomic
def adviseren(
    user, casus: Casus, *, tekst: str, perspectief: str, datum: datetime.date | None = None, request=None
) -> Advies:
    casus = _vergrendel(casus)
    if not perspectief.strip():
        raise veldfout("perspectief", "Beschrijf het perspectief voor het kind en het gezin.")
    _naar(casus, Casus.Status.GEADVISEERD)
    casus.save()
    advies = Advies.objects.create(
        casus=casus, tekst=tekst, perspectief=perspectief, geschreven_door=user, datum=datum or timezone.localdate()
    )
    log(user, Actie.AANMAKEN, "experttafel.advies", casus, casus.jeugdige, request)
    return advies


@transaction.atomic
def opvolging_vastleggen(user, casus: Casus, *, opgevolgd: bool, motivering: str = "", request=None) -> Opvolging:
    if not opgevolgd and not motivering.strip():
        raise veldfout("motivering", "Het advies is bepalend: wie ervan afwijkt, motiveert dat.")
    casus = _vergrendel(casus)
    _naar(casus, Casus.Status.OPGEVOLGD)
    casus.save()
    opvolging = Opvolging.objects.create(casus=casus, opgevolgd=opgevolgd, motivering=motivering.strip(), door=user)
    log(user, Actie.AANMAKEN, "experttafel.opvolging", casus, casus.jeugdige, request)
    return opvolging


@transaction.atomic
def escaleren(user, casus: Casus, *, reden: str, request=None) -> Casus:
    if not reden.strip():
        raise veldfout("reden", "Geef aan waarom de regio geen antwoord heeft.")
    casus = _vergrendel(casus)
    _naar(casus, Casus.Status.GEESCALEERD)
    casus.escalatie_reden, casus.geescaleerd_op = reden.strip(), timezone.localdate()
    casus.save()
    log(user, Actie.WIJZIGEN, "experttafel.escalatie", casus, casus.jeugdige, request)
    return casus


@transaction.atomic
def intrekken(user, casus: Casus, *, reden: str, request=None) -> Casus:
    casus = _vergrendel(casus)
    _naar(casus, Casus.Status.INGETROKKEN)
    casus.intrekkingsreden, casus.sessie = reden.strip(), None
    casus.save()
    log(user, Actie.WIJZIGEN, "experttafel.intrekking", casus, casus.jeugdige, request)
    return casus


@transaction.atomic
def sluiten(user, casus: Casus, *, themas=(), les: str = "", request=None) -> Casus:
    casus = _vergrendel(casus)
    _naar(casus, Casus.Status.GESLOTEN)
    casus.les = les.strip()
    casus.save()
    if themas:
        casus.themas.set(themas)
    log(user, Actie.WIJZIGEN, "experttafel.sluiting", casus, casus.jeugdige, request)
    return casus


def tijdlijn(jeugdige, user) -> list:
    """This youth's expert-table steps that the user may see (a GI's case stays with the GI)."""
    from kern.tijdlijn import Stap

    stappen = []
    for c in Casus.objects.zichtbaar_voor(user).filter(jeugdige=jeugdige).select_related("advies"):
        stappen.append(Stap(timezone.localdate(c.ingediend_op), "experttafel", "Ingebracht bij de experttafel"))
        if c.besproken_op:
            stappen.append(Stap(c.besproken_op, "experttafel", "Besproken aan de experttafel"))
        advies = getattr(c, "advies", None)
        if advies is not None:
            stappen.append(Stap(advies.datum, "experttafel", "Bepalend advies van de experttafel"))
        if c.geescaleerd_op:
            stappen.append(Stap(c.geescaleerd_op, "experttafel", "Opgeschaald naar het bovenregionale netwerk"))
    return stappen
