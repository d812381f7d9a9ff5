"""The referral list's one FilterSet: the page `/crisis/aanmeldingen/` and `GET /api/v1/crisis/aanmeldingen/`
(and its `POST …/zoeken/` for personal search terms) filter with the same fields and messages."""

import django_filters

from kern.filters import DatumFilter, SorteerFilter, ZoekFilterSet

from .models import Aanmelding


class AanmeldingFilter(ZoekFilterSet):
    registratienummer = django_filters.CharFilter(label="Registratienummer", lookup_expr="icontains", max_length=40)
    status = django_filters.ChoiceFilter(label="Status", choices=Aanmelding.Status.choices, empty_label="Alle")
    hulpvraag = django_filters.ChoiceFilter(label="Hulpvraag", choices=Aanmelding.Hulpvraag.choices, empty_label="Alle")
    van = DatumFilter(
        label="Begindatum", help_text="Aangemeld op of na deze dag.", field_name="aanmelddatum", lookup_expr="gte"
    )
    tot = DatumFilter(
        label="Einddatum", help_text="Aangemeld op of vóór deze dag.", field_name="aanmelddatum", lookup_expr="lte"
    )
    sorteer = SorteerFilter(
        {
            "aangemeld": ("aangemeld_op", "Aangemeld"),
            "registratienummer": ("registratienummer", "Registratienummer"),
            "status": ("status", "Status"),
        },
        standaard="Nieuwste eerst",
    )

    class Meta:
        model = Aanmelding
        fields = []
