"""Finding the records of one youth. Each municipality keeps its own record of a youth; the
records of one person are linked by BSN inside the system, never merged (the hmis-warehouse
approach). Only regional functions that need the person across municipalities (the CCP, the
service point) use `zelfde_persoon`, and never show a caller a record it may not see."""

from django.db import models
from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat


class JeugdigeQuerySet(models.QuerySet):
    def zelfde_persoon(self, jeugdige):
        """All records (of every municipality) of the person `jeugdige` is a record of, itself
        included. Linked by BSN; a record without a BSN is linked to nothing but itself.

        For internal regional checks (one crisis place per youth at a time, a decision's stay):
        the result may hold other municipalities' records, so it is never rendered or returned
        to a caller as such; filter it further with the caller's own `zichtbaar_voor`."""
        if jeugdige.bsn:
            return self.filter(bsn=jeugdige.bsn)
        return self.filter(pk=jeugdige.pk)


def persoon(pad: str = "jeugdige"):
    """An expression naming the person a youth record belongs to, for counting distinct youths
    across municipalities: the BSN, or the record itself when it has none. `pad` is the path from
    the counted model to the youth ("" on Jeugdige itself). Never shown: only counted."""
    voor = f"{pad}__" if pad else ""
    return Coalesce(F(f"{voor}bsn"), Concat(Value("#"), Cast(F(f"{voor}id"), CharField())))


def aantal_personen(pad: str = "jeugdige", filter: Q | None = None):
    """Count(persoon(pad), distinct=True), the same number written as records without a BSN plus
    distinct BSNs: PostgreSQL then counts integers and BSNs instead of building a text per row
    (#14.4: a quarter's youths in a quarter of the time). A BSN is digits, never '#…', so no
    two persons collide either way. `filter` counts only the rows it holds for, as Count's does."""
    voor = f"{pad}__" if pad else ""
    alle = filter if filter is not None else Q()
    return Count(f"{voor}id", distinct=True, filter=alle & Q(**{f"{voor}bsn__isnull": True})) + Count(
        f"{voor}bsn", distinct=True, filter=filter
    )
