"""The one base every endpoint under /api/v1/ derives from, so none can forget a check.

- `rechten`: the permission per HTTP method, checked with `vereist` before the handler runs
  (403). A method without an entry is refused by the base itself (a view cannot forget it).
  Permissions that depend on the record (`object_rechten`) are checked after the lookup.
- `zichtbaar(queryset, pk)`: the lookup of one record through `zichtbaar_voor(user)`; a record
  the user may not see answers 404 and the refused lookup is logged, so enumeration is visible.
- `Idempotency-Key`: a POST with this header runs once per user and key (kern/idempotentie.py):
  the same key again answers the first answer (header `Idempotent-Replayed: true`, audited as a
  view), the same key with another body or while the first still runs answers 409. A replay
  first passes every check a fresh request passes before it acts (`herhaling_toegestaan`: the
  role's right, the record's visibility and its own right), so a user who lost the right or the
  sight of the record since then gets 403 or a logged 404, never the stored answer. A view
  whose POST only reads (a search) sets `idempotent = False`.
- `BasisLijstView`: lists start from `zichtbaar_voor(user)` and write one audit row per shown
  youth (one query), whether or not the list is paginated.
- `ActieView`: every POST action in one shape, configured rather than written (the API's
  counterpart of the pages' ACTIES tables): look up, validate, call the service, answer.
- `operaties`: the readable operationId per HTTP method in /api/schema/ (flevojeugd/schema.py),
  which becomes a function's name in a client generated from the schema.

tests/test_api_basis.py lists every API endpoint and asserts it derives from `BasisAPIView`.
"""

import json
from types import SimpleNamespace

from django.core.exceptions import ImproperlyConfigured
from rest_framework import exceptions, generics
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import vereist
from audit.models import Actie
from audit.services import log, log_lijst
from kern import idempotentie
from kern.fouten import Conflict, Ongeldig

from .toegang import zichtbaar_of_404


class BasisAPIView(APIView):
    # HTTP method -> permission checked before the handler, e.g. {"GET": "crisis.aanmeldingen_zien"}.
    rechten: dict[str, str] = {}
    # HTTP method -> permission that depends on the record: checked by `zichtbaar()` on the record.
    object_rechten: dict[str, str] = {}
    # What a looked-up record is called in the audit trail, e.g. "crisis.aanmelding".
    audit_onderwerp: str | None = None
    # A POST honours Idempotency-Key; a POST that only reads (a search) says False.
    idempotent = True
    _sleutel = None
    # HTTP method -> operationId in the schema, e.g. {"POST": "trieren"} (tests/test_api_client.py).
    operaties: dict[str, str] = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication first: 401 before 403
        if getattr(self, "swagger_fake_view", False) or request.method in ("OPTIONS", "HEAD"):
            return
        perm = self.rechten.get(request.method)
        if perm is None and request.method not in self.object_rechten:
            if hasattr(self, request.method.lower()):
                raise ImproperlyConfigured(f"{type(self).__name__} noemt geen recht voor {request.method}.")
            return  # DRF answers 405
        if perm is not None:
            vereist(request.user, perm)
        self._sleutel_claimen(request, **kwargs)

    def _sleutel_claimen(self, request, **kwargs):
        waarde = request.headers.get(idempotentie.KOPTEKST)
        if request.method != "POST" or not self.idempotent or waarde is None:
            return
        try:
            sleutel = idempotentie.geldige_sleutel(waarde, idempotentie.KOPTEKST)
        except Ongeldig as exc:
            raise exceptions.ValidationError({idempotentie.KOPTEKST: [exc.melding]}) from None
        afdruk = idempotentie.vingerafdruk(request.path, request.data)
        rij, nieuw = idempotentie.claim(request.user, f"api:{sleutel}", afdruk)
        if nieuw:
            self._sleutel = rij
        elif rij.vingerafdruk != afdruk:
            raise Conflict(idempotentie.ANDER_VERZOEK)
        elif rij.status is None:
            raise Conflict(idempotentie.NOG_BEZIG)
        else:
            # The stored answer shows a youth's data as it was: only to a user a fresh request
            # would still let in (403 or a logged 404 otherwise, raised here).
            self.herhaling_toegestaan(rij, **kwargs)
            raise _Herhaling(rij)

    def herhaling_toegestaan(self, rij, **kwargs) -> None:
        """The checks a fresh request of this view makes before it acts, without acting; raises
        when it would be refused. Here only the role's right, which `initial` already checked
        (and authentication refused an inactive user): views that act on a record add its checks."""

    def handle_exception(self, exc):
        if isinstance(exc, _Herhaling):
            rij = exc.rij
            # The answer shows the youth's data again: a view, in the trail like any other.
            getoond = SimpleNamespace(pk=rij.object_id) if rij.object_id else None
            log(self.request.user, Actie.INZIEN, rij.onderwerp or "api", getoond, rij.jeugdige, self.request)
            response = Response(rij.antwoord, status=rij.status)
            response["Idempotent-Replayed"] = "true"
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        rij, self._sleutel = self._sleutel, None
        if rij is not None:
            if 200 <= response.status_code < 300 and isinstance(response, Response):
                # Keep the answer for the same key (24 hours); a refusal frees the key for a retry.
                data = response.data
                rij.status = response.status_code
                rij.antwoord = json.loads(JSONRenderer().render(data)) if data is not None else None
                gemaakt = data.get("id") if isinstance(data, dict) else None
                rij.object_id = str(kwargs.get("pk") or gemaakt or "")[:40]
                rij.onderwerp = self.audit_onderwerp or ""
                rij.jeugdige_id = getattr(request, "_audit_jeugdige_id", None)
                rij.save(update_fields=["status", "antwoord", "object_id", "onderwerp", "jeugdige"])
            else:
                rij.delete()
        return super().finalize_response(request, response, *args, **kwargs)

    def zichtbaar(self, queryset, pk, onderwerp: str | None = None):
        """One record the user may see, or 404 (logged); then the record's own permission."""
        obj = zichtbaar_of_404(self.request, queryset, pk, onderwerp or self.audit_onderwerp)
        perm = self.object_rechten.get(self.request.method)
        if perm is not None:
            vereist(self.request.user, perm, obj)
        return obj

    def log_inzien(self, obj, jeugdige, onderwerp: str | None = None):
        log(self.request.user, Actie.INZIEN, onderwerp or self.audit_onderwerp, obj, jeugdige, self.request)


