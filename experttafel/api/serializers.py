from rest_framework import serializers

from crisis.api.serializers import DatumVeld, JeugdigeInvoer
from kern.models import Gemeente

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
    class Meta:
        model = Advies
        fields = ["tekst", "perspectief", "datum"]


class OpvolgingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opvolging
        fields = ["opgevolgd", "motivering", "vastgelegd_op"]


class CasusSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente_id")
    jeugdige = serializers.SerializerMethodField()
    domeinen = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    themas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    advies = serializers.SerializerMethodField()
    opvolging = serializers.SerializerMethodField()
    sessie = serializers.SerializerMethodField()

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
            "besproken_op",
            "advies",
            "opvolging",
            "escalatie_reden",
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
        return OpvolgingSerializer(obj.opvolging).data if hasattr(obj, "opvolging") else None

    def get_sessie(self, obj) -> str | None:
        return obj.sessie.datum.isoformat() if obj.sessie_id else None


class OpvolgingInvoer(serializers.Serializer):
    opgevolgd = serializers.BooleanField()
    motivering = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class AdviesInvoer(serializers.Serializer):
    tekst = serializers.CharField(max_length=10000)
    perspectief = serializers.CharField(max_length=5000)
    datum = DatumVeld(required=False)


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
