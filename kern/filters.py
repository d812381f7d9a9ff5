"""Finding records: the shared parts of every list's FilterSet (one per list, used by its page
and its API list endpoint alike, the NetBox pattern).

A FilterSet only narrows the queryset it is given; the caller always passes
`Model.objects.zichtbaar_voor(user)`, so a search can never find what the user may not see
(a BSN known only in another municipality finds nothing, exactly as an unknown one).

Personal search terms (name, birth date, BSN) never travel in a URL: a query string ends up in
the web server's access log, the browser history and the Referer header. So they are accepted
only in the body of a POST (the search form on the page posts; the API has `POST …/zoeken/`);
in a GET query string they answer 400 naming the field. The registration number and the other
filters (municipality, status, period, sorting) are no personal data and may be in a GET link.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend

from .models import Gemeente
from .velden import DatumFormVeld

PERSOONSVELDEN = ("naam", "geboortedatum", "bsn")
ALLEEN_POST = "Zoek op naam, geboortedatum of BSN met het zoekformulier (POST): zulke gegevens horen niet in een URL."


class DatumFilter(django_filters.DateFilter):
    """A date filter with the region's one date rule (JJJJ-MM-DD or DD-MM-JJJJ, Dutch messages)."""

    field_class = DatumFormVeld


class BsnVeld(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        # Searching needs no 11-test: a mistyped BSN finds nothing, like an unknown one.
        if value and not re.fullmatch(r"[0-9]{8,9}", value):
            raise ValidationError("Een BSN bestaat uit 9 cijfers.", code="ongeldig")
        return value.zfill(9) if value else value


class BsnFilter(django_filters.CharFilter):
    field_class = BsnVeld


class SorteerFilter(django_filters.OrderingFilter):
    """`sorteer=veld` or `sorteer=-veld`; the id breaks ties, so a page never repeats or skips a row."""

    def __init__(self, velden: dict[str, tuple[str, str]], standaard: str, **kwargs):
        # velden: parameter -> (model field, label). `standaard` names the unsorted order.
        keuzes = []
        for param, (_, label) in velden.items():
            keuzes += [(param, f"{label} (oplopend)"), (f"-{param}", f"{label} (aflopend)")]
        super().__init__(
            fields={veld: param for param, (veld, _) in velden.items()},
            choices=keuzes,
            label="Sorteren",
            empty_label=standaard,
            **kwargs,
        )

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "-pk" if value[-1].startswith("-") else "pk")
        return qs


class ZoekFilterSet(django_filters.FilterSet):
    """Base: the person fields on the youth (`jeugdige_pad`), the municipality and a period on
    `periode_veld` (set `van`/`tot` in the subclass, they differ per model), and `sorteer`."""

    jeugdige_pad = "jeugdige"

    naam = django_filters.CharFilter(label="Naam", method="filter_naam", max_length=100)
    geboortedatum = DatumFilter(label="Geboortedatum", method="filter_geboortedatum")
    bsn = BsnFilter(label="BSN", method="filter_bsn", max_length=9)
    gemeente = django_filters.ModelChoiceFilter(
        label="Gemeente",
        queryset=Gemeente.objects.order_by("volgorde", "naam"),
        to_field_name="code",
        empty_label="Alle",
    )

    def get_form_class(self):
        basis = super().get_form_class()
        per_post = getattr(self.request, "method", "POST") == "POST"

        class ZoekForm(basis):
            def clean(form):
                cleaned = super().clean()
                if not per_post:
                    for veld in PERSOONSVELDEN:
                        if form.data.get(veld):
                            form.add_error(veld, ALLEEN_POST)
                return cleaned

        return ZoekForm

    def _pad(self, veld: str) -> str:
        return f"{self.jeugdige_pad}__{veld}"

    def filter_naam(self, queryset, name, value):
        # Every word must appear in the first or last name ("sanne test" finds Sanne Testkind).
        for woord in value.split()[:5]:
            queryset = queryset.filter(
                Q(**{f"{self._pad('voornaam')}__icontains": woord})
                | Q(**{f"{self._pad('achternaam')}__icontains": woord})
            )
        return queryset

    def filter_geboortedatum(self, queryset, name, value):
        return queryset.filter(**{self._pad("geboortedatum"): value})

    def filter_bsn(self, queryset, name, value):
        return queryset.filter(**{self._pad("bsn"): value})

    @property
    def zoekt_persoon(self) -> bool:
        return bool(self.form.is_bound and any(self.form.data.get(v) for v in PERSOONSVELDEN))


