"""Requesting and building quarterly reports. One pipeline for the browser, the command and beat.

A request makes a new version row at once; the Celery task fills that row. The build is
idempotent: a redelivered or retried task rebuilds the same version, never a second one.
"""

import datetime
import logging
from functools import partial

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from audit.models import Actie
from audit.services import log
from kern import kalender, secties
from kern.aggregaties import Kwartaal
from kern.fouten import veldfout
from kern.models import Gemeente

from .geheimhouding import GEHEIM
from .geheimhouding import publiek as publieke_variant
from .models import Rapport

logger = logging.getLogger(__name__)


def vraag_aan(user, kwartaal: Kwartaal, gemeente: Gemeente | None = None, publiek: bool = False) -> Rapport:
    """A new version of the report, queued for the worker once this transaction commits."""
    if getattr(user, "pk", None):  # beat plans the region's report without a user
        from accounts.permissions import vereist

        from .permissions import Bereik

        vereist(user, "rapportage.cijfers_bereik", Bereik(gemeente.pk if gemeente else None, publiek))

    for _ in range(3):  # two requests at once for the same report: the unique constraint decides
        try:
            with transaction.atomic():
                vorige = Rapport.objects.filter(kwartaal=str(kwartaal), gemeente=gemeente, publiek=publiek).aggregate(
                    m=Max("versie")
                )["m"]
                rapport = Rapport.objects.create(
                    kwartaal=str(kwartaal),
                    gemeente=gemeente,
                    publiek=publiek,
                    versie=(vorige or 0) + 1,
                    aangevraagd_door=user if getattr(user, "pk", None) else None,
                )
                transaction.on_commit(partial(aanbieden, rapport.pk))
            return rapport
        except IntegrityError:
            continue
    raise RuntimeError("Kon geen nieuwe versie vastleggen; probeer het opnieuw.")


WACHT_OP_WACHTRIJ = "Wacht op de takenwachtrij; wordt automatisch opnieuw aangeboden"


def aanbieden(rapport_id: int) -> None:
    """Hand the build to the queue. When the broker is away the request stays visible as waiting
    and beat offers it again (opnieuw_aanbieden); it never vanishes. The task is found by name
    (rapportage/apps.py registers it), so this module never imports rapportage.tasks, which
    imports this one."""
    from flevojeugd.celery import app

    taak = app.tasks["rapportage.tasks.bouw_rapport"]  # outside the try: a missing registration is a bug, not a broker away
    try:
        taak.delay(rapport_id)
    except Exception:  # kombu raises its own connection errors, wrapped variously
        logger.warning("Takenwachtrij onbereikbaar; rapport %s wacht", rapport_id)
        Rapport.objects.filter(pk=rapport_id, status=Rapport.Status.WACHTRIJ).update(stap=WACHT_OP_WACHTRIJ)


def opnieuw_aanbieden(ouder_dan: datetime.timedelta = datetime.timedelta(minutes=5)) -> int:
    """Offer again what waits too long in the queue (a broker that was down, a lost message)."""
    grens = timezone.now() - ouder_dan
    ids = list(
        Rapport.objects.filter(status=Rapport.Status.WACHTRIJ, aangevraagd_op__lt=grens).values_list("pk", flat=True)
    )
    for pk in ids:
        aanbieden(pk)
    return len(ids)


def _voortgang(rapport: Rapport, procent: int, stap: str) -> None:
    Rapport.objects.filter(pk=rapport.pk).update(voortgang=procent, stap=stap)


def kopcijfers(ccp: dict, beschermd: dict | None = None) -> dict:
    """The summary of the CCP figures. With `beschermd` (the public variant of the same
    figures) a sum of hidden cells is hidden too, and a mean over fewer than 5 stays is None:
    the summary must not give back what the tables hide."""
    stays = [d for d in ccp["verblijfsduur"].values() if d["aantal"]]
    aantal = sum(d["aantal"] for d in stays)
    gemiddeld = round(sum(d["aantal"] * d["gemiddeld"] for d in stays) / aantal, 1) if aantal else None
    inzet = ccp["inzet"]["totaal"]

    def som(kolommen):
        if beschermd and any(not isinstance(beschermd["inzet"]["totaal"][g][k], int) for g in inzet for k in kolommen):
            return GEHEIM
        return sum(inzet[g][k] for g in inzet for k in kolommen)

    bron = beschermd or ccp
    return {
        "aanmeldingen": bron["aanmeldingen"],
        "jeugdigen": bron["jeugdigen"],
        "ambulant": som(["ambulant"]),
        "verblijven": som(["crisisbed", "pleegzorg"]),
        "gemiddelde_verblijfsduur": None if beschermd and aantal < 5 else gemiddeld,
        "perspectiefplan_op_tijd_pct": bron["perspectiefplan_binnen_14_dagen"]["percentage"],
    }


