from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import vereist
from audit.models import Actie
from audit.services import log, log_lijst
from kern.bezetting import DEFINITIE, met_bezetting
from kern.models import Voorziening

from .. import afwegingskader, correcties, services
from ..models import Beschikking, Plaatsing
from . import serializers as s


class CapaciteitView(APIView):
    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        vereist(request.user, "servicepunt.overzicht_zien")
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


class BeschikkingenView(generics.ListAPIView):
    serializer_class = s.BeschikkingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Beschikking.objects.none()
        vereist(self.request.user, "servicepunt.beschikkingen_zien")
        return (
            Beschikking.objects.zichtbaar_voor(self.request.user)
            .met_eerste_start()
            .prefetch_related("plaatsingen")
            .order_by("-afgegeven_op", "-id")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        if page is not None:
            log_lijst(request.user, "servicepunt.beschikking", page.object_list, "jeugdige_id", request)
        return response

    @extend_schema(request=s.BeschikkingInvoer, responses={201: s.BeschikkingSerializer})
    def post(self, request):
        vereist(request.user, "servicepunt.beschikking_registreren")
        invoer = s.BeschikkingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = dict(invoer.validated_data)
        gegevens = d.pop("jeugdige")
        gegevens["kader"] = d.pop("kader")
        from django.db import transaction

        with transaction.atomic():
            b = services.beschikking_registreren(request.user, jeugdige=gegevens, request=request, **d)
        b = Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen").get(pk=b.pk)
        return Response(s.BeschikkingSerializer(b).data, status=status.HTTP_201_CREATED)


class BeschikkingView(APIView):
    @extend_schema(responses=s.BeschikkingSerializer)
    def get(self, request, pk):
        b = get_object_or_404(
            Beschikking.objects.zichtbaar_voor(request.user).met_eerste_start().prefetch_related("plaatsingen"), pk=pk
        )
        log(request.user, Actie.INZIEN, "servicepunt.beschikking", b, b.jeugdige, request)
        return Response(s.BeschikkingSerializer(b).data)


class BeschikkingGemeenteView(APIView):
    """Woonplaatsbeginsel: the one explicit, reasoned and audited change of the responsible municipality."""

    @extend_schema(request=s.GemeenteWijzigenInvoer, responses=s.BeschikkingSerializer)
    def post(self, request, pk):
        b = get_object_or_404(Beschikking.objects.zichtbaar_voor(request.user), pk=pk)
        vereist(request.user, "servicepunt.gemeente_wijzigen", b)
        invoer = s.GemeenteWijzigenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.gemeente_wijzigen(request.user, b, request=request, **invoer.validated_data)
        b = Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen").get(pk=b.pk)
        return Response(s.BeschikkingSerializer(b).data)


class PlaatsingenView(APIView):
    @extend_schema(request=s.PlaatsingInvoer, responses={201: s.PlaatsingSerializer})
    def post(self, request, pk):
        b = get_object_or_404(
            Beschikking.objects.zichtbaar_voor(request.user).select_related("jeugdige", "gemeente"), pk=pk
        )
        vereist(request.user, "servicepunt.plaatsen")
        invoer = s.PlaatsingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        plaatsing = services.plaatsen(request.user, b, request=request, **invoer.validated_data)
        return Response(s.PlaatsingSerializer(plaatsing).data, status=status.HTTP_201_CREATED)


class WachtlijstView(generics.ListAPIView):
    serializer_class = s.BeschikkingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Beschikking.objects.none()
        vereist(self.request.user, "servicepunt.beschikkingen_zien")
        return (
            Beschikking.objects.zichtbaar_voor(self.request.user)
            .wachtend(timezone.localdate())
            .met_eerste_start()
            .prefetch_related("plaatsingen")
            .order_by("afgegeven_op", "id")
        )


class MatchingView(APIView):
    @extend_schema(request=s.MatchingInvoer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        vereist(request.user, "servicepunt.matching")
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


class BeschikkingCorrectieView(APIView):
    """Correct a decision's dates, with a reason; the earlier value is kept."""

    @extend_schema(request=s.BeschikkingCorrectieInvoer, responses=s.BeschikkingSerializer)
    def post(self, request, pk):
        b = get_object_or_404(Beschikking.objects.zichtbaar_voor(request.user), pk=pk)
        vereist(request.user, "servicepunt.corrigeren")
        invoer = s.BeschikkingCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        correcties.beschikking_corrigeren(request.user, b, request=request, **invoer.validated_data)
        b = Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen").get(pk=b.pk)
        return Response(s.BeschikkingSerializer(b).data)


class PlaatsingCorrectieView(APIView):
    """Correct a placement's dates or follow-up, with a reason; the earlier value is kept."""

    @extend_schema(request=s.PlaatsingCorrectieInvoer, responses=s.PlaatsingSerializer)
    def post(self, request, pk):
        zichtbaar = Beschikking.objects.zichtbaar_voor(request.user).values("pk")
        plaatsing = get_object_or_404(Plaatsing, pk=pk, beschikking__in=zichtbaar)
        vereist(request.user, "servicepunt.corrigeren")
        invoer = s.PlaatsingCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        plaatsing = correcties.plaatsing_corrigeren(request.user, plaatsing, request=request, **invoer.validated_data)
        return Response(s.PlaatsingSerializer(plaatsing).data)
