from rest_framework import serializers

from kern.models import Aanbieder, Gemeente
from kern.serializers import JeugdigeInvoer
from kern.velden import DatumVeld

from ..models import Advies, Casus, Deelnemer, Domein, Opvolging, Sessie, Thema


class CasusInvoer(serializers.Serializer):
    vraag = serializers.CharField(max_length=5000)
    toestemming = serializers.BooleanField(default=False)
    jeugdige = JeugdigeInvoer(required=False, allow_null=True)
    gemeente = serializers.SlugRelatedField(
        slug_field="code", queryset=Gemeente.objects.filter(in_regio=True), required=False, allow_null=True
    )
    geprobeerd = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    gezinssituatie = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    domeinen = serializers.SlugRelatedField(
        slug_field="code", queryset=Domein.objects.filter(actief=True), many=True, required=False, default=list
    )
    urgentie = serializers.ChoiceField(choices=Casus.Urgentie.choices, default="normaal")


class AdviesSerializer(serializers.ModelSerializer):
    aanbieders = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Advies
        fields = ["tekst", "perspectief", "datum", "aanbieders"]


class OpvolgingSerializer(serializers.ModelSerializer):
    aanbieder = serializers.CharField(source="aanbieder_id", allow_null=True, read_only=True)

    class Meta:
        model = Opvolging
        fields = ["aanbieder", "opgevolgd", "motivering", "vastgelegd_op"]


class CasusSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente_id")
    jeugdige = serializers.SerializerMethodField()
    domeinen = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    themas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    advies = serializers.SerializerMethodField()
    opvolging = serializers.SerializerMethodField()
    opvolgingen = OpvolgingSerializer(many=True, read_only=True)
    sessie = serializers.SerializerMethodField()
    tijd = serializers.SerializerMethodField()

    class Meta:
        model = Casus
        fields = [
            "id",
            "status",
            "gemeente",
            "via_gi",
            "jeugdige",
            "vraag",
            "geprobeerd",
            "gezinssituatie",
            "domeinen",
            "toestemming",
            "urgentie",
            "ingediend_op",
            "sessie",
            "plaats",
            "tijd",
            "besproken_op",
            "advies",
            "opvolging",
            "opvolgingen",
            "escalatie_reden",
            "geescaleerd_op",
            "escalatie_uitkomst",
            "escalatie_uitkomst_op",
            "themas",
        ]

    def get_jeugdige(self, obj) -> dict | None:
        j = obj.jeugdige
        return (
            None
            if j is None
            else {
                "id": j.pk,
                "voornaam": j.voornaam,
                "achternaam": j.achternaam,
                "geboortedatum": j.geboortedatum.isoformat(),
                "gemeente": j.gemeente_id,
            }
        )

    def get_advies(self, obj) -> dict | None:
        return AdviesSerializer(obj.advies).data if hasattr(obj, "advies") else None

    def get_opvolging(self, obj) -> dict | None:
        """The municipality's follow-up (the contract's shape); every party's is in `opvolgingen`."""
        eigen = next((o for o in obj.opvolgingen.all() if o.aanbieder_id is None), None)
        return OpvolgingSerializer(eigen).data if eigen else None

    def get_tijd(self, obj) -> str | None:
        """The case's time slot on its session's agenda, HH:MM local time."""
        if not obj.sessie_id or obj.status != "gepland":
            return None
        from kern.models import Regioinstelling

        from ..services import tijdslot

        if "tijdslot_minuten" not in self.context:  # once per response, not per row
            self.context["tijdslot_minuten"] = Regioinstelling.huidige().tijdslot_minuten
        return tijdslot(obj, self.context["tijdslot_minuten"])[0].strftime("%H:%M")

    def get_sessie(self, obj) -> str | None:
        return obj.sessie.datum.isoformat() if obj.sessie_id else None


