"""Shared API behaviour: errors in the contract's shape, never a 500 for client input."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    """A conflict with the current state: no free place, already closed, a duplicate."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Dit conflicteert met de huidige stand van zaken."
    default_code = "conflict"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
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


def fout(veld: str, melding: str) -> exceptions.ValidationError:
    """A 400 in the contract's shape: {"veld": ["melding"]}."""
    return exceptions.ValidationError({veld: [melding]})


def conflict(melding: str) -> Response:
    return Response({"detail": melding}, status=status.HTTP_409_CONFLICT)
