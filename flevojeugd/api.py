"""Shared API behaviour: errors in the contract's shape, never a 500 for client input."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from rest_framework import exceptions, parsers
from rest_framework.views import exception_handler as drf_exception_handler

from kern.fouten import Conflict

__all__ = ["Conflict", "exception_handler"]


NUL_MELDING = "Bevat een teken dat niet is toegestaan (NUL)."


def _veld_met_nul(data, pad="") -> str | None:
    """The first field whose value holds a NUL character: PostgreSQL cannot store it."""
    if isinstance(data, dict):
        for k, v in data.items():
            gevonden = _veld_met_nul(v, f"{pad}.{k}" if pad else str(k))
            if gevonden:
                return gevonden
    elif isinstance(data, list):
        for v in data:
            gevonden = _veld_met_nul(v, pad)
            if gevonden:
                return gevonden
    elif isinstance(data, str) and "\x00" in data:
        return pad or "non_field_errors"
    return None


class JSONParser(parsers.JSONParser):
    """JSON nested deeper than Python's recursion limit is bad input (400), not a crash."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("De JSON is te diep genest.") from None


def exception_handler(exc, context):
    if isinstance(exc, DataError):
        request = context.get("request")
        veld = _veld_met_nul(getattr(request, "data", None)) if request is not None else None
        exc = exceptions.ValidationError({veld or "non_field_errors": [NUL_MELDING]})
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, IntegrityError):
        exc = Conflict("Dit bestaat al of botst met bestaande gegevens.")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Niet gevonden.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied("U heeft geen toestemming voor deze actie.")
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    return response
