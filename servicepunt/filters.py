"""The decision list's one FilterSet: the page `/servicepunt/beschikkingen/zoeken/` and
`GET /api/v1/servicepunt/beschikkingen/` (with `POST …/zoeken/` for personal terms)."""

import django_filters
from django.utils import timezone

from kern.filters import DatumFilter, SorteerFilter, ZoekFilterSet
from kern.models import Voorzieningtype

from .models import Beschikking


class BeschikkingFilter(ZoekFilterSet):
    # A decision has no registration number of its own: its number in this system is its id.
    nummer = django_filters.NumberFilter(label="Nummer", field_name="id", min_value=1, max_value=2**62)
    zorgtype = django_filters.ModelChoiceFilter(
        label="Soort zorg",
        queryset=Voorzieningtype.objects.filter(hulpvorm__isnull=True).order_by("volgorde"),
        empty_label="Alle",
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[("wachtend", "Wacht op een plaatsing"), ("geplaatst", "Geplaatst")],
        method="filter_status",
        empty_label="Alle",
    )
    van = DatumFilter(label="Begindatum", field_name="afgegeven_op", lookup_expr="gte", help_text="Afgegeven op of na.")
    tot = DatumFilter(
        label="Einddatum", field_name="afgegeven_op", lookup_expr="lte", help_text="Afgegeven op of vóór."
    )
    sorteer = SorteerFilter(
        {"afgegeven": ("afgegeven_op", "Datum afgifte"), "nummer": ("id", "Nummer")},
        standaard="Nieuwste eerst",
    )

    class Meta:
        model = Beschikking
        fields = []

    def filter_status(self, queryset, name, value):
        wachtend = Beschikking.objects.wachtend(timezone.localdate()).values("pk")
        if value == "wachtend":
            return queryset.filter(pk__in=wachtend)
        return queryset.filter(plaatsingen__isnull=False).exclude(pk__in=wachtend).distinct()
