"""Thin API views of the expert table (contract.md, Expert table)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from flevojeugd.api_basis import BasisAPIView, BasisLijstView
from kern.filters import ZoekBackend, zoekresultaat_serializer, zoekvraag_serializer

from .. import correcties, services
from ..filters import CasusFilter
from ..models import Casus, Sessie
from . import serializers as s


def _volledig(pk):
    return (
        Casus.objects.select_related("jeugdige", "sessie", "advies")
        .prefetch_related("domeinen", "themas", "opvolgingen", "advies__aanbieders")
        .get(pk=pk)
    )


class PlanningView(BasisAPIView):
    """Dates and reasons only: no youth's data."""

    rechten = {"GET": "experttafel.planning_zien"}

    @extend_schema(
        parameters=[
            OpenApiParameter("van", OpenApiTypes.DATE, required=True),
            OpenApiParameter("tot", OpenApiTypes.DATE, required=True),
        ],
        responses={200: s.SessiedatumSerializer(many=True)},
    )
    def get(self, request):
        invoer = s.PlanningInvoer(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        van, tot = invoer.validated_data["van"], invoer.validated_data["tot"]
        return Response([{"datum": dag.isoformat(), "reden": reden} for dag, reden in services.planning(van, tot)])


class SessiesView(BasisLijstView):
    """Sessions carry dates and counts, never a youth: no visibility filter, nothing to log."""

    serializer_class = s.SessieSerializer
    model = Sessie
    rechten = {"GET": "experttafel.planning_zien", "POST": "experttafel.plannen"}
    zichtbaarheid = False
    audit_onderwerp = None

    def verfijn(self, queryset):
        return queryset.annotate(aantal_casussen=Count("casussen", filter=Q(casussen__status="gepland"))).order_by(
            "datum"
        )

    @extend_schema(request=s.SessieSerializer, responses={201: s.SessieSerializer})
    def post(self, request):
        """An extra session beside the cadence, by the chair."""
        invoer = s.SessieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        sessie = services.extra_sessie(datum=d["datum"], plaats=d.get("plaats", ""), capaciteit=d.get("capaciteit"))
        return Response(s.SessieSerializer(sessie).data, status=status.HTTP_201_CREATED)


class SessieAnnulerenView(BasisAPIView):
    rechten = {"POST": "experttafel.plannen"}

    @extend_schema(request=s.RedenInvoer, responses=s.SessieSerializer)
    def post(self, request, pk):
        invoer = s.RedenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        sessie = services.annuleer_sessie(get_object_or_404(Sessie, pk=pk), reden=invoer.validated_data["reden"])
        return Response(s.SessieSerializer(sessie).data)


class SessieVerplaatsenView(BasisAPIView):
    rechten = {"POST": "experttafel.plannen"}

    @extend_schema(request=s.VerplaatsenInvoer, responses=s.SessieSerializer)
    def post(self, request, pk):
        invoer = s.VerplaatsenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        sessie = services.sessie_verplaatsen(
            request.user, get_object_or_404(Sessie, pk=pk), datum=invoer.validated_data["datum"], request=request
        )
        return Response(s.SessieSerializer(sessie).data)


class AgendaView(BasisAPIView):
    rechten = {"POST": "experttafel.plannen"}

    @extend_schema(request=s.AgendaInvoer, responses=s.CasusSerializer)
    def post(self, request, pk):
        sessie = get_object_or_404(Sessie, pk=pk)
        invoer = s.AgendaInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        casus = services.agenderen(
            request.user,
            invoer.validated_data["casus"],
            sessie,
            plaats=invoer.validated_data["plaats"],
            request=request,
        )
        return Response(s.CasusSerializer(_volledig(casus.pk)).data)


class CasussenView(BasisLijstView):
    serializer_class = s.CasusSerializer
    model = Casus
    rechten = {"GET": "experttafel.overzicht_zien", "POST": "experttafel.inbrengen"}
    audit_onderwerp = "experttafel.casus"

    # The page's own FilterSet; name, birth date and BSN only in the body of POST zoeken/ (kern/filters.py).
    filter_backends = [ZoekBackend]
    filterset_class = CasusFilter

    def verfijn(self, queryset):
        return (
            queryset.select_related("jeugdige", "sessie", "advies")
            .prefetch_related("domeinen", "themas", "opvolgingen", "advies__aanbieders")
            .order_by("-ingediend_op", "-id")
        )

    @extend_schema(request=s.CasusInvoer, responses={201: s.CasusSerializer})
    def post(self, request):
        invoer = s.CasusInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        casus = services.indienen(request.user, request=request, **invoer.validated_data)
        return Response(s.CasusSerializer(_volledig(casus.pk)).data, status=status.HTTP_201_CREATED)


class CasussenZoekenView(CasussenView):
    """Search the list by name, birth date or BSN (and every filter of the list), sent in the JSON
    body so they never appear in a URL or an access log."""

    idempotent = False  # a search only reads
    rechten = {"GET": "experttafel.overzicht_zien", "POST": "experttafel.overzicht_zien"}
    http_method_names = ["post", "options"]  # GET is the list itself (405 here)

    @extend_schema(
        request=zoekvraag_serializer(CasusFilter, "CasusZoekvraag"),
        responses={200: zoekresultaat_serializer(s.CasusSerializer, "CasusZoekresultaat")},
    )
    def post(self, request):
        return self.list(request)


class CasusView(BasisAPIView):
    rechten = {"GET": "experttafel.overzicht_zien"}
    audit_onderwerp = "experttafel.casus"

    @extend_schema(responses=s.CasusSerializer)
    def get(self, request, pk):
        casus = self.zichtbaar(Casus.objects, pk)
        self.log_inzien(casus, casus.jeugdige)
        return Response(s.CasusSerializer(_volledig(casus.pk)).data)


def _actie(invoer_cls, perm, uitvoeren, status_code=status.HTTP_200_OK):
    """A POST action on one case: validate first (400), then permission, then the service."""

    class ActieView(BasisAPIView):
        object_rechten = {"POST": perm}
        audit_onderwerp = "experttafel.casus"

        @extend_schema(request=invoer_cls, responses={status_code: s.CasusSerializer})
        def post(self, request, pk):
            casus = self.zichtbaar(Casus.objects, pk)
            invoer = invoer_cls(data=request.data) if invoer_cls else None
            if invoer is not None:
                invoer.is_valid(raise_exception=True)
            uitvoeren(request, casus, invoer.validated_data if invoer else {})
            return Response(s.CasusSerializer(_volledig(casus.pk)).data, status=status_code)

    return ActieView


OpvolgingView = _actie(
    s.OpvolgingInvoer,
    "experttafel.opvolgen",
    lambda r, c, d: services.opvolging_vastleggen(r.user, c, request=r, **d),
    status.HTTP_201_CREATED,
)
# A wrong follow-up is corrected with a reason (#12.6); the earlier version is kept.
OpvolgingCorrectieView = _actie(
    s.OpvolgingCorrectieInvoer,
    "experttafel.opvolgen",
    lambda r, c, d: correcties.opvolging_corrigeren(r.user, c, request=r, **d),
)
AdviesView = _actie(
    s.AdviesInvoer,
    "experttafel.adviseren",
    lambda r, c, d: services.adviseren(r.user, c, request=r, **d),
    status.HTTP_201_CREATED,
)
BesprokenView = _actie(None, "experttafel.adviseren", lambda r, c, d: services.besproken(r.user, c, request=r))
EscalerenView = _actie(
    s.RedenInvoer, "experttafel.adviseren", lambda r, c, d: services.escaleren(r.user, c, request=r, **d)
)
IntrekkenView = _actie(
    s.RedenInvoer, "experttafel.intrekken", lambda r, c, d: services.intrekken(r.user, c, request=r, **d)
)
SluitenView = _actie(
    s.SluitenInvoer, "experttafel.adviseren", lambda r, c, d: services.sluiten(r.user, c, request=r, **d)
)
UitnodigenView = _actie(None, "experttafel.plannen", lambda r, c, d: services.uitnodigen(r.user, c, request=r))
DeelnemerView = _actie(
    s.DeelnemerInvoer,
    "experttafel.plannen",
    lambda r, c, d: services.deelnemer_toevoegen(r.user, c, request=r, **d),
    status.HTTP_201_CREATED,
)
EscalatieUitkomstView = _actie(
    s.EscalatieUitkomstInvoer,
    "experttafel.adviseren",
    lambda r, c, d: services.escalatie_uitkomst(r.user, c, request=r, **d),
)
VolgordeView = _actie(
    s.VolgordeInvoer,
    "experttafel.plannen",
    lambda r, c, d: services.volgorde_wijzigen(r.user, c, richting=-1 if d["richting"] == "eerder" else 1, request=r),
)
