"""The one base every endpoint under /api/v1/ derives from, so none can forget a check.

- `rechten`: the permission per HTTP method, checked with `vereist` before the handler runs
  (403). A method without an entry is refused by the base itself (a view cannot forget it).
  Permissions that depend on the record (`object_rechten`) are checked after the lookup.
- `zichtbaar(queryset, pk)`: the lookup of one record through `zichtbaar_voor(user)`; a record
  the user may not see answers 404 and the refused lookup is logged, so enumeration is visible.
- `BasisLijstView`: lists start from `zichtbaar_voor(user)` and write one audit row per shown
  youth (one query), whether or not the list is paginated.

tests/test_api_basis.py lists every API endpoint and asserts it derives from `BasisAPIView`.
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import vereist
from audit.models import Actie
from audit.services import log, log_lijst

from .toegang import zichtbaar_of_404


class BasisAPIView(APIView):
    # HTTP method -> permission checked before the handler, e.g. {"GET": "crisis.aanmeldingen_zien"}.
    rechten: dict[str, str] = {}
    # HTTP method -> permission that depends on the record: checked by `zichtbaar()` on the record.
    object_rechten: dict[str, str] = {}
    # What a looked-up record is called in the audit trail, e.g. "crisis.aanmelding".
    audit_onderwerp: str | None = None

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

    def zichtbaar(self, queryset, pk, onderwerp: str | None = None):
        """One record the user may see, or 404 (logged); then the record's own permission."""
        obj = zichtbaar_of_404(self.request, queryset, pk, onderwerp or self.audit_onderwerp)
        perm = self.object_rechten.get(self.request.method)
        if perm is not None:
            vereist(self.request.user, perm, obj)
        return obj

    def log_inzien(self, obj, jeugdige, onderwerp: str | None = None):
        log(self.request.user, Actie.INZIEN, onderwerp or self.audit_onderwerp, obj, jeugdige, self.request)


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
