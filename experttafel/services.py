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
from kern import kalender
from kern.fouten import Conflict, veldfout
from kern.models import Aanbieder, Gemeente, Jeugdige, Regioinstelling
from kern.services import jeugdige_vastleggen

from . import regels
from .models import Advies, Casus, Deelnemer, Leerevaluatie, Opvolging, Sessie, Thema

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
        jeugdige_obj = jeugdige_vastleggen(
            {**jeugdige, "gemeente": gemeente, "kader": kader, "gi_medewerker": user if via_gi else None}
        )
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


def planning(van: datetime.date, tot: datetime.date) -> list[tuple[datetime.date, str]]:
    """The cadence's session dates for a period, with the reason of each: the pure rule
    (regels.planning) fed with today's queue, the session size and the closing days."""
    instelling = Regioinstelling.huidige()
    wachtend = Casus.objects.wachtend().count()
    return regels.planning(van, tot, wachtend, instelling.capaciteit_per_sessie, kalender.sluitingsdagen())


@transaction.atomic
def plan_sessies(van: datetime.date, tot: datetime.date) -> list[Sessie]:
    """Make the cadence's sessions for a period (the chair planning a year); existing ones stay."""
    instelling = Regioinstelling.huidige()
    sessies = []
    for dag, _ in planning(van, tot):
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


def _sessiedatum_controleren(datum: datetime.date) -> None:
    fout = regels.sessiedatum_fout(datum, timezone.localdate(), kalender.sluitingsdagen())
    if fout:
        raise veldfout("datum", fout)


@transaction.atomic
def extra_sessie(*, datum: datetime.date, plaats: str = "", capaciteit: int | None = None) -> Sessie:
    """An extra session beside the cadence: on a working day from today on, for at least one case."""
    instelling = Regioinstelling.huidige()
    _sessiedatum_controleren(datum)
    if capaciteit is not None and capaciteit < 1:
        raise veldfout("capaciteit", "Een sessie bespreekt minstens één casus.")
    if Sessie.objects.filter(datum=datum).exists():
        raise Conflict("Op deze datum is al een sessie.")
    return Sessie.objects.create(
        datum=datum,
        begintijd=instelling.begintijd,
        eindtijd=instelling.eindtijd,
        plaats=plaats.strip() or instelling.standaard_plaats,
        capaciteit=instelling.capaciteit_per_sessie if capaciteit is None else capaciteit,
        extra=True,
    )


