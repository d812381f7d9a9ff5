from rest_framework import serializers

from kern.codelijsten import Codeveld
from kern.models import Aanbieder, Gemeente, Voorziening, Voorzieningtype
from kern.serializers import JeugdigeInvoer
from kern.velden import DatumVeld

from .. import afwegingskader
from ..models import Beschikking, Plaatsing


class BeschikkingInvoer(serializers.Serializer):
    jeugdige = JeugdigeInvoer()
    kader = serializers.ChoiceField(choices=["vrijwillig", "gedwongen"], default="vrijwillig")
    zorgtype = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Voorzieningtype.objects.filter(hulpvorm__isnull=True),
        required=False,
        allow_null=True,
    )
    afgegeven_op = DatumVeld()
    aanbieder = serializers.SlugRelatedField(
        slug_field="code", queryset=Aanbieder.objects.all(), required=False, allow_null=True
    )
    gemeente = serializers.SlugRelatedField(
        slug_field="code", queryset=Gemeente.objects.all(), required=False, allow_null=True
    )
    gemeente_reden = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    gezag_derden = serializers.BooleanField(default=False)
    wlz_indicatie = serializers.BooleanField(default=False)
    buiten_regio = serializers.BooleanField(default=False)
    verwachte_start = DatumVeld(required=False, allow_null=True)


class GemeenteWijzigenInvoer(serializers.Serializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", queryset=Gemeente.objects.all())
    reden = serializers.CharField(max_length=300)


class PlaatsingSerializer(serializers.ModelSerializer):
    ambulant_door = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Plaatsing
        fields = [
            "id",
            "voorziening",
            "buiten_regio",
            "ambulant_door",
            "eerste_keus",
            "startdatum",
            "verwachte_duur_weken",
            "perspectief",
            "einddatum",
            "vervolg",
        ]


class BeschikkingSerializer(serializers.ModelSerializer):
    gemeente = Codeveld("gemeente", source="gemeente_id")
    brp_gemeente = Codeveld("gemeente", source="brp_gemeente_id")
    zorgtype = Codeveld("voorzieningtype", source="zorgtype_id", allow_null=True)
    aanbieder = Codeveld("aanbieder", source="aanbieder_id", allow_null=True)
    plaatsingen = PlaatsingSerializer(many=True, read_only=True)
    tweewekenregel = serializers.SerializerMethodField()

    class Meta:
        model = Beschikking
        fields = [
            "id",
            "jeugdige",
            "zorgtype",
            "afgegeven_op",
            "aanbieder",
            "gemeente",
            "brp_gemeente",
            "gemeente_reden",
            "gezag_derden",
            "wlz_indicatie",
            "buiten_regio",
            "ambulant_gestart_op",
            "verwachte_start",
            "plaatsingen",
            "tweewekenregel",
        ]

    def get_tweewekenregel(self, obj) -> dict:
        from django.utils import timezone

        from .. import regels

        eerste = getattr(obj, "eerste_start", None)
        return {
            "uiterlijk": regels.uiterlijk_gestart(obj.afgegeven_op).isoformat(),
            "eerste_start": eerste.isoformat() if eerste else None,
            "status": regels.tweewekenregel(obj.afgegeven_op, eerste, timezone.localdate()),
        }


class PlaatsingInvoer(serializers.Serializer):
    voorziening = serializers.PrimaryKeyRelatedField(
        queryset=Voorziening.objects.all(), required=False, allow_null=True
    )
    buiten_regio = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Een voorziening buiten de regio (naam, aanbieder, plaats), in plaats van `voorziening`.",
    )
    eerste_keus = serializers.PrimaryKeyRelatedField(
        queryset=Voorziening.objects.all(), required=False, allow_null=True
    )
    startdatum = DatumVeld()
    # Required by the service (400 naming the field, in Dutch, when missing).
    ambulant_door = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=40,
        help_text="'lokaal_team' of de code van de aanbieder die de ambulante hulp geeft.",
    )
    verwachte_duur_weken = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=520)
    perspectief = serializers.CharField(required=False, allow_blank=True, default="")


class MatchingInvoer(serializers.Serializer):
    leeftijd = serializers.IntegerField(min_value=0, max_value=23)
    gemeente = serializers.SlugRelatedField(slug_field="code", queryset=Gemeente.objects.filter(in_regio=True))
    ernst = serializers.ChoiceField(choices=["licht", "matig", "zwaar"])
    complexiteit = serializers.ChoiceField(choices=["enkelvoudig", "meervoudig", "complex"], default="enkelvoudig")
    probleemgebieden = serializers.ListField(
        child=serializers.ChoiceField(choices=list(afwegingskader.PROBLEEMGEBIEDEN)), default=list
    )
    gezinsfactoren = serializers.ListField(
        child=serializers.ChoiceField(choices=list(afwegingskader.GEZINSFACTOREN)), default=list
    )
    eerdere_jeugdhulp = serializers.IntegerField(min_value=0, max_value=50, default=0)
    motivatie_ouders = serializers.ChoiceField(choices=["laag", "matig", "hoog"], default="matig")


class BeschikkingCorrectieInvoer(serializers.Serializer):
    """Only the fields that change; `reden` is required (the earlier value is kept with it)."""

    reden = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")
    afgegeven_op = DatumVeld(required=False, niet_in_toekomst=True)
    ambulant_gestart_op = DatumVeld(required=False, niet_in_toekomst=True)
    verwachte_start = DatumVeld(required=False)


class PlaatsingCorrectieInvoer(serializers.Serializer):
    reden = serializers.CharField(max_length=1000, allow_blank=True, required=False, default="")
    startdatum = DatumVeld(required=False, niet_in_toekomst=True)
    einddatum = DatumVeld(required=False, niet_in_toekomst=True)
    vervolg = serializers.CharField(required=False, max_length=300)
