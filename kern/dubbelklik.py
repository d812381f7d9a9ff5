"""One rule against a double click or a retry: the same request by the same user within a short
window is answered 409 and creates nothing (decisions, placements, referrals, deployments, cases).

- `VENSTER`: how long a repeated identical request counts as the same one.
- `vergrendel(user, soort)`: serialises one user's creations of one kind within the transaction
  (a PostgreSQL advisory lock), so two simultaneous clicks cannot both pass the check.
- `zelfde_jeugdige(jeugdige, pad)`: the youth's identity as registered (a youth without a BSN gets
  a new record on every registration, so the record itself cannot show the repeat).
- `weiger_herhaling(zelfde, melding, tijdveld)`: 409 when `zelfde` holds a record made within the
  window."""

import datetime
import zlib

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from .fouten import Conflict

VENSTER = datetime.timedelta(minutes=10)


def vergrendel(user, soort: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [zlib.crc32(soort.encode()) & 0x7FFFFFFF, user.pk])


def zelfde_jeugdige(jeugdige, pad: str = "jeugdige") -> Q:
    if jeugdige.bsn:
        return Q(**{f"{pad}__gemeente_id": jeugdige.gemeente_id, f"{pad}__bsn": jeugdige.bsn})
    return Q(
        **{
            f"{pad}__gemeente_id": jeugdige.gemeente_id,
            f"{pad}__bsn__isnull": True,
            f"{pad}__voornaam": jeugdige.voornaam,
            f"{pad}__achternaam": jeugdige.achternaam,
            f"{pad}__geboortedatum": jeugdige.geboortedatum,
        }
    )


def weiger_herhaling(zelfde: QuerySet, melding: str, tijdveld: str) -> None:
    if zelfde.filter(**{f"{tijdveld}__gte": timezone.now() - VENSTER}).exists():
        raise Conflict(melding)
