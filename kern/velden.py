"""The shared date field of every page form and every serializer: `kern.datums` applied once.

`DatumInput` (the widget), `DatumFormVeld` (django.forms) and `DatumVeld` (DRF) parse strictly
(ASCII digits, a real day, a year in the window) and can refuse a date in the future
(`niet_in_toekomst=True`, for facts such as an end or a birth). Rules that compare two dates
(a start before the birth or the referral) belong in the service, with `kern.datums.niet_voor`.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from rest_framework import serializers

from . import datums


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _naam(label, standaard: str = "datum") -> str:
    return str(label).lower() if label else standaard


class DatumFormVeld(forms.DateField):
    """forms.DateField with the region's one date rule; widget `DatumInput` by default."""

    widget = DatumInput

    def __init__(self, *, niet_in_toekomst: bool = False, **kwargs):
        self.niet_in_toekomst = niet_in_toekomst
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        naam = _naam(self.label)
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            datums.controleer_venster(value, naam)
            return value
        return datums.lees_datum(str(value), naam, nederlands=True)

    def validate(self, value):
        super().validate(value)
        if value and self.niet_in_toekomst:
            datums.niet_in_toekomst(value, _naam(self.label))


class DatumVeld(serializers.DateField):
    """The API's date: JJJJ-MM-DD only, with the region's one date rule."""

    default_error_messages = {
        "invalid": "Ongeldige datum: schrijf de datum als JJJJ-MM-DD.",
        "datetime": "Geef een datum, geen tijdstip.",
    }

    def __init__(self, *, niet_in_toekomst: bool = False, **kwargs):
        self.niet_in_toekomst = niet_in_toekomst
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        naam = _naam(self.label or (self.field_name or "").replace("_", " "))
        if isinstance(value, datetime.datetime):
            self.fail("datetime")
        try:
            if isinstance(value, datetime.date):
                datums.controleer_venster(value, naam)
                datum = value
            elif isinstance(value, str):
                datum = datums.lees_datum(value, naam)
            else:
                self.fail("invalid")
            if self.niet_in_toekomst:
                datums.niet_in_toekomst(datum, naam)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return datum


def voorwaardelijk(veld, wanneer: str):
    """A field that is required only in a case (`wanneer`, e.g. "verplicht bij een verblijf"): the
    label says exactly that instead of "(niet verplicht)" (templates/includes/veld.html), so a
    user never reads "niet verplicht" on a field the service then demands."""
    veld.voorwaarde = wanneer
    return veld
