"""Thin API views: the trajectories a user may see, the regisseur, closing a period of care."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from accounts.models import Gebruiker
from flevojeugd.api_basis import ActieView, BasisLijstView
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


class TrajectActie(ActieView):
    """An action on a trajectory the user may see; the answer is the trajectory as it now stands."""

    actie_op = Traject.objects.select_related("jeugdige")
    audit_onderwerp = "perspectiefregie.traject"
    uitvoer = s.TrajectSerializer

    def herlezen(self, traject, resultaat):
        return _trajecten(self.request.user).get(pk=traject.pk)


class TrajectenView(BasisLijstView):
    serializer_class = s.TrajectSerializer
    model = Traject
    rechten = {"GET": "perspectiefregie.trajecten_zien"}
    operaties = {"GET": "trajecten_lijst"}
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


class RegisseurView(TrajectActie):
    object_rechten = {"POST": "perspectiefregie.regisseur_toewijzen"}
    operaties = {"POST": "regisseur_toewijzen"}
    invoer, status_code = s.RegisseurInvoer, 201

    def uitvoeren(self, traject, gegevens):
        regisseur = Gebruiker.objects.filter(username=gegevens["regisseur"], is_active=True).first()
        if regisseur is None:
            raise veldfout(
                "regisseur", "Onbekende gebruiker: geef de gebruikersnaam van een medewerker van de toegang."
            )
        services.wijs_regisseur_toe(
            self.request.user, traject, regisseur=regisseur, reden=gegevens["reden"], request=self.request
        )


SluitenView = TrajectActie.actie(
    s.TrajectSluitenInvoer, services.traject_sluiten, object_recht="perspectiefregie.traject_sluiten"
)


class PlanCorrectieView(TrajectActie):
    """Correct the trajectory's plan or its evaluation date, with a reason; the earlier version is kept."""

    object_rechten = {"POST": "perspectiefregie.plan_vastleggen"}
    operaties = {"POST": "perspectiefplan_corrigeren"}
    invoer = s.PlanCorrectieInvoer

    def uitvoeren(self, traject, gegevens):
        plan = traject.plannen.filter(soort=gegevens.pop("soort")).order_by("vastgesteld_op", "id").first()
        if plan is None:
            raise Conflict("Er is nog geen plan van deze soort vastgelegd: leg het eerst vast.")
        correcties.plan_corrigeren(self.request.user, plan, request=self.request, **gegevens)