def verzamel_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None, publiek: bool = False) -> dict:
    """All sections' figures for the quarter and the headline of the previous one; with
    `publiek` every section passes through the disclosure control (rapportage/geheimhouding)."""
    exact = {s.code: s.cijfers(kwartaal, gemeente) for s in secties.SECTIES}
    vorige = secties.sectie("ccp").cijfers(kwartaal.vorige(), gemeente)
    if publiek:
        per_sectie = {code: publieke_variant(code, c) for code, c in exact.items()}
        kop = kopcijfers(exact["ccp"], per_sectie["ccp"])
        kop_vorig = kopcijfers(vorige, publieke_variant("ccp", vorige))
    else:
        per_sectie, kop, kop_vorig = exact, kopcijfers(exact["ccp"]), kopcijfers(vorige)
    from .kpi import trend

    kpi_trend = trend(kwartaal, gemeente)
    if publiek:
        kpi_trend = [publieke_variant("kpi", t) for t in kpi_trend]
    from .trend import trend_per_sectie

    return {
        "kwartaal": str(kwartaal),
        "gemeente": gemeente.code if gemeente else None,
        "trend": trend_per_sectie(kwartaal, gemeente, publiek, per_sectie),
        "kpi": kpi_trend[-1],
        "kpi_trend": kpi_trend,
        "secties": per_sectie,
        "kop": kop,
        "kop_vorig": kop_vorig,
        "vorig_kwartaal": str(kwartaal.vorige()),
    }


def bouw(rapport_id: int) -> Rapport:
    rapport = Rapport.objects.select_related("gemeente").get(pk=rapport_id)
    if rapport.status == Rapport.Status.KLAAR and rapport.pdf:
        return rapport  # a redelivered task: the work is done
    Rapport.objects.filter(pk=rapport.pk).exclude(status=Rapport.Status.KLAAR).update(
        status=Rapport.Status.BEZIG, fout="", pogingen=rapport.pogingen + 1
    )
    kwartaal = Kwartaal.parse(rapport.kwartaal)
    _voortgang(rapport, 10, "Cijfers berekenen")
    from flevojeugd.routers import van_replica

    with van_replica():  # the figures from the replica when there is one; the report row on the primary
        cijfers = verzamel_cijfers(kwartaal, rapport.gemeente, publiek=rapport.publiek)
    _voortgang(rapport, 50, "PDF opmaken")
    from .pdf import render_rapport

    inhoud = render_rapport(rapport, cijfers)
    _voortgang(rapport, 90, "Opslaan")
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
        if rapport.status == Rapport.Status.KLAAR and rapport.pdf:
            return rapport
        if rapport.pdf:
            rapport.pdf.delete(save=False)
        rapport.pdf.save(rapport.bestandsnaam, ContentFile(inhoud), save=False)
        rapport.cijfers = cijfers
        rapport.status = Rapport.Status.KLAAR
        rapport.voortgang = 100
        rapport.stap = "Klaar"
        rapport.gereed_op = timezone.now()
        rapport.save()
    return rapport


def markeer_mislukt(rapport_id: int, melding: str) -> None:
    Rapport.objects.filter(pk=rapport_id).exclude(status=Rapport.Status.KLAAR).update(
        status=Rapport.Status.MISLUKT, fout=melding, stap="Mislukt"
    )


def download(user, rapport: Rapport, request=None):
    log(user, Actie.DOWNLOADEN, "rapportage.rapport", rapport, None, request)
    return rapport.pdf.open("rb")


def plan_kwartaal(vandaag: datetime.date | None = None) -> Rapport | None:
    """Beat's job: on the first working day of a quarter, the region's report of the last one."""
    vandaag = vandaag or timezone.localdate()
    if vandaag.month not in (1, 4, 7, 10) or vandaag != kalender.eerste_werkdag(vandaag.year, vandaag.month, kalender.sluitingsdagen()):
        return None
    kwartaal = Kwartaal.van_datum(vandaag).vorige()
    al = Rapport.objects.filter(
        kwartaal=str(kwartaal), gemeente=None, publiek=False, aangevraagd_door=None, aangevraagd_op__date=vandaag
    )
    if al.exists():
        return None
    return vraag_aan(None, kwartaal)


# --- the KPI's denominator: youth-care trajectories per municipality per quarter -------------

