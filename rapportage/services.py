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
from crisis.cijfers import Kwartaal
from kern import kalender
from kern.models import Gemeente

from . import secties
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
    and beat offers it again (opnieuw_aanbieden); it never vanishes."""
    from .tasks import bouw_rapport

    try:
        bouw_rapport.delay(rapport_id)
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
    return {
        "kwartaal": str(kwartaal),
        "gemeente": gemeente.code if gemeente else None,
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
    if vandaag.month not in (1, 4, 7, 10) or vandaag != kalender.eerste_werkdag(vandaag.year, vandaag.month):
        return None
    kwartaal = Kwartaal.van_datum(vandaag).vorige()
    al = Rapport.objects.filter(
        kwartaal=str(kwartaal), gemeente=None, publiek=False, aangevraagd_door=None, aangevraagd_op__date=vandaag
    )
    if al.exists():
        return None
    return vraag_aan(None, kwartaal)