class _Herhaling(Exception):
    """The same Idempotency-Key again: answer what the first request answered."""

    def __init__(self, rij):
        super().__init__()
        self.rij = rij


class BasisLijstView(BasisAPIView, generics.ListAPIView):
    """A list of records: `model.objects.zichtbaar_voor(user)`, narrowed by `verfijn()`, audited.

    A list that shows no youth (sessions) sets `audit_onderwerp = None` and `zichtbaarheid = False`
    explicitly; the endpoint test asks for that choice to be made."""

    model = None
    audit_jeugdige_attr = "jeugdige_id"
    zichtbaarheid = True

    def verfijn(self, queryset):
        return queryset

    def get_queryset(self):
        if self.model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} noemt geen model.")
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        qs = self.model.objects.zichtbaar_voor(self.request.user) if self.zichtbaarheid else self.model.objects.all()
        return self.verfijn(qs)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        objecten = list(page) if page is not None else list(queryset)
        if self.audit_onderwerp:
            getoond = [o for o in objecten if getattr(o, self.audit_jeugdige_attr, None)]
            log_lijst(request.user, self.audit_onderwerp, getoond, self.audit_jeugdige_attr, request)
        serializer = self.get_serializer(objecten, many=True)
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)


class ActieView(BasisAPIView):
    """POST: one action on one record (…/{pk}/<actie>/), or a new record (POST on a list).

    1. the record the user may see (`actie_op`, 404 otherwise, logged) and act on (`object_rechten`, 403);
    2. the JSON body through `invoer` (400 naming the field);
    3. the service `dienst(user, [record,] request=request, **invoer)`: it is atomic, writes the audit
       row and says no with a field error (400) or a `Conflict` (409), which flevojeugd.api answers;
    4. the answer: `uitvoer` of the result (`herlezen` reads it again where the answer shows more).

    The schema takes request and answer from the same attributes (flevojeugd/schema.py)."""

    actie_op = None  # queryset of the records the action is on; None: the action creates one
    invoer = None  # serializer class of the JSON body; None: the action takes no body
    dienst = None  # the service function (a plain function: see `uitvoeren`)
    uitvoer = None  # serializer class of the answer
    status_code = 200

    @classmethod
    def actie(cls, invoer, dienst, *, recht=None, object_recht=None, operatie=None, **instellingen):
        """One row of a function's table of actions: a subclass whose operationId is the service's
        name (or `operatie`), with the permission for the role (`recht`, checked before the lookup)
        or for the record (`object_recht`)."""
        operatie = operatie or dienst.__name__
        attrs = {"operaties": {"POST": operatie}, "invoer": invoer, "dienst": dienst, "__module__": cls.__module__}
        if recht:
            attrs["rechten"] = {"POST": recht}
        if object_recht:
            attrs["object_rechten"] = {"POST": object_recht}
        naam = "".join(deel.capitalize() for deel in operatie.split("_")) + "View"
        return type(naam, (cls,), {**attrs, **instellingen})

    def herhaling_toegestaan(self, rij, pk=None, **kwargs) -> None:
        """A replay of an action on a record: the record must still be visible (a logged 404)
        and the user must still hold the action's right on it (403), as in `post`. A replay of a
        creation shows the record it made: that record must still be visible to the user."""
        if self.actie_op is not None:
            self.zichtbaar(self.actie_op, pk)
        elif rij.object_id and self.audit_onderwerp and getattr(self, "model", None) is not None:
            zichtbaar_of_404(self.request, self.model.objects, rij.object_id, self.audit_onderwerp)

    def post(self, request, pk=None):
        record = self.zichtbaar(self.actie_op, pk) if self.actie_op is not None else None
        gegevens = self.valideer(request.data)
        resultaat = self.uitvoeren(record, gegevens)
        return Response(self.antwoord(record, resultaat), status=self.status_code)

    def valideer(self, data) -> dict:
        if self.invoer is None:
            return {}
        invoer = self.invoer(data=data)
        invoer.is_valid(raise_exception=True)
        return dict(invoer.validated_data)

    def uitvoeren(self, record, gegevens: dict):
        # Read from the class: a function stored on a class is not bound to the instance there.
        dienst = type(self).dienst
        if dienst is None:
            raise ImproperlyConfigured(f"{type(self).__name__} noemt geen dienst.")
        args = (self.request.user,) if record is None else (self.request.user, record)
        return dienst(*args, request=self.request, **gegevens)

    def herlezen(self, record, resultaat):
        """What the answer shows: by default the service's result."""
        return resultaat

    def antwoord(self, record, resultaat):
        return self.uitvoer(self.herlezen(record, resultaat)).data


