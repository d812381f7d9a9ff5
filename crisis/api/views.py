"""Thin API views: permission check, input validation, one service call, audit of reads."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from flevojeugd.api_basis import BasisAPIView, BasisLijstView
from kern.filters import ZoekBackend, zoekresultaat_serializer, zoekvraag_serializer

from .. import correcties, services
from ..filters import AanmeldingFilter
from ..models import Aanmelding, Inzet, Toewijzing
from . import serializers as s


class AanmeldingBasis(BasisAPIView):
    audit_onderwerp = "crisis.aanmelding"

    def aanmelding(self, pk) -> Aanmelding:
        """Only referrals the user may see exist for them (404 otherwise, logged)."""
        return self.zichtbaar(Aanmelding.objects, pk)


def _volledig(aanmelding_id):
    return (
        Aanmelding.objects.met_details()
        .prefetch_related(Prefetch("inzetten", queryset=Inzet.objects.met_perspectiefplan()), "toewijzingen__aanbieder")
        .get(pk=aanmelding_id)
    )


class AanmeldingenView(BasisLijstView):
    serializer_class = s.AanmeldingSerializer
    model = Aanmelding
    rechten = {"GET": "crisis.aanmeldingen_zien", "POST": "crisis.aanmelden"}
    audit_onderwerp = "crisis.aanmelding"
    # The page's own FilterSet: registratienummer, gemeente, status, hulpvraag, van, tot, sorteer.
    # Name, birth date and BSN only in the body of POST zoeken/ (kern/filters.py says why).
    filter_backends = [ZoekBackend]
    filterset_class = AanmeldingFilter

    def verfijn(self, queryset):
        return (
            queryset.met_details()
            .prefetch_related(
                Prefetch("inzetten", queryset=Inzet.objects.met_perspectiefplan()), "toewijzingen__aanbieder"
            )
            .order_by("-aangemeld_op", "-id")
        )

    @extend_schema(request=s.AanmeldingInvoer, responses={201: s.AanmeldingSerializer})
    def post(self, request):
        invoer = s.AanmeldingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        aanmelding = services.aanmelden(request.user, request=request, **invoer.validated_data)
        # A new referral has no deployments or assignments yet: no need to ask the database.
        aanmelding._prefetched_objects_cache = {
            "inzetten": Inzet.objects.none(),
            "toewijzingen": Toewijzing.objects.none(),
        }
        return Response(s.AanmeldingSerializer(aanmelding).data, status=status.HTTP_201_CREATED)


class AanmeldingenZoekenView(AanmeldingenView):
    """Search the referrals the user may see by name, birth date or BSN (and every filter of the
    list), sent in the JSON body so they never appear in a URL or an access log."""

    idempotent = False  # a search only reads
    rechten = {"GET": "crisis.aanmeldingen_zien", "POST": "crisis.aanmeldingen_zien"}
    http_method_names = ["post", "options"]  # GET is the list itself (405 here)

    @extend_schema(
        request=zoekvraag_serializer(AanmeldingFilter, "AanmeldingZoekvraag"),
        responses={200: zoekresultaat_serializer(s.AanmeldingSerializer, "AanmeldingZoekresultaat")},
    )
    def post(self, request):
        return self.list(request)


class AanmeldingView(AanmeldingBasis):
    rechten = {"GET": "crisis.aanmeldingen_zien"}

    @extend_schema(responses=s.AanmeldingSerializer)
    def get(self, request, pk):
        aanmelding = self.aanmelding(pk)
        self.log_inzien(aanmelding, aanmelding.jeugdige)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)


class TriageView(AanmeldingBasis):
    rechten = {"POST": "crisis.trieren"}

    @extend_schema(request=s.TriageInvoer, responses=s.AanmeldingSerializer)
    def post(self, request, pk):
        aanmelding = self.aanmelding(pk)
        invoer = s.TriageInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.trieren(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)


class GeenInzetView(AanmeldingBasis):
    rechten = {"POST": "crisis.trieren"}

    @extend_schema(request=s.GeenInzetInvoer, responses=s.AanmeldingSerializer)
    def post(self, request, pk):
        aanmelding = self.aanmelding(pk)
        invoer = s.GeenInzetInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.geen_inzet(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)


class VerdelenView(AanmeldingBasis):
    rechten = {"POST": "crisis.verdelen"}

    @extend_schema(request=s.VerdelenInvoer, responses={201: s.ToewijzingSerializer})
    def post(self, request, pk):
        aanmelding = self.aanmelding(pk)
        invoer = s.VerdelenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        toewijzing = services.verdelen(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.ToewijzingSerializer(toewijzing).data, status=status.HTTP_201_CREATED)


class WeigerenView(AanmeldingBasis):
    rechten = {"POST": "crisis.toewijzingen_zien"}

    @extend_schema(request=s.WeigerenInvoer, responses=s.ToewijzingSerializer)
    def post(self, request, pk):
        aanmelding = self.aanmelding(pk)
        invoer = s.WeigerenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        geweigerd, nieuwe = services.weigeren(request.user, aanmelding, request=request, **invoer.validated_data)
        data = s.ToewijzingSerializer(geweigerd).data
        data["doorgezet_naar"] = s.ToewijzingSerializer(nieuwe).data if nieuwe else None
        return Response(data)


class AccepterenView(AanmeldingBasis):
    rechten = {"POST": "crisis.toewijzingen_zien"}

    @extend_schema(request=None, responses=s.ToewijzingSerializer)
    def post(self, request, pk):
        aanmelding = self.aanmelding(pk)
        return Response(s.ToewijzingSerializer(services.accepteren(request.user, aanmelding, request=request)).data)


class InzetAanmakenView(AanmeldingBasis):
    rechten = {"POST": "crisis.inzetten"}

    @extend_schema(request=s.InzetInvoer, responses={201: s.InzetSerializer})
    def post(self, request, pk):
        aanmelding = self.aanmelding(pk)
        invoer = s.InzetInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inzet = services.inzetten(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.InzetSerializer(inzet).data, status=status.HTTP_201_CREATED)


class InzetBasis(BasisAPIView):
    """A deployment is visible with its referral; closing it depends on whose it is."""

    audit_onderwerp = "crisis.inzet"
    object_rechten = {"POST": "crisis.afsluiten"}

    def inzet(self, pk) -> Inzet:
        return self.zichtbaar(Inzet.objects.select_related("voorziening", "hulpvorm"), pk)


class AfsluitenView(InzetBasis):
    @extend_schema(request=s.AfsluitenInvoer, responses=s.InzetSerializer)
    def post(self, request, pk):
        inzet = self.inzet(pk)
        invoer = s.AfsluitenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inzet = services.afsluiten(request.user, inzet, request=request, **invoer.validated_data)
        return Response(s.InzetSerializer(inzet).data)


class PerspectiefplanView(InzetBasis):
    @extend_schema(request=s.PerspectiefplanInvoer, responses=s.InzetSerializer)
    def post(self, request, pk):
        inzet = self.inzet(pk)
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


class BeschikbaarheidView(BasisAPIView):
    """Beds per facility: no youth's data, so nothing to look up or log."""

    rechten = {"GET": "crisis.beschikbaarheid_zien"}

    @extend_schema(responses=s.BeschikbaarheidSerializer(many=True))
    def get(self, request):
        return Response(s.BeschikbaarheidSerializer(services.crisisbord(), many=True).data)


class InzetCorrectieView(InzetBasis):
    """Correct a registered fact of a deployment, with a reason; the earlier value is kept."""

    object_rechten = {"POST": "crisis.inzet_corrigeren"}

    @extend_schema(request=s.InzetCorrectieInvoer, responses=s.InzetSerializer)
    def post(self, request, pk):
        inzet = self.inzet(pk)
        invoer = s.InzetCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inzet = correcties.inzet_corrigeren(request.user, inzet, request=request, **invoer.validated_data)
        return Response(s.InzetSerializer(inzet).data)


class AanmeldingCorrectieView(AanmeldingBasis):
    """Correct a referral's codes, with a reason; the earlier value is kept."""

    object_rechten = {"POST": "crisis.aanmelding_corrigeren"}

    @extend_schema(request=s.AanmeldingCorrectieInvoer, responses=s.AanmeldingSerializer)
    def post(self, request, pk):
        aanmelding = self.aanmelding(pk)
        invoer = s.AanmeldingCorrectieInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        correcties.aanmelding_corrigeren(request.user, aanmelding, request=request, **invoer.validated_data)
        return Response(s.AanmeldingSerializer(_volledig(aanmelding.pk)).data)
