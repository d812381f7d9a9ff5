"""Thin API views: the trajectories a user may see, the regisseur, closing a period of care."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Gebruiker
from accounts.permissions import vereist
from audit.services import log_lijst
from kern.fouten import veldfout

from .. import services
from ..models import Perspectiefplan, Regisseurschap, Traject, Verblijf
from . import serializers as s


def _trajecten(user):
    return (
        Traject.objects.zichtbaar_voor(user)
        .select_related("jeugdige")
        .prefetch_related(
            Prefetch("regisseurschappen", queryset=Regisseurschap.objects.select_related("regisseur")),
            Prefetch("plannen", queryset=Perspectiefplan.objects.order_by("vastgesteld_op", "id")),
            Prefetch("verblijven", queryset=Verblijf.objects.order_by("startdatum", "id")),
        )
    )


def _traject(request, pk) -> Traject:
    """Only trajectories the user may see exist for them (404 otherwise)."""
    return get_object_or_404(Traject.objects.zichtbaar_voor(request.user).select_related("jeugdige"), pk=pk)


class TrajectenView(generics.ListAPIView):
    serializer_class = s.TrajectSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("jeugdige", OpenApiTypes.INT, description="Alleen de trajecten van deze jeugdige.")
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Traject.objects.none()
        vereist(self.request.user, "perspectiefregie.trajecten_zien")
        trajecten = _trajecten(self.request.user).order_by("-startdatum", "-id")
        jeugdige = self.request.query_params.get("jeugdige")
        if jeugdige not in (None, ""):
            if not jeugdige.isdigit() or len(jeugdige) > 18:
                raise veldfout("jeugdige", "Geef het id van de jeugdige als geheel getal.")
            trajecten = trajecten.filter(jeugdige_id=int(jeugdige))
        return trajecten

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        if page is not None:
            log_lijst(request.user, "perspectiefregie.traject", page.object_list, "jeugdige_id", request)
        return response


class RegisseurView(APIView):
    @extend_schema(request=s.RegisseurInvoer, responses={201: s.TrajectSerializer})
    def post(self, request, pk):
        traject = _traject(request, pk)
        vereist(request.user, "perspectiefregie.regisseur_toewijzen", traject)
        invoer = s.RegisseurInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        regisseur = Gebruiker.objects.filter(username=invoer.validated_data["regisseur"], is_active=True).first()
        if regisseur is None:
            raise veldfout(
                "regisseur", "Onbekende gebruiker: geef de gebruikersnaam van een medewerker van de toegang."
            )
        services.wijs_regisseur_toe(
            request.user, traject, regisseur=regisseur, reden=invoer.validated_data["reden"], request=request
        )
        return Response(
            s.TrajectSerializer(_trajecten(request.user).get(pk=traject.pk)).data, status=status.HTTP_201_CREATED
        )


class SluitenView(APIView):
    @extend_schema(request=s.TrajectSluitenInvoer, responses=s.TrajectSerializer)
    def post(self, request, pk):
        traject = _traject(request, pk)
        vereist(request.user, "perspectiefregie.traject_sluiten", traject)
        invoer = s.TrajectSluitenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.traject_sluiten(request.user, traject, request=request, **invoer.validated_data)
        return Response(s.TrajectSerializer(_trajecten(request.user).get(pk=traject.pk)).data)
