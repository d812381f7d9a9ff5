from celery import shared_task


# The import is all or nothing in one transaction, so a redelivery after a lost worker reads
# the file again and either writes it whole or finds it already there (idempotent).
# A national history (1M rows) takes minutes; the limits stay under the broker's one-hour
# visibility timeout (settings.CELERY_BROKER_TRANSPORT_OPTIONS).
@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=2700, time_limit=3000)
def importeer_bestand(import_id: int) -> int:
    from .importeren import voer_uit

    voer_uit(import_id)
    return import_id
