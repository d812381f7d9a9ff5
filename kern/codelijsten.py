"""The region's code lists as the API serves them (GET /api/v1/codelijsten/, kern/api/views.py),
and the mark a serializer field carries when it takes or shows a code from one of them."""

from rest_framework import serializers

from .models import (
    Aanbieder,
    Alternatief,
    Gemeente,
    Hulpvorm,
    RedenGeenInzet,
    VervolgAmbulant,
    VervolgVerblijf,
    Voorzieningtype,
    Weigerreden,
)

# list name -> (model, the field that is its label)
CODELIJSTEN = {
    "gemeente": (Gemeente, "naam"),
    "aanbieder": (Aanbieder, "naam"),
    "hulpvorm": (Hulpvorm, "label"),
    "voorzieningtype": (Voorzieningtype, "label"),
    "reden_geen_inzet": (RedenGeenInzet, "label"),
    "alternatief": (Alternatief, "label"),
    "vervolg_ambulant": (VervolgAmbulant, "label"),
    "vervolg_verblijf": (VervolgVerblijf, "label"),
    "weigerreden": (Weigerreden, "label"),
}


def codelijst_van(model) -> str | None:
    """The name of the code list a model is, or None."""
    return next((naam for naam, (m, _) in CODELIJSTEN.items() if m is model), None)


class Codeveld(serializers.CharField):
    """A text field that takes or shows a code of these lists; the schema names them
    (flevojeugd/schema.py). A subclass, not an attribute: DRF rebuilds fields from their arguments."""

    def __init__(self, *lijsten: str, **kwargs):
        assert lijsten and set(lijsten) <= set(CODELIJSTEN), lijsten
        self.codelijsten = lijsten
        super().__init__(**kwargs)
