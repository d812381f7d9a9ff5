import csv

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from accounts.permissions import vereist
from flevojeugd.api_basis import BasisAPIView
from flevojeugd.routers import van_replica
from kern import secties
from kern.aggregaties import Kwartaal
from kern.models import Gemeente
from rapportage.geheimhouding import publiek as publieke_variant
from rapportage.permissions import Bereik


def gemeente_voor(request):
    """The municipality whose figures this user asks: policy staff of a municipality see
    their own; regional users may choose one with ?gemeente=CODE."""
    code = request.query_params.get("gemeente") or None
    eigen = getattr(request.user, "gemeente_id", None)
    if eigen and code not in (None, eigen):
        raise PermissionDenied("U kunt alleen de cijfers van uw eigen gemeente opvragen.")
    code = code or eigen
    if code is None:
        return None
    gemeente = Gemeente.objects.filter(code=code).first()
    if gemeente is None:
        raise ValidationError({"gemeente": [f"Onbekende gemeente '{code}'."]})
    return gemeente


def kwartaal_uit(jaar: str, nummer: str) -> Kwartaal:
    if not 2000 <= int(jaar) <= 2100:
        raise ValidationError({"kwartaal": ["Kies een kwartaal tussen 2000 en 2100."]})
    return Kwartaal(int(jaar), int(nummer))


def csv_antwoord(rijen, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    csv.writer(response).writerows(rijen)
    return response


GEMEENTE_PARAM = OpenApiParameter("gemeente", str, description="Code van een gemeente; zonder: de hele regio.")
FORMAAT_PARAM = OpenApiParameter(
    "formaat", str, enum=["json", "csv"], description="csv: dezelfde cijfers als CSV-bestand (text/csv)."
)
PUBLIEK_PARAM = OpenApiParameter(
    "publiek",
    str,
    enum=["0", "1"],
    description='1: de publieke variant ("<5" voor 1 tot en met 4, "x" voor secundair geheim, null voor '
    "een statistiek over minder dan 5 jeugdigen).",
)


# The figures as JSON, or with ?formaat=csv as a CSV file (its own media type, so a client knows).
CIJFERS_ANTWOORDEN = {
    (200, "application/json"): OpenApiTypes.OBJECT,
    (200, "text/csv"): OpenApiTypes.STR,
}


def wil_publiek(request) -> bool:
    waarde = request.query_params.get("publiek", "0")
    if waarde not in ("0", "1", "true", "false", ""):
        raise ValidationError({"publiek": ["Kies 1 (publieke variant) of 0."]})
    return waarde in ("1", "true")


class SectieCijfersView(BasisAPIView):
    """GET /api/v1/rapportage/{sectie}/{YYYY}-Q{n}/: one function's quarterly figures (counts only)."""

    sectie_code = "ccp"
    rechten = {"GET": "rapportage.ccp_cijfers"}

    @extend_schema(responses=CIJFERS_ANTWOORDEN, parameters=[GEMEENTE_PARAM, FORMAAT_PARAM, PUBLIEK_PARAM])
    def get(self, request, jaar, nummer):
        sectie = secties.sectie(self.sectie_code)
        kwartaal = kwartaal_uit(jaar, nummer)
        gemeente, publiek = gemeente_voor(request), wil_publiek(request)
        vereist(request.user, "rapportage.cijfers_bereik", Bereik(gemeente.pk if gemeente else None, publiek))
        with van_replica():  # counts may be seconds old: read them from the replica when there is one
            cijfers = sectie.cijfers(kwartaal, gemeente)
        if publiek:
            cijfers = publieke_variant(sectie.code, cijfers)
        if request.query_params.get("formaat") == "csv":
            return csv_antwoord(sectie.csv_rijen(cijfers), f"{sectie.code}-{kwartaal}.csv")
        return Response(cijfers)


def sectie_view(code: str):
    return type(
        f"{code.capitalize()}CijfersView",
        (SectieCijfersView,),
        {
            "sectie_code": code,
            "rechten": {"GET": f"rapportage.{code}_cijfers"},
            "operaties": {"GET": f"{code}_cijfers"},
        },
    ).as_view()


class AanbiederCijfersView(BasisAPIView):
    """GET /api/v1/rapportage/aanbieder/{YYYY}-Q{n}/: a provider's own quarterly figures."""

    rechten = {"GET": "rapportage.aanbieder_cijfers"}
    operaties = {"GET": "aanbieder_cijfers"}

    @extend_schema(responses=CIJFERS_ANTWOORDEN, parameters=[FORMAAT_PARAM])
    def get(self, request, jaar, nummer):
        from crisis.aanbiedercijfers import aanbieder_cijfers

        if not request.user.aanbieder_id:
            raise PermissionDenied("Alleen een aanbieder ziet zijn eigen kwartaalcijfers.")
        kwartaal = kwartaal_uit(jaar, nummer)
        with van_replica():
            cijfers = aanbieder_cijfers(kwartaal, request.user.aanbieder)
        if request.query_params.get("formaat") == "csv":
            return csv_antwoord(secties.plat_csv(cijfers), f"aanbieder-{cijfers['aanbieder']}-{kwartaal}.csv")
        return Response(cijfers)
