"""Thin API views: the trajectories a user may see, the regisseur, closing a period of care."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from accounts.models import Gebruiker
from flevojeugd.api_basis import BasisAPIView, BasisLijstView
from kern.fouten import Conflict, id_uit, veldfout

from .. import correcties, services
from ..models import Perspectiefplan, Regisseurschap, Traject, Verblijf
from . import serializers as s


def _met_details(trajecten):
    return trajecten.select_related("jeugdige").prefetch_related(
        Prefetch("regisseurschappen", queryset=Regisseurschap.objects.select_related("regisseur")),
        Prefetch("plannen", queryset=Perspectiefplan.objects.order_by("vastgesteld_op", "id")),
        Prefetch("verblijven", queryset=Verblijf.objects.order_by("startdatum", "id")),
    )


def _trajecten(user):
    return _met_details(Traject.objects.zichtbaar_voor(user))


class TrajectBasis(BasisAPIView):
    audit_onderwerp = "perspectiefregie.traject"

    def traject(self, pk) -> Traject:
        """Only trajectories the user may see exist for them (404 otherwise, logged)."""
        return self.zichtbaar(Traject.objects.select_related("jeugdige"), pk)


class TrajectenView(BasisLijstView):
    serializer_class = s.TrajectSerializer
    model = Traject
    rechten = {"GET": "perspectiefregie.trajecten_zien"}
    audit_onderwerp = "perspectiefregie.traject"

    @extend_schema(
        parameters=[
            OpenApiParameter("jeugdige", OpenApiTypes.INT, description="Alleen de trajecten van deze jeugdige.")
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def verfijn(self, queryset):
        trajecten = _met_details(queryset).order_by("-startdatum", "-id")
        jeugdige = self.request.query_params.get("jeugdige")
        if jeugdige not in (None, ""):
            trajecten = trajecten.filter(jeugdige_id=id_uit(jeugdige, "jeugdige"))
        return trajecten


class RegisseurView(TrajectBasis):
    object_rechten = {"POST": "perspectiefregie.regisseur_toewijzen"}

    @extend_schema(request=s.RegisseurInvoer, responses={201: s.TrajectSerializer})
    def post(self, request, pk):
        traject = self.traject(pk)
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


class SluitenView(TrajectBasis):
    object_rechten = {"POST": "perspectiefregie.traject_sluiten"}

    @extend_schema(request=s.TrajectSluitenInvoer, responses=s.TrajectSerializer)
    def post(self, request, pk):
        traject = self.traject(pk)
        invoer = s.TrajectSluitenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.traject_sluiten(request.user, traject, request=request, **invoer.validated_data)
        return Response(s.TrajectSerializer(_trajecten(request.user).get(pk=traject.pk)).data)


class PlanCorrectieView(TrajectBasis):
    """Correct the trajectory's plan or its evaluation date, with a reason; the earlier version is kept."""

    object_rechten = {"POST": "perspectiefregie.plan_vastleggen"}

    @extend_schema(request=s.PlanCorrectieInvoer, responses=s.TrajectSerializer)
    def post(self, request, pk):
        traject = self.traject(pk)
        invoer = s.PlanCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        plan = traject.plannen.filter(soort=gegevens.pop("soort")).order_by("vastgesteld_op", "id").first()
        if plan is None:
            raise Conflict("Er is nog geen plan van deze soort vastgelegd: leg het eerst vast.")
        correcties.plan_corrigeren(request.user, plan, request=request, **gegevens)
        return Response(s.TrajectSerializer(_trajecten(request.user).get(pk=traject.pk)).data)
