from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from flevojeugd.api_basis import BasisAPIView, BasisLijstView
from kern.bezetting import DEFINITIE, met_bezetting
from kern.filters import ZoekBackend, zoekresultaat_serializer, zoekvraag_serializer
from kern.models import Voorziening

from .. import afwegingskader, correcties, services
from ..filters import BeschikkingFilter
from ..models import Beschikking, Plaatsing
from . import serializers as s


class CapaciteitView(BasisAPIView):
    """Places per facility: no youth's data."""

    rechten = {"GET": "servicepunt.overzicht_zien"}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        vandaag = timezone.localdate()
        rijen = (
            met_bezetting(Voorziening.objects.filter(actief=True), vandaag)
            .values(
                "id",
                "naam",
                "type_id",
                "aanbieder_id",
                "gemeente_id",
                "leeftijd_min",
                "leeftijd_max",
                "capaciteit",
                "bezet",
                "vrij",
                "bevestigd_op",
            )
            .order_by("type__volgorde", "naam")
        )
        per = {}
        for r in rijen:
            sleutel = per.setdefault(r["type_id"], {}).setdefault(
                r["gemeente_id"], {"capaciteit": 0, "bezet": 0, "vrij": 0}
            )
            for k in ("capaciteit", "bezet", "vrij"):
                sleutel[k] += r[k]
        return Response(
            {
                "peildatum": vandaag.isoformat(),
                "definitie": DEFINITIE,
                "voorzieningen": [
                    {
                        **r,
                        "type": r.pop("type_id"),
                        "aanbieder": r.pop("aanbieder_id"),
                        "gemeente": r.pop("gemeente_id"),
                    }
                    for r in rijen
                ],
                "per_type_en_gemeente": per,
            }
        )


class BeschikkingenView(BasisLijstView):
    serializer_class = s.BeschikkingSerializer
    model = Beschikking
    rechten = {"GET": "servicepunt.beschikkingen_zien", "POST": "servicepunt.beschikking_registreren"}
    audit_onderwerp = "servicepunt.beschikking"

    # The page's own FilterSet; name, birth date and BSN only in the body of POST zoeken/ (kern/filters.py).
    filter_backends = [ZoekBackend]
    filterset_class = BeschikkingFilter

    def verfijn(self, queryset):
        return queryset.met_eerste_start().prefetch_related("plaatsingen").order_by("-afgegeven_op", "-id")

    @extend_schema(request=s.BeschikkingInvoer, responses={201: s.BeschikkingSerializer})
    def post(self, request):
        invoer = s.BeschikkingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = dict(invoer.validated_data)
        gegevens = d.pop("jeugdige")
        gegevens["kader"] = d.pop("kader")
        b = services.beschikking_registreren(request.user, jeugdige=gegevens, request=request, **d)
        b = Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen").get(pk=b.pk)
        return Response(s.BeschikkingSerializer(b).data, status=status.HTTP_201_CREATED)


class BeschikkingenZoekenView(BeschikkingenView):
    """Search the list by name, birth date or BSN (and every filter of the list), sent in the JSON
    body so they never appear in a URL or an access log."""

    idempotent = False  # a search only reads
    rechten = {"GET": "servicepunt.beschikkingen_zien", "POST": "servicepunt.beschikkingen_zien"}
    http_method_names = ["post", "options"]  # GET is the list itself (405 here)

    @extend_schema(
        request=zoekvraag_serializer(BeschikkingFilter, "BeschikkingZoekvraag"),
        responses={200: zoekresultaat_serializer(s.BeschikkingSerializer, "BeschikkingZoekresultaat")},
    )
    def post(self, request):
        return self.list(request)