@transaction.atomic
def sessie_verplaatsen(user, sessie: Sessie, *, datum: datetime.date, request=None) -> Sessie:
    """A session moves to another date: everyone invited gets an update of the same event."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if sessie.geannuleerd:
        raise Conflict("Deze sessie is geannuleerd.")
    if sessie.datum < timezone.localdate():
        raise Conflict("Deze sessie is al geweest.")
    _sessiedatum_controleren(datum)
    if Sessie.objects.filter(datum=datum).exclude(pk=sessie.pk).exists():
        raise Conflict("Op deze datum is al een sessie.")
    sessie.datum = datum
    sessie.save(update_fields=["datum"])
    for casus in Casus.objects.select_for_update().filter(sessie=sessie, status="gepland"):
        _uitnodiging_bijwerken(casus)
    return sessie


@transaction.atomic
def annuleer_sessie(sessie: Sessie, *, reden: str) -> Sessie:
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if sessie.geannuleerd:
        raise Conflict("Deze sessie is al geannuleerd.")
    if not reden.strip():
        raise veldfout("reden", "Geef een reden voor de annulering.")
    sessie.geannuleerd, sessie.annuleringsreden = True, reden.strip()
    sessie.save()
    # The cases go back to the queue, to be put on the next agenda first; whoever was invited
    # gets a METHOD:CANCEL of the same event, so no calendar keeps the meeting.
    for casus in Casus.objects.select_for_update().select_related("sessie").filter(sessie=sessie, status="gepland"):
        _uitnodiging_intrekken(casus)
        casus.status, casus.sessie, casus.volgorde = "ingediend", None, 0
        casus.save(update_fields=["status", "sessie", "volgorde", "ics_volgnummer"])
    return sessie


def standaard_plaats(casus: Casus, sessie: Sessie) -> str:
    """In the family's own municipality (its town hall, reference data); a case brought in by the
    GI, or from outside the region, is discussed where the session itself is."""
    if casus.via_gi or not casus.gemeente.vergaderplaats:
        return sessie.plaats
    return casus.gemeente.vergaderplaats


@transaction.atomic
def agenderen(user, casus: Casus, sessie: Sessie, *, plaats: str = "", request=None) -> Casus:
    casus = _vergrendel(casus)
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if sessie.geannuleerd:
        raise Conflict("Deze sessie is geannuleerd.")
    if sessie.datum < timezone.localdate():
        raise Conflict("Deze sessie is al geweest.")
    bezet = set(sessie.casussen.exclude(pk=casus.pk).filter(status="gepland").values_list("volgorde", flat=True))
    slot = regels.vrij_slot(bezet, sessie.capaciteit)
    if slot is None:
        raise Conflict(f"De agenda van {sessie.datum:%d-%m-%Y} is vol ({sessie.capaciteit} casussen).")
    _naar(casus, Casus.Status.GEPLAND)
    casus.sessie, casus.volgorde = sessie, slot
    casus.plaats = plaats.strip() or standaard_plaats(casus, sessie)
    casus.save()
    log(user, Actie.WIJZIGEN, "experttafel.agenda", casus, casus.jeugdige, request)
    return casus


def tijdslot(casus: Casus, minuten: int | None = None) -> tuple[datetime.datetime, datetime.datetime]:
    """The case's own time on its session's agenda (a regional setting, 45 minutes by default)."""
    if minuten is None:
        minuten = Regioinstelling.huidige().tijdslot_minuten
    begin, eind = regels.tijdslot(casus.sessie.datum, casus.sessie.begintijd, minuten, casus.volgorde)
    return begin.replace(tzinfo=TZ), eind.replace(tzinfo=TZ)


@transaction.atomic
def volgorde_wijzigen(user, casus: Casus, *, richting: int, request=None) -> Casus:
    """Move a case one slot earlier (-1) or later (+1); a case in that slot takes the old one.
    Whoever was invited for either case gets an update of the same event."""
    casus = _vergrendel(casus)
    if casus.status != Casus.Status.GEPLAND or casus.sessie is None:
        raise Conflict("Alleen een casus op de agenda van een komende sessie krijgt een ander tijdslot.")
    sessie = Sessie.objects.select_for_update().get(pk=casus.sessie_id)
    nieuw = casus.volgorde + (1 if richting > 0 else -1)
    if not 1 <= nieuw <= sessie.capaciteit:
        raise Conflict("Deze casus staat al aan het begin of het eind van de agenda.")
    buur = Casus.objects.select_for_update().filter(sessie=sessie, status="gepland", volgorde=nieuw).first()
    if buur is not None:
        buur.volgorde = casus.volgorde
        buur.save(update_fields=["volgorde"])
        _uitnodiging_bijwerken(Casus.objects.select_related("sessie").get(pk=buur.pk))
    casus.volgorde = nieuw
    casus.save(update_fields=["volgorde"])
    _uitnodiging_bijwerken(Casus.objects.select_related("sessie").get(pk=casus.pk))
    log(user, Actie.WIJZIGEN, "experttafel.agenda", casus, casus.jeugdige, request)
    return casus


@transaction.atomic
def deelnemer_toevoegen(user, casus: Casus, request=None, **gegevens) -> Deelnemer:
    deelnemer = Deelnemer.objects.create(casus=casus, **gegevens)
    log(user, Actie.WIJZIGEN, "experttafel.deelnemer", casus, casus.jeugdige, request)
    return deelnemer


def ics(casus: Casus, deelnemer: Deelnemer, *, methode: str = "REQUEST") -> bytes:
    """An iTIP message (RFC 5545/5546) for one participant: REQUEST for an invitation or an
    update, CANCEL when the meeting is off. One UID per case, SEQUENCE counts the changes.
    No names of the youth or the parents: the subject stays general, attendees of the family
    are addressed by e-mail only."""
    from icalendar import Calendar, Event, vCalAddress, vText

    instelling = Regioinstelling.huidige()
    begin, eind = tijdslot(casus)
    cal = Calendar()
    cal.add("prodid", "-//Jeugdhulp Flevoland//Regionale experttafel//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", methode)
    event = Event()
    event.add("uid", casus.uid)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("sequence", casus.ics_volgnummer)
    event.add("status", "CANCELLED" if methode == "CANCEL" else "CONFIRMED")
    event.add("dtstart", begin)
    event.add("dtend", eind)
    event.add("summary", "Regionale experttafel Flevoland")
    event.add("location", casus.plaats or casus.sessie.plaats)
    event.add("description", f"Bespreking van casus {casus.pk} aan de regionale experttafel.")
    organisator = vCalAddress(f"mailto:{instelling.organisator_email}")
    organisator.params["cn"] = vText(instelling.organisator_naam)
    event.add("organizer", organisator)
    deelnemer_adres = vCalAddress(f"mailto:{deelnemer.email}")
    deelnemer_adres.params["cutype"] = vText("INDIVIDUAL")
    deelnemer_adres.params["role"] = vText("REQ-PARTICIPANT")
    deelnemer_adres.params["partstat"] = vText("NEEDS-ACTION")
    deelnemer_adres.params["rsvp"] = vText("TRUE")
    if deelnemer.soort not in (Deelnemer.Soort.OUDER, Deelnemer.Soort.JEUGDIGE):
        deelnemer_adres.params["cn"] = vText(deelnemer.organisatie or deelnemer.get_soort_display())
    event.add("attendee", deelnemer_adres)
    cal.add_component(event)
    cal.add_missing_timezones()  # VTIMEZONE for TZID=Europe/Amsterdam
    return cal.to_ical()


def _bericht(casus: Casus, deelnemer: Deelnemer, methode: str) -> EmailMessage:
    """One mail, one charset: the text and the calendar part are both UTF-8, declared once each."""
    begin, _ = tijdslot(casus)
    if methode == "CANCEL":
        onderwerp = f"Afgezegd: regionale experttafel {begin:%d-%m-%Y}"
        tekst = (
            f"Beste {deelnemer.naam},\n\nDe bespreking aan de regionale experttafel op {begin:%d-%m-%Y} om "
            f"{begin:%H:%M} gaat niet door. U krijgt een nieuwe uitnodiging zodra er een nieuwe datum is.\n"
        )
    else:
        onderwerp = f"Uitnodiging regionale experttafel {begin:%d-%m-%Y}"
        tekst = (
            f"Beste {deelnemer.naam},\n\nU bent uitgenodigd voor de regionale experttafel op "
            f"{begin:%d-%m-%Y} om {begin:%H:%M} in {casus.plaats}.\n"
            "In de bijlage staat de afspraak voor uw agenda."
        )
    tekst += "\n\nMet vriendelijke groet,\nDe voorzitter van de regionale experttafel Flevoland\n"
    bericht = EmailMessage(subject=onderwerp, body=tekst, to=[deelnemer.email])
    # Django adds the charset to a text/* part itself: naming it here too gave the part two.
    bericht.attach(
        "experttafel.ics", ics(casus, deelnemer, methode=methode).decode("utf-8"), f"text/calendar; method={methode}"
    )
    return bericht


def _na_commit_versturen(berichten: list[EmailMessage]) -> None:
    """Mail leaves only when the change is committed: a rolled-back invitation sends nothing."""
    if berichten:
        transaction.on_commit(lambda: [b.send() for b in berichten])


def _uitnodiging_bijwerken(casus: Casus) -> None:
    """The time or place of an invited case changed: a REQUEST with a higher SEQUENCE."""
    uitgenodigd = [d for d in casus.deelnemers.all() if d.uitgenodigd_op]
    if not uitgenodigd:
        return
    casus.ics_volgnummer += 1
    Casus.objects.filter(pk=casus.pk).update(ics_volgnummer=casus.ics_volgnummer)
    _na_commit_versturen([_bericht(casus, d, "REQUEST") for d in uitgenodigd])


def _uitnodiging_intrekken(casus: Casus) -> None:
    """The meeting is off for this case: a METHOD:CANCEL of the same UID to everyone invited."""
    uitgenodigd = [d for d in casus.deelnemers.all() if d.uitgenodigd_op]
    if not uitgenodigd or casus.sessie is None:
        return
    casus.ics_volgnummer += 1
    Casus.objects.filter(pk=casus.pk).update(ics_volgnummer=casus.ics_volgnummer)
    _na_commit_versturen([_bericht(casus, d, "CANCEL") for d in uitgenodigd])
    casus.deelnemers.update(uitgenodigd_op=None)


@transaction.atomic
def uitnodigen(user, casus: Casus, request=None) -> int:
    casus = _vergrendel(casus)
    if casus.status != Casus.Status.GEPLAND or casus.sessie is None:
        raise Conflict("Alleen een casus op de agenda van een sessie kan worden uitgenodigd.")
    deelnemers = list(casus.deelnemers.all())
    soorten = {d.soort for d in deelnemers}
    if Deelnemer.Soort.INBRENGER not in soorten:
        raise veldfout("deelnemers", "Nodig altijd iemand van het inbrengende toegangsteam of de GI uit.")
    # Parents and youth are at the table in their own municipality; a GI case may be an exception.
    if not casus.via_gi and not soorten & {Deelnemer.Soort.OUDER, Deelnemer.Soort.JEUGDIGE}:
        raise veldfout("deelnemers", "De casus wordt besproken met ouders en jeugdige: nodig hen uit.")
    _na_commit_versturen([_bericht(casus, d, "REQUEST") for d in deelnemers])
    casus.deelnemers.update(uitgenodigd_op=timezone.now())
    log(user, Actie.WIJZIGEN, "experttafel.uitnodiging", casus, casus.jeugdige, request)
    return len(deelnemers)


def _na_de_sessie(casus: Casus, wat: str) -> None:
    """Discussed, advice and follow-up follow the meeting: not before its session's date."""
    if casus.sessie_id and timezone.localdate() < casus.sessie.datum:
        raise Conflict(f"{wat} kan pas vanaf de sessie van {casus.sessie.datum:%d-%m-%Y}.")


