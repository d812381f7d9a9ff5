import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from . import services

logger = logging.getLogger(__name__)

# Worth another try: the database or the file store was briefly away.
TIJDELIJK = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, soft_time_limit=540, time_limit=600)
def bouw_rapport(self, rapport_id: int) -> int:
    """Idempotent: builds the given version; a retry or redelivery rebuilds the same row."""
    try:
        with transaction.atomic():  # a failed build leaves nothing half written
            services.bouw(rapport_id)
    except TIJDELIJK as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        services.markeer_mislukt(
            rapport_id, "De database was na meerdere pogingen niet bereikbaar. Vraag het rapport opnieuw aan."
        )
    except Exception as exc:  # the person who asked sees it, not a spinner forever
        logger.exception("Rapport %s mislukt", rapport_id)
        services.markeer_mislukt(rapport_id, f"Het maken van het rapport is mislukt ({type(exc).__name__}: {exc}).")
    return rapport_id


@shared_task
def plan_kwartaalrapportage():
    rapport = services.plan_kwartaal()
    return rapport.pk if rapport else None


@shared_task
def herbied_wachtende_rapporten():
    return services.opnieuw_aanbieden()