def zoekview(lijstview, uitvoer, naam: str, operatie: str):
    """The `POST …/zoeken/` of a list endpoint: the same list, with the same right and FilterSet,
    its terms sent in the JSON body so that a name, birth date or BSN never appears in a URL or
    an access log (kern/filters.py). `naam` names the schema's body and answer."""
    from drf_spectacular.utils import extend_schema

    from kern.filters import zoekresultaat_serializer, zoekvraag_serializer

    recht = lijstview.rechten["GET"]

    class ZoekView(lijstview):
        idempotent = False  # a search only reads
        rechten = {"GET": recht, "POST": recht}
        operaties = {"POST": operatie}
        http_method_names = ["post", "options"]  # GET is the list itself (405 here)

        @extend_schema(
            request=zoekvraag_serializer(lijstview.filterset_class, f"{naam}Zoekvraag"),
            responses={200: zoekresultaat_serializer(uitvoer, f"{naam}Zoekresultaat")},
        )
        def post(self, request):
            return self.list(request)

    ZoekView.__name__ = ZoekView.__qualname__ = lijstview.__name__.removesuffix("View") + "ZoekenView"
    ZoekView.__module__ = lijstview.__module__
    ZoekView.__doc__ = f"Search {lijstview.__name__} by name, birth date or BSN and every filter of the list."
    return ZoekView


def detailview(naam: str, uitvoer, *, recht: str, operatie: str, onderwerp: str, records, volledig=None):
    """The `GET …/<pk>/` of one record: the record the user may see among `records()` (404,
    logged, otherwise), its viewing audited with its youth, the answer `uitvoer` of the record
    (or of `volledig(record)`, a re-read with everything the answer shows)."""
    from drf_spectacular.utils import extend_schema

    class DetailView(BasisAPIView):
        rechten = {"GET": recht}
        operaties = {"GET": operatie}
        audit_onderwerp = onderwerp

        @extend_schema(responses=uitvoer)
        def get(self, request, pk):
            record = self.zichtbaar(records(), pk)
            self.log_inzien(record, record.jeugdige)
            return Response(uitvoer(volledig(record) if volledig else record).data)

    DetailView.__name__ = DetailView.__qualname__ = naam
    return DetailView
