"""The case list's one FilterSet: the page `/experttafel/casussen/` and
`GET /api/v1/experttafel/casussen/` (with `POST …/zoeken/` for personal terms)."""

import django_filters

from kern.filters import DatumFilter, SorteerFilter, ZoekFilterSet

from .models import Casus


class CasusFilter(ZoekFilterSet):
    # A case has no registration number of its own: its number in this system is its id.
    nummer = django_filters.NumberFilter(label="Nummer", field_name="id", min_value=1, max_value=2**62)
    status = django_filters.ChoiceFilter(label="Status", choices=Casus.Status.choices, empty_label="Alle")
    urgentie = django_filters.ChoiceFilter(label="Urgentie", choices=Casus.Urgentie.choices, empty_label="Alle")
    van = DatumFilter(
        label="Begindatum", field_name="ingediend_op__date", lookup_expr="gte", help_text="Ingediend op of na."
    )
    tot = DatumFilter(
        label="Einddatum", field_name="ingediend_op__date", lookup_expr="lte", help_text="Ingediend op of vóór."
    )
    sorteer = SorteerFilter(
        {"ingediend": ("ingediend_op", "Ingediend"), "nummer": ("id", "Nummer"), "status": ("status", "Status")},
        standaard="Nieuwste eerst",
    )

    class Meta:
        model = Casus
        fields = []
