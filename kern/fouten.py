"""How every service says 'no': a field error (400) or a conflict with the current state (409)."""

from django.core.exceptions import BadRequest, ValidationError
from rest_framework import exceptions, status


class Conflict(exceptions.APIException):
    """A conflict with the current state: no free place, already closed, a duplicate."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Dit conflicteert met de huidige stand van zaken."
    default_code = "conflict"


def veldfout(veld: str, melding: str) -> ValidationError:
    """A 400 in the contract's shape: {"veld": ["melding"]}."""
    return ValidationError({veld: [melding]})


class Ongeldig(BadRequest):
    """Bad input a page cannot show at a form field (an id in a hidden field or a button):
    a 400 page, or `{"veld": ["melding"]}` on the API (flevojeugd.views.ongeldig_verzoek)."""

    def __init__(self, veld: str, melding: str):
        super().__init__(melding)
        self.veld, self.melding = veld, melding


def id_uit(waarde, veld: str) -> int:
    """A database id sent by a client: a positive whole number in ASCII digits, or 400."""
    tekst = str(waarde if waarde is not None else "").strip()
    if not (tekst.isascii() and tekst.isdigit()) or len(tekst) > 18:
        raise Ongeldig(veld, f"Ongeldige {veld}: verwacht een nummer.")
    return int(tekst)


def leesbaar(exc: ValidationError | Conflict) -> str:
    """The Dutch message of a refusal, for a page's error banner."""
    if isinstance(exc, ValidationError):
        return " ".join(m for ms in exc.message_dict.values() for m in ms)
    if isinstance(exc.detail, dict):  # a conflict with more to say (e.g. the alternatives of a full facility)
        return str(exc.detail.get("detail", ""))
    return str(exc.detail)


def fouten_naar_form(form, exc: ValidationError) -> None:
    """A service's field errors shown at the form's own fields (the rest above the form)."""
    for veld, meldingen in exc.message_dict.items():
        form.add_error(veld if veld in form.fields else None, meldingen)
