from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kern.codelijsten import Codeveld
from kern.models import (
    Aanbieder,
    Alternatief,
    Hulpvorm,
    RedenGeenInzet,
    Voorziening,
)
from kern.serializers import JeugdigeInvoer
from kern.velden import DatumVeld

from ..models import Aanmelding, Inzet, Toewijzing


class AanmeldingInvoer(serializers.Serializer):
    jeugdige = JeugdigeInvoer()
    hulpvraag = serializers.ChoiceField(choices=Aanmelding.Hulpvraag.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    bron = serializers.ChoiceField(choices=[c for c in Aanmelding.Bron.choices if c[0] != "historisch"], required=False)


class AanbiederKort(serializers.ModelSerializer):
    class Meta:
        model = Aanbieder
        fields = ["code", "naam"]


class ToewijzingSerializer(serializers.ModelSerializer):
    aanbieder = AanbiederKort()
    reden = Codeveld("weigerreden", source="weigerreden_id", allow_null=True)

    class Meta:
        model = Toewijzing
        fields = [
            "id",
            "aanmelding",
            "aanbieder",
            "status",
            "toegewezen_op",
            "reden",
            "weigertoelichting",
            "handmatig_reden",
        ]


class WeigeringSerializer(ToewijzingSerializer):
    """The declined assignment, and the one it passed on to (null when no provider is left)."""

    doorgezet_naar = ToewijzingSerializer(read_only=True, allow_null=True)

    class Meta(ToewijzingSerializer.Meta):
        fields = [*ToewijzingSerializer.Meta.fields, "doorgezet_naar"]


class InzetSerializer(serializers.ModelSerializer):
    hulpvorm = Codeveld("hulpvorm", source="hulpvorm_id")
    aanbieder = Codeveld("aanbieder", source="aanbieder_id", allow_null=True)
    vervolg = serializers.SerializerMethodField()
    ambulant_door = serializers.SerializerMethodField()
    perspectiefplan_datum = serializers.SerializerMethodField(
        help_text="De datum van het ene perspectiefplan (ook via perspectiefregie vastgelegd)."
    )
    boven_capaciteit = serializers.SerializerMethodField()

    class Meta:
        model = Inzet
        fields = [
            "id",
            "aanmelding",
            "hulpvorm",
            "aanbieder",
            "voorziening",
            "ambulant_door",
            "startdatum",
            "verwachte_einddatum",
            "einddatum",
            "vervolg",
            "perspectiefplan_datum",
            "boven_capaciteit",
            "boven_capaciteit_reden",
        ]

    def get_boven_capaciteit(self, obj) -> bool:
        return bool(obj.boven_capaciteit_reden)

    def get_vervolg(self, obj) -> str | None:
        return obj.vervolg_verblijf_id or obj.vervolg_ambulant_id

    def get_ambulant_door(self, obj) -> str | int | None:
        return "lokaal_team" if obj.ambulant_lokaal_team else obj.ambulant_door_id

    @extend_schema_field(OpenApiTypes.DATE)
    def get_perspectiefplan_datum(self, obj):
        if not hasattr(obj, "plan_datum"):  # a single stay just written: read the one record
            obj.plan_datum = Inzet.objects.met_perspectiefplan().values_list("plan_datum", flat=True).get(pk=obj.pk)
        return obj.plan_datum


class AanmeldingSerializer(serializers.ModelSerializer):
    jeugdige = serializers.SerializerMethodField()
    gemeente = Codeveld("gemeente", source="gemeente_id")
    reden_geen = Codeveld("reden_geen_inzet", source="reden_geen_id", allow_null=True)
    inzetten = InzetSerializer(many=True, read_only=True)
    toewijzingen = ToewijzingSerializer(many=True, read_only=True)

    class Meta:
        model = Aanmelding
        fields = [
            "id",
            "registratienummer",
            "jeugdige",
            "gemeente",
            "hulpvraag",
            "toelichting",
            "bron",
            "aangemeld_op",
            "aanmelddatum",
            "leeftijdsgroep",
            "loket_open",
            "behandelen_voor",
            "status",
            "ernst",
            "reden_geen",
            "inzetten",
            "toewijzingen",
        ]

    def get_jeugdige(self, obj) -> dict:
        j = obj.jeugdige
        return {
            "id": j.pk,
            "voornaam": j.voornaam,
            "achternaam": j.achternaam,
            "geboortedatum": j.geboortedatum.isoformat(),
            "bsn": j.bsn,
            "gemeente": j.gemeente_id,
        }


class TriageInvoer(serializers.Serializer):
    ernst = serializers.ChoiceField(choices=Aanmelding.Ernst.choices)
    aard = serializers.CharField(required=False, allow_blank=True, default="")
    geconsulteerd = serializers.SlugRelatedField(
        slug_field="code", queryset=Aanbieder.objects.all(), many=True, required=False, default=list
    )


class GeenInzetInvoer(serializers.Serializer):
    reden = serializers.SlugRelatedField(slug_field="code", queryset=RedenGeenInzet.objects.filter(actief=True))
    # Which alternative, when the reason is 'alternatief' (code list 'Alternatief').
    alternatief = serializers.SlugRelatedField(
        slug_field="code", queryset=Alternatief.objects.filter(actief=True), required=False, allow_null=True
    )
    alternatief_toelichting = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class VerdelenInvoer(serializers.Serializer):
    aanbieder = serializers.SlugRelatedField(
        slug_field="code", queryset=Aanbieder.objects.all(), required=False, allow_null=True
    )
    reden = serializers.CharField(required=False, allow_blank=True, default="")


class WeigerenInvoer(serializers.Serializer):
    reden = serializers.CharField(max_length=500)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class InzetInvoer(serializers.Serializer):
    hulpvorm = serializers.SlugRelatedField(slug_field="code", queryset=Hulpvorm.objects.filter(actief=True))
    voorziening = serializers.PrimaryKeyRelatedField(
        queryset=Voorziening.objects.all(), required=False, allow_null=True
    )
    startdatum = DatumVeld()
    verwachte_einddatum = DatumVeld(required=False, allow_null=True)
    ambulant_door = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    boven_capaciteit = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Alleen het CCP, in een acuut onveilige situatie: plaatsen ook als de voorziening vol is.",
    )
    boven_capaciteit_reden = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AfsluitenInvoer(serializers.Serializer):
    einddatum = DatumVeld(niet_in_toekomst=True)
    vervolg = Codeveld("vervolg_ambulant", "vervolg_verblijf", max_length=40)


