"""The shared API inputs of every function: one youth, read the same way by crisis,
servicepunt and experttafel (the page forms use `kern.velden` the same way)."""

from django.core.exceptions import ValidationError
from rest_framework import serializers

from .models import Gemeente, valideer_bsn, valideer_geboortedatum
from .velden import DatumVeld


def _django_validator(func):
    """A model validator (raises Django's ValidationError) as a DRF validator."""

    def run(value):
        try:
            func(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    return run


class JeugdigeInvoer(serializers.Serializer):
    voornaam = serializers.CharField(max_length=80)
    achternaam = serializers.CharField(max_length=120)
    geboortedatum = DatumVeld(validators=[_django_validator(valideer_geboortedatum)])
    bsn = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, validators=[_django_validator(valideer_bsn)]
    )
    gemeente = serializers.SlugRelatedField(slug_field="code", queryset=Gemeente.objects.all())

    def to_internal_value(self, data):
        if isinstance(data, dict) and data.get("bsn") in ("", None):
            data = {k: v for k, v in data.items() if k != "bsn"}
        return super().to_internal_value(data)