class BeschikkingView(BasisAPIView):
    rechten = {"GET": "servicepunt.beschikkingen_zien"}
    audit_onderwerp = "servicepunt.beschikking"

    @extend_schema(responses=s.BeschikkingSerializer)
    def get(self, request, pk):
        b = self.zichtbaar(Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen"), pk)
        self.log_inzien(b, b.jeugdige)
        return Response(s.BeschikkingSerializer(b).data)


class BeschikkingGemeenteView(BasisAPIView):
    """Woonplaatsbeginsel: the one explicit, reasoned and audited change of the responsible municipality."""

    object_rechten = {"POST": "servicepunt.gemeente_wijzigen"}
    audit_onderwerp = "servicepunt.beschikking"

    @extend_schema(request=s.GemeenteWijzigenInvoer, responses=s.BeschikkingSerializer)
    def post(self, request, pk):
        b = self.zichtbaar(Beschikking.objects, pk)
        invoer = s.GemeenteWijzigenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.gemeente_wijzigen(request.user, b, request=request, **invoer.validated_data)
        b = Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen").get(pk=b.pk)
        return Response(s.BeschikkingSerializer(b).data)


class PlaatsingenView(BasisAPIView):
    rechten = {"POST": "servicepunt.plaatsen"}
    audit_onderwerp = "servicepunt.beschikking"

    @extend_schema(request=s.PlaatsingInvoer, responses={201: s.PlaatsingSerializer})
    def post(self, request, pk):
        b = self.zichtbaar(Beschikking.objects.select_related("jeugdige", "gemeente"), pk)
        invoer = s.PlaatsingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        plaatsing = services.plaatsen(request.user, b, request=request, **invoer.validated_data)
        return Response(s.PlaatsingSerializer(plaatsing).data, status=status.HTTP_201_CREATED)


class WachtlijstView(BasisLijstView):
    serializer_class = s.BeschikkingSerializer
    model = Beschikking
    rechten = {"GET": "servicepunt.beschikkingen_zien"}
    audit_onderwerp = "servicepunt.beschikking"

    def verfijn(self, queryset):
        return (
            queryset.wachtend(timezone.localdate())
            .met_eerste_start()
            .prefetch_related("plaatsingen")
            .order_by("afgegeven_op", "id")
        )


class MatchingView(BasisAPIView):
    """A question about a kind of youth, not about a youth: nothing to look up or log."""

    rechten = {"POST": "servicepunt.matching"}

    @extend_schema(request=s.MatchingInvoer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        invoer = s.MatchingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = dict(invoer.validated_data)
        gemeente = d.pop("gemeente")
        advies, kandidaten = services.matching(afwegingskader.Vraag(**d), gemeente)
        return Response(
            {
                "soort": advies.soort,
                "label": advies.label,
                "scores": advies.scores,
                "redenen": advies.redenen,
                "voorzieningen": [
                    {
                        "id": v.pk,
                        "naam": v.naam,
                        "gemeente": v.gemeente_id,
                        "vrij": v.vrij,
                        "afstand_km": round(v.afstand, 1) if v.afstand is not None else None,
                    }
                    for v in kandidaten
                ],
            }
        )


class BeschikkingCorrectieView(BasisAPIView):
    """Correct a decision's dates, with a reason; the earlier value is kept."""

    rechten = {"POST": "servicepunt.corrigeren"}  # a role right (403), not one of the record
    audit_onderwerp = "servicepunt.beschikking"

    @extend_schema(request=s.BeschikkingCorrectieInvoer, responses=s.BeschikkingSerializer)
    def post(self, request, pk):
        b = self.zichtbaar(Beschikking.objects, pk)
        invoer = s.BeschikkingCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        correcties.beschikking_corrigeren(request.user, b, request=request, **invoer.validated_data)
        b = Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen").get(pk=b.pk)
        return Response(s.BeschikkingSerializer(b).data)


class PlaatsingCorrectieView(BasisAPIView):
    """Correct a placement's dates or follow-up, with a reason; the earlier value is kept."""

    rechten = {"POST": "servicepunt.corrigeren"}  # a role right (403), not one of the record
    audit_onderwerp = "servicepunt.plaatsing"

    @extend_schema(request=s.PlaatsingCorrectieInvoer, responses=s.PlaatsingSerializer)
    def post(self, request, pk):
        plaatsing = self.zichtbaar(Plaatsing.objects, pk)
        invoer = s.PlaatsingCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        plaatsing = correcties.plaatsing_corrigeren(request.user, plaatsing, request=request, **invoer.validated_data)
        return Response(s.PlaatsingSerializer(plaatsing).data)
