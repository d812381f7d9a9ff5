"""Thin API views of the expert table (contract.md, Expert table)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from flevojeugd.api_basis import ActieView, BasisAPIView, BasisLijstView, detailview, zoekview
from kern.filters import ZoekBackend

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
    operaties = {"GET": "planning"}

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
    operaties = {"GET": "sessies_lijst", "POST": "sessie_toevoegen"}
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
    operaties = {"POST": "sessie_annuleren"}

    @extend_schema(request=s.RedenInvoer, responses=s.SessieSerializer)
    def post(self, request, pk):
        invoer = s.RedenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        sessie = services.annuleer_sessie(get_object_or_404(Sessie, pk=pk), reden=invoer.validated_data["reden"])
        return Response(s.SessieSerializer(sessie).data)


class SessieVerplaatsenView(BasisAPIView):
    rechten = {"POST": "experttafel.plannen"}
    operaties = {"POST": "sessie_verplaatsen"}

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
    operaties = {"POST": "agenderen"}

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


class CasussenView(ActieView, BasisLijstView):
    serializer_class = s.CasusSerializer
    model = Casus
    rechten = {"GET": "experttafel.overzicht_zien", "POST": "experttafel.inbrengen"}
    operaties = {"GET": "casussen_lijst", "POST": "casus_indienen"}
    invoer, dienst, uitvoer, status_code = s.CasusInvoer, services.indienen, s.CasusSerializer, 201
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

    def herlezen(self, record, casus):
        return _volledig(casus.pk)


CasussenZoekenView = zoekview(CasussenView, s.CasusSerializer, "Casus", "casussen_zoeken")


CasusView = detailview(
    "CasusView",
    s.CasusSerializer,
    recht="experttafel.overzicht_zien",
    operatie="casus_lezen",
    onderwerp="experttafel.casus",
    records=lambda: Casus.objects,
    volledig=lambda casus: _volledig(casus.pk),
)


class CasusActie(ActieView):
    """An action on one case the user may see: the table below names, per action, the permission
    on the case, the input and the service; the answer is the case as it now stands."""

    actie_op = Casus.objects
    audit_onderwerp = "experttafel.casus"
    uitvoer = s.CasusSerializer

    def herlezen(self, casus, resultaat):
        return _volledig(casus.pk)


def volgorde_wijzigen(user, casus, *, richting, request):
    return services.volgorde_wijzigen(user, casus, richting=-1 if richting == "eerder" else 1, request=request)


# The case's actions, one row each: input, service (its name is the operationId), permission on the case.
OpvolgingView = CasusActie.actie(
    s.OpvolgingInvoer, services.opvolging_vastleggen, object_recht="experttafel.opvolgen", status_code=201
)
# A wrong follow-up is corrected with a reason (#12.6); the earlier version is kept.
OpvolgingCorrectieView = CasusActie.actie(
    s.OpvolgingCorrectieInvoer, correcties.opvolging_corrigeren, object_recht="experttafel.opvolgen"
)
AdviesView = CasusActie.actie(s.AdviesInvoer, services.adviseren, object_recht="experttafel.adviseren", status_code=201)
BesprokenView = CasusActie.actie(None, services.besproken, object_recht="experttafel.adviseren")
EscalerenView = CasusActie.actie(s.RedenInvoer, services.escaleren, object_recht="experttafel.adviseren")
IntrekkenView = CasusActie.actie(s.RedenInvoer, services.intrekken, object_recht="experttafel.intrekken")
SluitenView = CasusActie.actie(
    s.SluitenInvoer, services.sluiten, object_recht="experttafel.adviseren", operatie="casus_sluiten"
)
UitnodigenView = CasusActie.actie(None, services.uitnodigen, object_recht="experttafel.plannen")
DeelnemerView = CasusActie.actie(
    s.DeelnemerInvoer, services.deelnemer_toevoegen, object_recht="experttafel.plannen", status_code=201
)
EscalatieUitkomstView = CasusActie.actie(
    s.EscalatieUitkomstInvoer, services.escalatie_uitkomst, object_recht="experttafel.adviseren"
)
VolgordeView = CasusActie.actie(s.VolgordeInvoer, volgorde_wijzigen, object_recht="experttafel.plannen")