MAX_TRAJECTEN = 1_000_000  # more than every youth in the Netherlands: a typing error


def _kwartaal_of_fout(tekst: str, veld: str = "kwartaal") -> Kwartaal:
    try:
        k = Kwartaal.parse(str(tekst).strip())
    except (ValueError, TypeError):
        raise veldfout(veld, f"'{tekst}' is geen kwartaal; schrijf het als JJJJ-Qn, bijvoorbeeld 2026-Q3.") from None
    if not 2000 <= k.jaar <= 2100:
        raise veldfout(veld, "Kies een kwartaal tussen 2000 en 2100.")
    if k.van > timezone.localdate():
        raise veldfout(veld, f"{k} is nog niet begonnen.")
    return k


def _noemer_controle(user, gemeente_code: str, kwartaal: str, aantal) -> tuple[Gemeente, Kwartaal, int]:
    gemeente = Gemeente.objects.filter(code=str(gemeente_code).strip(), in_regio=True).first()
    if gemeente is None:
        raise veldfout("gemeente", f"Onbekende gemeente '{gemeente_code}'.")
    if getattr(user, "gemeente_id", None) and user.gemeente_id != gemeente.code:
        raise veldfout("gemeente", "U kunt alleen de trajecten van uw eigen gemeente vastleggen.")
    k = _kwartaal_of_fout(kwartaal)
    try:
        n = int(str(aantal).strip())
    except (ValueError, TypeError):
        raise veldfout("aantal", f"'{aantal}' is geen geheel aantal.") from None
    if not 0 < n <= MAX_TRAJECTEN:
        raise veldfout("aantal", f"Het aantal jeugdzorgtrajecten ligt tussen 1 en {MAX_TRAJECTEN:,}.".replace(",", "."))
    return gemeente, k, n


@transaction.atomic
def leg_trajecten_vast(user, gemeente: str, kwartaal: str, aantal, bron: str = "eigen", request=None):
    """Enter (or correct) a municipality's youth-care trajectories of one quarter."""
    from .models import JeugdzorgTrajecten

    if bron not in JeugdzorgTrajecten.Bron.values:
        raise veldfout("bron", "Kies de eigen registratie of CBS.")
    g, k, n = _noemer_controle(user, gemeente, kwartaal, aantal)
    obj, _ = JeugdzorgTrajecten.objects.update_or_create(
        gemeente=g, kwartaal=str(k), defaults={"aantal": n, "bron": bron, "vastgelegd_door": user}
    )
    log(user, Actie.WIJZIGEN, "rapportage.jeugdzorgtrajecten", obj, None, request)
    return obj


class ImportFout(Exception):
    def __init__(self, fouten: list[str]):
        super().__init__("; ".join(fouten))
        self.fouten = fouten


@transaction.atomic
def importeer_trajecten(user, tekst: str, request=None) -> int:
    """A CSV `gemeente,kwartaal,aantal[,bron]`: all rows or none, each error with its line."""
    import csv
    import io

    from django.core.exceptions import ValidationError

    from kern.fouten import leesbaar

    rijen = list(csv.reader(io.StringIO(tekst.replace("\x00", ""))))
    if not rijen:
        raise ImportFout(["Het bestand is leeg."])
    kop = [k.strip().lower() for k in rijen[0]]
    if not {"gemeente", "kwartaal", "aantal"} <= set(kop):
        raise ImportFout(["regel 1: kolommen gemeente, kwartaal en aantal zijn nodig."])
    fouten, gezien, n = [], set(), 0
    for nr, rij in enumerate(rijen[1:], start=2):
        if not any(c.strip() for c in rij):
            continue
        waarden = dict(zip(kop, rij, strict=False))
        sleutel = (waarden.get("gemeente", "").strip(), waarden.get("kwartaal", "").strip().upper())
        if sleutel in gezien:
            fouten.append(f"regel {nr}: {sleutel[0]} {sleutel[1]} staat twee keer in het bestand.")
            continue
        gezien.add(sleutel)
        try:
            with transaction.atomic():
                leg_trajecten_vast(
                    user,
                    waarden.get("gemeente", ""),
                    waarden.get("kwartaal", ""),
                    waarden.get("aantal", ""),
                    (waarden.get("bron") or "eigen").strip().lower(),
                    request,
                )
            n += 1
        except ValidationError as exc:
            fouten.append(f"regel {nr}: {leesbaar(exc)}")
        if len(fouten) >= 50:
            break
    if fouten:
        raise ImportFout(fouten)  # leaving the atomic block undoes the rows already written
    return n
