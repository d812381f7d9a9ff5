"""Thin API views: permission check, input validation, one service call, audit of reads."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from flevojeugd.api_basis import ActieView, BasisAPIView, BasisLijstView, detailview, zoekview
from kern.filters import ZoekBackend

from .. import correcties, services
from ..filters import AanmeldingFilter
from ..models import Aanmelding, Inzet, Toewijzing
from . import serializers as s


def _volledig(aanmelding_id):
    return (
        Aanmelding.objects.met_details()
        .prefetch_related(Prefetch("inzetten", queryset=Inzet.objects.met_perspectiefplan()), "toewijzingen__aanbieder")
        .get(pk=aanmelding_id)
    )


class AanmeldingActie(ActieView):
    """An action on a referral the user may see."""

    actie_op = Aanmelding.objects
    audit_onderwerp = "crisis.aanmelding"


class AanmeldingBijwerken(AanmeldingActie):
    """An action that changes the referral itself: the answer is the referral as it now stands."""

    uitvoer = s.AanmeldingSerializer

    def herlezen(self, aanmelding, resultaat):
        return _volledig(aanmelding.pk)


class InzetActie(ActieView):
    """An action on a deployment: visible with its referral; what may be done depends on whose it is."""

    actie_op = Inzet.objects.select_related("voorziening", "hulpvorm")
    audit_onderwerp = "crisis.inzet"
    object_rechten = {"POST": "crisis.afsluiten"}
    uitvoer = s.InzetSerializer


class AanmeldingenView(ActieView, BasisLijstView):
    serializer_class = s.AanmeldingSerializer
    model = Aanmelding
    rechten = {"GET": "crisis.aanmeldingen_zien", "POST": "crisis.aanmelden"}
    operaties = {"GET": "aanmeldingen_lijst", "POST": "aanmelden"}
    audit_onderwerp = "crisis.aanmelding"
    # The page's own FilterSet: registratienummer, gemeente, status, hulpvraag, van, tot, sorteer.
    # Name, birth date and BSN only in the body of POST zoeken/ (kern/filters.py says why).
    filter_backends = [ZoekBackend]
    filterset_class = AanmeldingFilter
    invoer, dienst, uitvoer, status_code = s.AanmeldingInvoer, services.aanmelden, s.AanmeldingSerializer, 201

    def verfijn(self, queryset):
        return (
            queryset.met_details()
            .prefetch_related(
                Prefetch("inzetten", queryset=Inzet.objects.met_perspectiefplan()), "toewijzingen__aanbieder"
            )
            .order_by("-aangemeld_op", "-id")
        )

    def herlezen(self, record, aanmelding):
        # A new referral has no deployments or assignments yet: no need to ask the database.
        aanmelding._prefetched_objects_cache = {
            "inzetten": Inzet.objects.none(),
            "toewijzingen": Toewijzing.objects.none(),
        }
        return aanmelding


AanmeldingenZoekenView = zoekview(AanmeldingenView, s.AanmeldingSerializer, "Aanmelding", "aanmeldingen_zoeken")


AanmeldingView = detailview(
    "AanmeldingView",
    s.AanmeldingSerializer,
    recht="crisis.aanmeldingen_zien",
    operatie="aanmelding_lezen",
    onderwerp="crisis.aanmelding",
    records=lambda: Aanmelding.objects,
    volledig=lambda aanmelding: _volledig(aanmelding.pk),
)


class ToewijzingActie(AanmeldingActie):
    """An action on the referral's assignment to a provider: the answer is the assignment."""

    uitvoer = s.ToewijzingSerializer


# The referral's actions, one row each: input, service (its name is the operationId), permission.
TriageView = AanmeldingBijwerken.actie(s.TriageInvoer, services.trieren, recht="crisis.trieren")
GeenInzetView = AanmeldingBijwerken.actie(s.GeenInzetInvoer, services.geen_inzet, recht="crisis.trieren")
# Correct a referral's codes, with a reason; the earlier value is kept.
AanmeldingCorrectieView = AanmeldingBijwerken.actie(
    s.AanmeldingCorrectieInvoer, correcties.aanmelding_corrigeren, object_recht="crisis.aanmelding_corrigeren"
)
VerdelenView = ToewijzingActie.actie(s.VerdelenInvoer, services.verdelen, recht="crisis.verdelen", status_code=201)
AccepterenView = ToewijzingActie.actie(None, services.accepteren, recht="crisis.toewijzingen_zien")
InzetAanmakenView = AanmeldingActie.actie(
    s.InzetInvoer, services.inzetten, recht="crisis.inzetten", uitvoer=s.InzetSerializer, status_code=201
)


class WeigerenView(AanmeldingActie):
    rechten = {"POST": "crisis.toewijzingen_zien"}
    operaties = {"POST": "weigeren"}
    invoer, dienst, uitvoer = s.WeigerenInvoer, services.weigeren, s.WeigeringSerializer

    def herlezen(self, aanmelding, resultaat):
        geweigerd, nieuwe = resultaat
        geweigerd.doorgezet_naar = nieuwe  # read by WeigeringSerializer
        return geweigerd


# The deployment's actions: who may take them depends on whose deployment it is.
AfsluitenView = InzetActie.actie(s.AfsluitenInvoer, services.afsluiten, operatie="inzet_afsluiten")
# Correct a registered fact of a deployment, with a reason; the earlier value is kept.
InzetCorrectieView = InzetActie.actie(
    s.InzetCorrectieInvoer, correcties.inzet_corrigeren, object_recht="crisis.inzet_corrigeren"
)


class PerspectiefplanView(InzetActie):
    operaties = {"POST": "perspectiefplan_vastleggen"}
    invoer = s.PerspectiefplanInvoer

    def uitvoeren(self, inzet, gegevens):
        return services.perspectiefplan_vastleggen(
            self.request.user,
            inzet,
            request=self.request,
            datum=gegevens["perspectiefplan_datum"],
            evaluatie_op=gegevens.get("evaluatie_op"),
        )


class BeschikbaarheidView(BasisAPIView):
    """Beds per facility: no youth's data, so nothing to look up or log."""

    rechten = {"GET": "crisis.beschikbaarheid_zien"}
    operaties = {"GET": "beschikbaarheid"}

    @extend_schema(responses=s.BeschikbaarheidSerializer(many=True))
    def get(self, request):
        return Response(s.BeschikbaarheidSerializer(services.crisisbord(), many=True).data)