class PerspectiefplanInvoer(serializers.Serializer):
    perspectiefplan_datum = DatumVeld()
    evaluatie_op = DatumVeld(required=False, allow_null=True, help_text="De evaluatie binnen twee weken na opname.")


class BeschikbaarheidSerializer(serializers.ModelSerializer):
    type = Codeveld("voorzieningtype", source="type_id")
    aanbieder = Codeveld("aanbieder", source="aanbieder_id")
    gemeente = Codeveld("gemeente", source="gemeente_id")
    leeftijdsgroep = serializers.CharField(allow_null=True)
    bezet = serializers.IntegerField()
    vrij = serializers.IntegerField()
    verwacht_vertrek = serializers.IntegerField()
    verouderd = serializers.BooleanField()
    boven_capaciteit = serializers.IntegerField(help_text="Zoveel jeugdigen verblijven er boven de capaciteit.")
    lange_verblijven = serializers.IntegerField(
        help_text="Lopende verblijven die de regionale termijn voor een lang crisisverblijf hebben bereikt."
    )

    class Meta:
        model = Voorziening
        fields = [
            "id",
            "naam",
            "type",
            "aanbieder",
            "gemeente",
            "leeftijdsgroep",
            "leeftijd_min",
            "leeftijd_max",
            "capaciteit",
            "bezet",
            "vrij",
            "verwacht_vertrek",
            "bevestigd_op",
            "verouderd",
            "boven_capaciteit",
            "lange_verblijven",
        ]


class InzetCorrectieInvoer(serializers.Serializer):
    """Only the fields that change; `reden` is required (the earlier value is kept with it)."""

    reden = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")
    startdatum = DatumVeld(required=False, niet_in_toekomst=True)
    einddatum = DatumVeld(required=False, niet_in_toekomst=True)
    vervolg = Codeveld("vervolg_ambulant", "vervolg_verblijf", required=False, max_length=40)
    hulpvorm = Codeveld("hulpvorm", required=False, max_length=40)
    voorziening = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    aanbieder = Codeveld("aanbieder", required=False, max_length=40)


class AanmeldingCorrectieInvoer(serializers.Serializer):
    reden = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")
    hulpvraag = serializers.ChoiceField(required=False, choices=Aanmelding.Hulpvraag.choices)
    reden_geen = Codeveld("reden_geen_inzet", required=False, max_length=40)
    ernst = serializers.ChoiceField(required=False, choices=Aanmelding.Ernst.choices)
    aard = serializers.CharField(required=False, allow_blank=True, max_length=5000)
