"""A double click or a retry makes one record: a one-time key per request, never the content.

The content cannot tell a double click from a second real request (the contract wants ten
registrations of one BSN to give ten referrals, and a second referral of a youth to reach the
one-crisis-place rule). So a request that creates something may carry a key:

- a page form carries a hidden one-time token (`{% eenmalig %}`, made when the form is shown);
  `eenmalig(request, onderwerp, maak)` runs `maak()` once per token. The token's row is claimed
  in the same transaction as the record, so a second click waits for the first and then gets
  its record (the view redirects to it with "al opgeslagen"); when the first fails, nothing of
  it stays and the next click simply tries again.
- an API call may send `Idempotency-Key` (flevojeugd.api_basis): the same key of the same user
  answers the stored answer of the first call, while that user may still take the action and
  see its record (otherwise what a fresh request gets: 403 or a logged 404); the same key with
  another body is a 409, and so is a call while the first with that key still runs (as the
  IETF draft and Stripe do).

Keys live in `kern.Verzoeksleutel`, one per user and key, and expire after GELDIG
(`verzoeksleutels_opruimen` removes them; an expired key counts as new).
"""

import datetime
import hashlib
import json
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .fouten import Conflict, Ongeldig, veldfout
from .models import Verzoeksleutel

GELDIG = datetime.timedelta(hours=24)
# A claim without result this old belongs to a request that died (a crash, a timeout).
VERLATEN_NA = datetime.timedelta(minutes=2)
VELD = "eenmalig"  # the page form's hidden field
KOPTEKST = "Idempotency-Key"
AL_OPGESLAGEN = "Dit was al opgeslagen (u klikte twee keer); u ziet het eerder opgeslagen resultaat."
NOG_BEZIG = "Een verzoek met deze Idempotency-Key wordt nog verwerkt; probeer het zo opnieuw."
ANDER_VERZOEK = "Deze Idempotency-Key is al gebruikt voor een ander verzoek."
# The stored key carries its kind ('api:', 'pagina:') in Verzoeksleutel.sleutel (200 characters):
# a longer key would not fit and end in a 500.
MAX_SLEUTEL = 190


def nieuw_token() -> str:
    return secrets.token_urlsafe(24)


def geldige_sleutel(waarde: str, veld: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde or len(waarde) > MAX_SLEUTEL or not waarde.isascii() or not waarde.isprintable():
        raise Ongeldig(veld, f"{veld}: gebruik 1 tot {MAX_SLEUTEL} zichtbare ASCII-tekens.")
    return waarde


def vingerafdruk(pad: str, gegevens) -> str:
    tekst = json.dumps(gegevens, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(f"{pad}\n{tekst}".encode()).hexdigest()


def claim(user, sleutel: str, afdruk: str) -> tuple[Verzoeksleutel, bool]:
    """The key's row: (row, True) when this request may go ahead, (earlier row, False) otherwise.

    Unique per user and key: a concurrent second INSERT waits for the first transaction and then
    finds its row (or, when that rolled back, inserts its own)."""
    nu = timezone.now()
    Verzoeksleutel.objects.filter(gebruiker=user, sleutel=sleutel, aangemaakt_op__lt=nu - GELDIG).delete()
    Verzoeksleutel.objects.filter(
        gebruiker=user, sleutel=sleutel, status__isnull=True, aangemaakt_op__lt=nu - VERLATEN_NA
    ).delete()
    # Twice at most: when the earlier request's failed row is deleted between our INSERT's
    # conflict and our read, the key is free again and the second INSERT takes it.
    for _ in range(2):
        try:
            with transaction.atomic():
                return Verzoeksleutel.objects.create(
                    gebruiker=user, sleutel=sleutel, vingerafdruk=afdruk, aangemaakt_op=nu
                ), True
        except IntegrityError:
            rij = Verzoeksleutel.objects.select_related("jeugdige").filter(gebruiker=user, sleutel=sleutel).first()
            if rij is not None:
                return rij, False
    raise Conflict("Dit verzoek wordt nog verwerkt; probeer het zo opnieuw.")


@dataclass
class Uitkomst:
    obj: object = None  # the record made now
    eerder_id: str | None = None  # or the id of the record the same token made before

    @property
    def eerder(self) -> bool:
        return self.eerder_id is not None


def eenmalig(request, onderwerp: str, maak) -> Uitkomst:
    """A page's creating action, once per form token: `maak()` returns the new record.

    Without a token (an old page, a script) `maak()` simply runs."""
    token = request.POST.get(VELD)
    if not token:
        return Uitkomst(obj=maak())
    token = geldige_sleutel(token, VELD)
    with transaction.atomic():
        rij, nieuw = claim(request.user, f"pagina:{token}", vingerafdruk(request.path, onderwerp))
        if not nieuw:
            if rij.onderwerp != onderwerp or not rij.object_id:  # a token sent with another form
                raise veldfout(VELD, ANDER_VERZOEK)
            return Uitkomst(eerder_id=rij.object_id)
        obj = maak()
        rij.onderwerp, rij.object_id, rij.status = onderwerp, str(obj.pk), 200
        rij.jeugdige_id = _jeugdige_id(obj)
        rij.save(update_fields=["onderwerp", "object_id", "status", "jeugdige"])
    return Uitkomst(obj=obj)


def _jeugdige_id(obj):
    for pad in ("jeugdige_id", "aanmelding.jeugdige_id", "beschikking.jeugdige_id"):
        waarde = obj
        for deel in pad.split("."):
            waarde = getattr(waarde, deel, None)
        if waarde is not None:
            return waarde
    return None


def opruimen(nu: datetime.datetime | None = None) -> int:
    """Remove expired keys (Celery beat, hourly)."""
    return Verzoeksleutel.objects.filter(aangemaakt_op__lt=(nu or timezone.now()) - GELDIG).delete()[0]