def _datum_na_sessie(casus: Casus, datum: datetime.date, veld: str) -> None:
    if datum > timezone.localdate():
        raise veldfout(veld, "Deze datum ligt in de toekomst.")
    if casus.sessie_id and datum < casus.sessie.datum:
        raise veldfout(veld, f"Deze datum ligt vóór de sessie van {casus.sessie.datum:%d-%m-%Y}.")


@transaction.atomic
def besproken(user, casus: Casus, *, datum: datetime.date | None = None, request=None) -> Casus:
    casus = _vergrendel(casus)
    _naar(casus, Casus.Status.BESPROKEN)
    _na_de_sessie(casus, "Een casus als besproken markeren")
    if datum is not None:
        _datum_na_sessie(casus, datum, "datum")
    casus.besproken_op = datum or (casus.sessie.datum if casus.sessie else timezone.localdate())
    casus.save()
    log(user, Actie.WIJZIGEN, "experttafel.bespreking", casus, casus.jeugdige, request)
    return casus


@transaction.atomic
def adviseren(
    user,
    casus: Casus,
    *,
    tekst: str,
    perspectief: str,
    datum: datetime.date | None = None,
    aanbieders=(),
    request=None,
) -> Advies:
    casus = _vergrendel(casus)
    if not perspectief.strip():
        raise veldfout("perspectief", "Beschrijf het perspectief voor het kind en het gezin.")
    _naar(casus, Casus.Status.GEADVISEERD)
    _na_de_sessie(casus, "Een advies vastleggen")
    if datum is not None:
        _datum_na_sessie(casus, datum, "datum")
    casus.save()
    advies = Advies.objects.create(
        casus=casus, tekst=tekst, perspectief=perspectief, geschreven_door=user, datum=datum or timezone.localdate()
    )
    advies.aanbieders.set(aanbieders)
    log(user, Actie.AANMAKEN, "experttafel.advies", casus, casus.jeugdige, request)
    return advies


