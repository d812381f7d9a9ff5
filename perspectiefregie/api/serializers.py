from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kern.velden import DatumVeld

from .. import regels
from ..models import Traject, Verblijf


class VerblijfSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="verblijf_id", help_text="Id van de crisisinzet of de plaatsing.")

    class Meta:
        model = Verblijf
        fields = ["soort", "id", "startdatum", "einddatum"]


class PlanSamenvatting(serializers.Serializer):
    uiterlijk = serializers.DateField()
    vastgesteld_op = serializers.DateField(allow_null=True)
    evaluatie_op = serializers.DateField(allow_null=True)


class TrajectSerializer(serializers.ModelSerializer):
    """Reads prefetched regisseurschappen, plannen and verblijven (see views._trajecten)."""

    jeugdige = serializers.IntegerField(source="jeugdige_id")
    gemeente = serializers.CharField(source="gemeente_id")
    regisseur = serializers.SerializerMethodField()
    geopend_op = serializers.DateField(source="startdatum")
    gesloten_op = serializers.DateField(source="einddatum", allow_null=True)
    verblijven = VerblijfSerializer(many=True)
    perspectiefplan = serializers.SerializerMethodField()

    class Meta:
        model = Traject
        fields = [
            "id",
            "jeugdige",
            "gemeente",
            "regisseur",
            "geopend_op",
            "gesloten_op",
            "verblijven",
            "perspectiefplan",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Gebruikersnaam van de regisseur."))
    def get_regisseur(self, obj) -> str | None:
        actief = next((r for r in obj.regisseurschappen.all() if r.tot is None), None)
        return actief.regisseur.username if actief else None

    @extend_schema_field(PlanSamenvatting)
    def get_perspectiefplan(self, obj) -> dict:
        plan = next((p for p in obj.plannen.all() if p.soort == "perspectief"), None)
        return {
            "uiterlijk": regels.plan_uiterlijk(obj.bron, obj.startdatum).isoformat(),
            "vastgesteld_op": plan.vastgesteld_op.isoformat() if plan else None,
            "evaluatie_op": plan.evaluatie_op.isoformat() if plan and plan.evaluatie_op else None,
        }


class RegisseurInvoer(serializers.Serializer):
    regisseur = serializers.CharField(max_length=150, help_text="Gebruikersnaam van de medewerker van de toegang.")
    reden = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class TrajectSluitenInvoer(serializers.Serializer):
    reden = serializers.ChoiceField(choices=[("thuis", "thuis"), ("18_zonder_zorg", "18_zonder_zorg")])
    datum = DatumVeld()


class PlanCorrectieInvoer(serializers.Serializer):
    """Only the fields that change; `reden` is required (the earlier version is kept with it)."""

    reden = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")
    soort = serializers.ChoiceField(choices=["perspectief", "na_18"], required=False, default="perspectief")
    vastgesteld_op = DatumVeld(required=False, niet_in_toekomst=True)
    evaluatie_op = DatumVeld(required=False, niet_in_toekomst=True)
    volgende_evaluatie = DatumVeld(required=False)
    doelen = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    terugkeer = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    wie_doet_wat = serializers.CharField(required=False, allow_blank=True, max_length=5000)