class OpvolgingInvoer(serializers.Serializer):
    opgevolgd = serializers.BooleanField()
    motivering = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    aanbieder = serializers.SlugRelatedField(
        slug_field="code", queryset=Aanbieder.objects.all(), required=False, allow_null=True, default=None
    )


class AdviesInvoer(serializers.Serializer):
    tekst = serializers.CharField(max_length=10000)
    perspectief = serializers.CharField(max_length=5000)
    datum = DatumVeld(required=False)
    aanbieders = serializers.SlugRelatedField(
        slug_field="code", queryset=Aanbieder.objects.all(), many=True, required=False, default=list
    )


class EscalatieUitkomstInvoer(serializers.Serializer):
    uitkomst = serializers.CharField(max_length=5000)
    datum = DatumVeld()


class VolgordeInvoer(serializers.Serializer):
    richting = serializers.ChoiceField(choices=[("eerder", "eerder"), ("later", "later")])


class VerplaatsenInvoer(serializers.Serializer):
    datum = DatumVeld()


class RedenInvoer(serializers.Serializer):
    reden = serializers.CharField(max_length=2000)


class AgendaInvoer(serializers.Serializer):
    casus = serializers.PrimaryKeyRelatedField(queryset=Casus.objects.all())
    plaats = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class DeelnemerInvoer(serializers.ModelSerializer):
    class Meta:
        model = Deelnemer
        fields = ["soort", "naam", "organisatie", "email"]


class SluitenInvoer(serializers.Serializer):
    themas = serializers.SlugRelatedField(
        slug_field="code", queryset=Thema.objects.filter(actief=True), many=True, required=False, default=list
    )
    les = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class SessieSerializer(serializers.ModelSerializer):
    aantal_casussen = serializers.SerializerMethodField()
    # HH:MM, local time: JSON Schema's "time" format would demand a UTC offset.
    begintijd = serializers.SerializerMethodField()
    eindtijd = serializers.SerializerMethodField()

    # The region's one date rule (ASCII digits, JJJJ-MM-DD, a year in the window), like every serializer.
    datum = DatumVeld()

    class Meta:
        model = Sessie
        fields = [
            "id",
            "datum",
            "begintijd",
            "eindtijd",
            "plaats",
            "capaciteit",
            "extra",
            "geannuleerd",
            "annuleringsreden",
            "aantal_casussen",
        ]
        read_only_fields = ["extra", "geannuleerd", "annuleringsreden"]
        extra_kwargs = {"plaats": {"required": False}, "capaciteit": {"required": False}}

    def get_aantal_casussen(self, obj) -> int:
        return getattr(obj, "aantal_casussen", None) or obj.casussen.filter(status="gepland").count()

    def get_begintijd(self, obj) -> str:
        return obj.begintijd.strftime("%H:%M") if obj.begintijd else ""

    def get_eindtijd(self, obj) -> str:
        return obj.eindtijd.strftime("%H:%M") if obj.eindtijd else ""


class SessiedatumSerializer(serializers.Serializer):
    datum = serializers.DateField()
    reden = serializers.CharField()


class PlanningInvoer(serializers.Serializer):
    van = DatumVeld()
    tot = DatumVeld()

    def validate(self, data):
        if data["tot"] < data["van"]:
            raise serializers.ValidationError({"tot": ["'tot' ligt vóór 'van'."]})
        if (data["tot"] - data["van"]).days > 366 * 5:
            raise serializers.ValidationError({"tot": ["Vraag een planning van hoogstens vijf jaar op."]})
        return data


class OpvolgingCorrectieInvoer(serializers.Serializer):
    """Which party's follow-up, what changes, and the required reason."""

    reden = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")
    aanbieder = serializers.SlugRelatedField(
        slug_field="code", queryset=Aanbieder.objects.all(), required=False, allow_null=True, default=None
    )
    opgevolgd = serializers.BooleanField(required=False, allow_null=True, default=None)
    motivering = serializers.CharField(required=False, allow_blank=True, max_length=5000, default=None, allow_null=True)
