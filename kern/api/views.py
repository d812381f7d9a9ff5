"""GET /api/v1/codelijsten/: the region's code lists, so another system sends only valid codes.

The lists are reference data the functional administrator extends in the admin, so they are
served from the database instead of frozen as enums in the schema; every code field in the
schema names its list here (flevojeugd/schema.py)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from flevojeugd.api_basis import BasisAPIView

from ..codelijsten import CODELIJSTEN


class CodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    actief = serializers.BooleanField(help_text="Een niet-actieve code staat in oude gegevens; gebruik hem niet meer.")


CodelijstenSerializer = type(
    "CodelijstenSerializer",
    (serializers.Serializer,),
    {naam: CodeSerializer(many=True) for naam in CODELIJSTEN},
)


class CodelijstenView(BasisAPIView):
    """Codes and labels only: no youth's data, nothing to log."""

    rechten = {"GET": "kern.codelijsten_zien"}
    operaties = {"GET": "codelijsten"}

    @extend_schema(responses=CodelijstenSerializer)
    def get(self, request):
        return Response({naam: _codes(model, label) for naam, (model, label) in CODELIJSTEN.items()})


def _codes(model, label: str) -> list[dict]:
    actief = any(f.name == "actief" for f in model._meta.get_fields())  # Gemeente and Aanbieder have none
    velden = ["code", label, *(["actief"] if actief else [])]
    return [
        {"code": r["code"], "label": r[label], "actief": r.get("actief", True)} for r in model.objects.values(*velden)
    ]
