"""Occupancy, defined once for the whole region.

A place is occupied on a day by a running crisis stay (crisis app) or a running placement
(service point). Every board, capacity check and figure reads `met_bezetting`.
"""

import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

DEFINITIE = (
    "Bezet is het aantal jeugdigen dat op de peildatum in de voorziening verblijft: lopende "
    "crisisverblijven en lopende plaatsingen. Vrij is capaciteit min bezet, nooit minder dan nul."
)


def _telling(qs):
    return Subquery(
        qs.order_by().values("voorziening").annotate(n=Count("id")).values("n")[:1], output_field=IntegerField()
    )


def met_bezetting(voorzieningen, dag: datetime.date):
    from crisis.models import Inzet
    from servicepunt.models import Plaatsing

    crisis = Inzet.objects.filter(voorziening=OuterRef("pk"), hulpvorm__verblijf=True, einddatum__isnull=True)
    plaatsing = Plaatsing.objects.filter(voorziening=OuterRef("pk"), startdatum__lte=dag).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gt=dag)
    )
    return voorzieningen.annotate(
        bezet=Coalesce(_telling(crisis), Value(0)) + Coalesce(_telling(plaatsing), Value(0)),
    ).annotate(vrij=Greatest(F("capaciteit") - F("bezet"), Value(0)))