class ZoekBackend(DjangoFilterBackend):
    """DjangoFilterBackend that reads the search from the JSON body on a POST (`…/zoeken/`)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if request.method == "POST":
            kwargs["data"] = _zoekvraag(request.data)
        return kwargs


def _zoekvraag(data):
    """A search body is one object of plain values (the schema says strings): a list, an object or
    a boolean as a value is a 400 naming the field, never a 500 inside the filter's widgets; a
    number is read as its text."""
    from rest_framework.exceptions import ValidationError

    if not hasattr(data, "items"):
        raise ValidationError({"non_field_errors": ["Stuur de zoekvraag als één JSON-object."]})
    fout = {k: ["Verwacht tekst, geen lijst of object."] for k, v in data.items() if isinstance(v, bool | dict | list)}
    if fout:
        raise ValidationError(fout)
    return {k: v if v is None or isinstance(v, str) else str(v) for k, v in data.items()}


PER_PAGINA = 25


def zoek_pagina(request, filterset_class, queryset, per_pagina: int = PER_PAGINA):
    """A list page's search: the filters from the POSTed search form, or from the query string
    of a plain link (`?status=nieuw`, never a personal term, see above), then one page of the
    result. Answers (filterset, page); an invalid value shows at its field, never a 500."""
    from django.core.paginator import Paginator

    data = request.POST if request.method == "POST" else request.GET
    gevuld = {k: v for k, v in data.items() if k not in ("pagina", "csrfmiddlewaretoken") and v}
    fs = filterset_class(data if gevuld else None, queryset=queryset, request=request)
    pagina = Paginator(fs.qs, per_pagina).get_page(data.get("pagina"))
    return fs, pagina


def zoekvraag_serializer(filterset_class, naam: str):
    """The JSON body of a `POST …/zoeken/` for the API schema: every filter of the list, optional."""
    from rest_framework import serializers

    velden = {
        veld: serializers.CharField(required=False, help_text=str(f.label or veld))
        for veld, f in filterset_class.base_filters.items()
    }
    return type(naam, (serializers.Serializer,), velden)


def zoekresultaat_serializer(serializer_class, naam: str):
    """The answer of a `POST …/zoeken/`: the same page shape as the GET list."""
    from rest_framework import serializers

    return type(
        naam,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


# The lists a youth can be found in, registered by their apps (apps.py), in menu order:
# (right to read, title, url name of a record, audit subject, FilterSet, user -> visible queryset).
ZOEKLIJSTEN: list[tuple] = []


def registreer_zoeklijst(recht: str, titel: str, url: str, onderwerp: str, filterset_class, basis) -> None:
    ZOEKLIJSTEN.append((recht, titel, url, onderwerp, filterset_class, basis))


def zoek_jeugdige(request, per_soort: int = PER_PAGINA) -> tuple[forms.Form, list[dict]]:
    """One search over every list the user may read (referrals, decisions, cases): the same
    FilterSets with only the person fields, each on its own `zichtbaar_voor`. Answers the bound
    form and per list: title, rows (at most `per_soort`) and whether there are more."""
    data = {k: v for k, v in request.POST.items() if k in PERSOONSVELDEN and v} if request.method == "POST" else {}
    form = None
    uit = []
    for recht, titel, url, onderwerp, filterset_class, basis in ZOEKLIJSTEN:
        if not request.user.has_perm(recht):
            continue
        fs = filterset_class(data or None, queryset=basis(request.user), request=request)
        if form is None:  # the person fields of the first list: the same fields in every list
            form = fs.form
            for naam in list(form.fields):
                if naam not in PERSOONSVELDEN:
                    del form.fields[naam]
        if not data or fs.errors:
            continue
        rijen = list(fs.qs[:per_soort])
        uit.append(
            {"titel": titel, "url": url, "onderwerp": onderwerp, "rijen": rijen, "meer": len(rijen) == per_soort}
        )
    return form, uit
