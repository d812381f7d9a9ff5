from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from flevojeugd.api_basis import ActieView, BasisAPIView, BasisLijstView, detailview, zoekview
from kern.bezetting import DEFINITIE, met_bezetting
from kern.filters import ZoekBackend
from kern.models import Voorziening

from .. import afwegingskader, correcties, services
from ..filters import BeschikkingFilter
from ..models import Beschikking, Plaatsing
from . import serializers as s


class CapaciteitView(BasisAPIView):
    """Places per facility: no youth's data."""

    rechten = {"GET": "servicepunt.overzicht_zien"}
    operaties = {"GET": "capaciteit"}

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


def _beschikking(pk):
    return Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen").get(pk=pk)


class BeschikkingActie(ActieView):
    """An action on a decision the user may see; the answer is the decision as it now stands."""

    actie_op = Beschikking.objects
    audit_onderwerp = "servicepunt.beschikking"
    uitvoer = s.BeschikkingSerializer

    def herlezen(self, beschikking, resultaat):
        return _beschikking(beschikking.pk)


class BeschikkingenView(ActieView, BasisLijstView):
    serializer_class = s.BeschikkingSerializer
    model = Beschikking
    rechten = {"GET": "servicepunt.beschikkingen_zien", "POST": "servicepunt.beschikking_registreren"}
    operaties = {"GET": "beschikkingen_lijst", "POST": "beschikking_registreren"}
    audit_onderwerp = "servicepunt.beschikking"
    invoer, uitvoer, status_code = s.BeschikkingInvoer, s.BeschikkingSerializer, 201

    # The page's own FilterSet; name, birth date and BSN only in the body of POST zoeken/ (kern/filters.py).
    filter_backends = [ZoekBackend]
    filterset_class = BeschikkingFilter

    def verfijn(self, queryset):
        return queryset.met_eerste_start().prefetch_related("plaatsingen").order_by("-afgegeven_op", "-id")

    def uitvoeren(self, record, gegevens):
        jeugdige = {**gegevens.pop("jeugdige"), "kader": gegevens.pop("kader")}
        return services.beschikking_registreren(self.request.user, jeugdige=jeugdige, request=self.request, **gegevens)

    def herlezen(self, record, beschikking):
        return _beschikking(beschikking.pk)


BeschikkingenZoekenView = zoekview(BeschikkingenView, s.BeschikkingSerializer, "Beschikking", "beschikkingen_zoeken")


BeschikkingView = detailview(
    "BeschikkingView",
    s.BeschikkingSerializer,
    recht="servicepunt.beschikkingen_zien",
    operatie="beschikking_lezen",
    onderwerp="servicepunt.beschikking",
    records=lambda: Beschikking.objects.met_eerste_start().prefetch_related("plaatsingen"),
)


# Woonplaatsbeginsel: the one explicit, reasoned and audited change of the responsible municipality.
BeschikkingGemeenteView = BeschikkingActie.actie(
    s.GemeenteWijzigenInvoer, services.gemeente_wijzigen, object_recht="servicepunt.gemeente_wijzigen"
)
# Correct a decision's dates, with a reason; the earlier value is kept.
BeschikkingCorrectieView = BeschikkingActie.actie(
    s.BeschikkingCorrectieInvoer, correcties.beschikking_corrigeren, recht="servicepunt.corrigeren"
)


class PlaatsingenView(ActieView):
    """A placement on a decision the user may see; the answer is the placement."""

    rechten = {"POST": "servicepunt.plaatsen"}
    operaties = {"POST": "plaatsen"}
    actie_op = Beschikking.objects.select_related("jeugdige", "gemeente")
    audit_onderwerp = "servicepunt.beschikking"
    invoer, dienst, uitvoer, status_code = s.PlaatsingInvoer, services.plaatsen, s.PlaatsingSerializer, 201


class PlaatsingActie(ActieView):
    actie_op = Plaatsing.objects
    audit_onderwerp = "servicepunt.plaatsing"
    uitvoer = s.PlaatsingSerializer


# Correct a placement's dates or follow-up, with a reason; the earlier value is kept.
PlaatsingCorrectieView = PlaatsingActie.actie(
    s.PlaatsingCorrectieInvoer, correcties.plaatsing_corrigeren, recht="servicepunt.corrigeren"
)


class WachtlijstView(BasisLijstView):
    serializer_class = s.BeschikkingSerializer
    model = Beschikking
    rechten = {"GET": "servicepunt.beschikkingen_zien"}
    operaties = {"GET": "wachtlijst"}
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
    operaties = {"POST": "matching"}

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