def partijen(casus: Casus) -> list[Aanbieder | None]:
    """Who follows the decisive advice: the municipality (None) and each provider named in it."""
    if not hasattr(casus, "advies"):
        return []
    return [None, *casus.advies.aanbieders.all()]


@transaction.atomic
def opvolging_vastleggen(
    user, casus: Casus, *, opgevolgd: bool, motivering: str = "", aanbieder: Aanbieder | None = None, request=None
) -> Opvolging:
    """One party's follow-up; a deviation needs a written motivation. The case counts as
    followed up once every party in the advice has recorded theirs."""
    if not opgevolgd and not motivering.strip():
        raise veldfout("motivering", "Het advies is bepalend: wie ervan afwijkt, motiveert dat.")
    casus = _vergrendel(casus)
    if casus.status != Casus.Status.GEADVISEERD:
        raise Conflict(f"Een casus met status '{casus.get_status_display().lower()}' krijgt geen opvolging (meer).")
    _na_de_sessie(casus, "Opvolging vastleggen")
    casus = Casus.objects.select_related("advies", "sessie", "gemeente").get(pk=casus.pk)
    betrokken = partijen(casus)
    if aanbieder is not None and aanbieder not in betrokken:
        raise veldfout("aanbieder", "Deze aanbieder wordt in het advies niet genoemd.")
    if casus.opvolgingen.filter(aanbieder=aanbieder).exists():
        raise Conflict("De opvolging van deze partij is al vastgelegd.")
    opvolging = Opvolging.objects.create(
        casus=casus, aanbieder=aanbieder, opgevolgd=opgevolgd, motivering=motivering.strip(), door=user
    )
    vastgelegd = set(casus.opvolgingen.values_list("aanbieder_id", flat=True))
    if all((p.pk if p else None) in vastgelegd for p in betrokken):
        _naar(casus, Casus.Status.OPGEVOLGD)
        casus.save(update_fields=["status"])
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
def escalatie_uitkomst(user, casus: Casus, *, uitkomst: str, datum: datetime.date, request=None) -> Casus:
    """What the supra-regional expertise network answered, and when."""
    if not uitkomst.strip():
        raise veldfout("uitkomst", "Beschrijf de uitkomst van het bovenregionaal expertisenetwerk.")
    casus = _vergrendel(casus)
    if casus.geescaleerd_op is None:
        raise Conflict("Deze casus is niet geëscaleerd.")
    if casus.escalatie_uitkomst_op is not None:
        raise Conflict("De uitkomst van de escalatie is al vastgelegd.")
    if datum > timezone.localdate():
        raise veldfout("datum", "Deze datum ligt in de toekomst.")
    if datum < casus.geescaleerd_op:
        raise veldfout("datum", "De uitkomst kan niet vóór de escalatie liggen.")
    casus.escalatie_uitkomst, casus.escalatie_uitkomst_op = uitkomst.strip(), datum
    casus.save(update_fields=["escalatie_uitkomst", "escalatie_uitkomst_op"])
    log(user, Actie.WIJZIGEN, "experttafel.escalatie", casus, casus.jeugdige, request)
    return casus


