"""Thin API views: permission check, input validation, one service call, audit of reads."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import vereist
from audit.models import Actie
from audit.services import log, log_lijst

from .. import correcties, services
from ..models import Aanmelding, Inzet, Toewijzing
from . import serializers as s


def _aanmelding(request, pk) -> Aanmelding:
    """Only referrals the user may see exist for them (404 otherwise)."""
    return get_object_or_404(Aanmelding.objects.zichtbaar_voor(request.user), pk=pk)


def _volledig(aanmelding_id):
    return (
        Aanmelding.objects.met_details()
        .prefetch_related(Prefetch("inzetten", queryset=Inzet.objects.met_perspectiefplan()), "toewijzingen__aanbieder")
        .get(pk=aanmelding_id)
    )


class AanmeldingenView(generics.ListAPIView):
    serializer_class = s.AanmeldingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Aanmelding.objects.none()
        vereist(self.request.user, "crisis.aanmeldingen_zien")
        return (
            Aanmelding.objects.zichtbaar_voor(self.request.user)
            .met_details()
            .prefetch_related(
                Prefetch("inzetten", queryset=Inzet.objects.met_perspectiefplan()), "toewijzingen__aanbieder"
            )
            .order_by("-aangemeld_op", "-id")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        if page is not None:
            log_lijst(request.user, "crisis.aanmelding", page.object_list, "jeugdige_id", request)
        return response

    @extend_schema(request=s.AanmeldingInvoer, responses={201: s.AanmeldingSerializer})
    def post(self, request):
        vereist(request.user, "crisis.aanmelden")
        invoer = s.AanmeldingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        aanmelding = services.aanmelden(request.user, request=request, **invoer.validated_data)
        # A new referral has no deployments or assignments yet: no need to ask the database.
        aanmelding._prefetched_objects_cache = {
            "inzetten": Inzet.objects.none(),
            "toewijzingen": Toewijzing.objects.none(),
        }
        return Response(s.AanmeldingSerializer(aanmelding).data, status=status.HTTP_201_CREATED)


class AanmeldingView(APIView):
    @extend_schema(responses=s.AanmeldingSerializer)
    def get(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        log(request.user, Actie.INZIEN, "crisis.aanmelding", aanmelding, aanmelding.jeugdige, request)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)


class TriageView(APIView):
    @extend_schema(request=s.TriageInvoer, responses=s.AanmeldingSerializer)
    def post(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        vereist(request.user, "crisis.trieren")
        invoer = s.TriageInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.trieren(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)


class GeenInzetView(APIView):
    @extend_schema(request=s.GeenInzetInvoer, responses=s.AanmeldingSerializer)
    def post(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        vereist(request.user, "crisis.trieren")
        invoer = s.GeenInzetInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.geen_inzet(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)


class VerdelenView(APIView):
    @extend_schema(request=s.VerdelenInvoer, responses={201: s.ToewijzingSerializer})
    def post(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        vereist(request.user, "crisis.verdelen")
        invoer = s.VerdelenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        toewijzing = services.verdelen(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.ToewijzingSerializer(toewijzing).data, status=status.HTTP_201_CREATED)


class WeigerenView(APIView):
    @extend_schema(request=s.WeigerenInvoer, responses=s.ToewijzingSerializer)
    def post(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        vereist(request.user, "crisis.toewijzingen_zien")
        invoer = s.WeigerenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        geweigerd, nieuwe = services.weigeren(request.user, aanmelding, request=request, **invoer.validated_data)
        data = s.ToewijzingSerializer(geweigerd).data
        data["doorgezet_naar"] = s.ToewijzingSerializer(nieuwe).data if nieuwe else None
        return Response(data)


class AccepterenView(APIView):
    @extend_schema(request=None, responses=s.ToewijzingSerializer)
    def post(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        vereist(request.user, "crisis.toewijzingen_zien")
        return Response(s.ToewijzingSerializer(services.accepteren(request.user, aanmelding, request=request)).data)


class InzetAanmakenView(APIView):
    @extend_schema(request=s.InzetInvoer, responses={201: s.InzetSerializer})
    def post(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        vereist(request.user, "crisis.inzetten")
        invoer = s.InzetInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inzet = services.inzetten(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.InzetSerializer(inzet).data, status=status.HTTP_201_CREATED)


def _inzet(request, pk) -> Inzet:
    zichtbaar = Aanmelding.objects.zichtbaar_voor(request.user).values("pk")
    return get_object_or_404(Inzet.objects.select_related("voorziening", "hulpvorm"), pk=pk, aanmelding__in=zichtbaar)


class AfsluitenView(APIView):
    @extend_schema(request=s.AfsluitenInvoer, responses=s.InzetSerializer)
    def post(self, request, pk):
        inzet = _inzet(request, pk)
        vereist(request.user, "crisis.afsluiten", inzet)
        invoer = s.AfsluitenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inzet = services.afsluiten(request.user, inzet, request=request, **invoer.validated_data)
        return Response(s.InzetSerializer(inzet).data)


class PerspectiefplanView(APIView):
    @extend_schema(request=s.PerspectiefplanInvoer, responses=s.InzetSerializer)
    def post(self, request, pk):
        inzet = _inzet(request, pk)
        vereist(request.user, "crisis.afsluiten", inzet)
        invoer = s.PerspectiefplanInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inzet = services.perspectiefplan_vastleggen(
            request.user,
            inzet,
            request=request,
            datum=invoer.validated_data["perspectiefplan_datum"],
            evaluatie_op=invoer.validated_data.get("evaluatie_op"),
        )
        return Response(s.InzetSerializer(inzet).data)


class BeschikbaarheidView(APIView):
    @extend_schema(responses=s.BeschikbaarheidSerializer(many=True))
    def get(self, request):
        vereist(request.user, "crisis.beschikbaarheid_zien")
        return Response(s.BeschikbaarheidSerializer(services.crisisbord(), many=True).data)


class InzetCorrectieView(APIView):
    """Correct a registered fact of a deployment, with a reason; the earlier value is kept."""

    @extend_schema(request=s.InzetCorrectieInvoer, responses=s.InzetSerializer)
    def post(self, request, pk):
        inzet = _inzet(request, pk)
        vereist(request.user, "crisis.inzet_corrigeren", inzet)
        invoer = s.InzetCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inzet = correcties.inzet_corrigeren(request.user, inzet, request=request, **invoer.validated_data)
        return Response(s.InzetSerializer(inzet).data)


class AanmeldingCorrectieView(APIView):
    """Correct a referral's codes, with a reason; the earlier value is kept."""

    @extend_schema(request=s.AanmeldingCorrectieInvoer, responses=s.AanmeldingSerializer)
    def post(self, request, pk):
        aanmelding = _aanmelding(request, pk)
        vereist(request.user, "crisis.aanmelding_corrigeren", aanmelding)
        invoer = s.AanmeldingCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        correcties.aanmelding_corrigeren(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)
