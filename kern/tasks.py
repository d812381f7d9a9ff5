from celery import shared_task


@shared_task
def verzoeksleutels_opruimen() -> int:
    """One-time keys of requests (kern/idempotentie.py) are kept 24 hours, then removed."""
    from .idempotentie import opruimen

    return opruimen()