@transaction.atomic
def intrekken(user, casus: Casus, *, reden: str, request=None) -> Casus:
    casus = _vergrendel(casus)
    _naar(casus, Casus.Status.INGETROKKEN)
    _uitnodiging_intrekken(casus)
    casus.intrekkingsreden, casus.sessie, casus.volgorde = reden.strip(), None, 0
    casus.save()
    log(user, Actie.WIJZIGEN, "experttafel.intrekking", casus, casus.jeugdige, request)
    return casus


@transaction.atomic
def sluiten(user, casus: Casus, *, themas=(), les: str = "", request=None) -> Casus:
    if les.strip() and not themas:
        raise veldfout("themas", "Kies bij een les minstens één thema van de leercirkel.")
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


def leerevaluatie_na_verblijf(
    soort: str, bron_id: int, gemeente_id: str, vervolg: str | None, einddatum: datetime.date
) -> Leerevaluatie | None:
    """Actieleren after every out-of-home placement: called where a crisis stay or a placement
    ends (in that transaction). A uhp_* follow-up makes a learning review due; others nothing."""
    if not regels.is_uithuisplaatsing(vervolg):
        return None
    termijn = Regioinstelling.huidige().leerevaluatie_termijn_dagen
    evaluatie, _ = Leerevaluatie.objects.get_or_create(
        soort=soort,
        bron_id=bron_id,
        defaults={
            "gemeente_id": gemeente_id,
            "vervolg": vervolg.strip(),
            "einddatum": einddatum,
            "uiterlijk": einddatum + datetime.timedelta(days=termijn),
        },
    )
    return evaluatie


@transaction.atomic
def leerevaluatie_vastleggen(
    user, evaluatie: Leerevaluatie, *, gehouden_op: datetime.date, wie: str, geleerd: str, thema: Thema | None
) -> Leerevaluatie:
    """Who took part, when, what was learned (without names) and under which theme."""
    evaluatie = Leerevaluatie.objects.select_for_update().get(pk=evaluatie.pk)
    if evaluatie.gehouden_op is not None:
        raise Conflict("Deze leerevaluatie is al vastgelegd.")
    if gehouden_op > timezone.localdate():
        raise veldfout("gehouden_op", "Deze datum ligt in de toekomst.")
    if gehouden_op < evaluatie.einddatum:
        raise veldfout("gehouden_op", "Een leerevaluatie volgt op het einde van het verblijf.")
    if not wie.strip():
        raise veldfout("wie", "Noem wie deelnamen (functies of organisaties).")
    if not geleerd.strip():
        raise veldfout("geleerd", "Beschrijf wat er is geleerd.")
    if thema is None:
        raise veldfout("thema", "Kies het thema van de leercirkel.")
    evaluatie.gehouden_op, evaluatie.wie, evaluatie.geleerd = gehouden_op, wie.strip(), geleerd.strip()
    evaluatie.thema, evaluatie.vastgelegd_door = thema, user
    evaluatie.save()
    return evaluatie
