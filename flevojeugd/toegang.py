"""Access to a youth's data on pages: the counterpart of `api_basis.BasisAPIView` for the API.

- `zichtbaar_of_404(request, queryset, pk)`: one record through `zichtbaar_voor(user)`; a record
  the user may not see answers 404 (its existence is not revealed) and the refused lookup is
  written to the audit trail, so that trying ids one after another shows up there.
- `@jeugdpagina(recht, onderwerp=..., record=...)`: the one decorator every page that shows a
  youth's data wears, so no page can forget a check:
    * login (a redirect to the login page), then `vereist(user, recht)` (403);
    * with `record` (a queryset, or a function returning one): the URL's `pk` is looked up with
      `zichtbaar_of_404` (404, logged as `geweigerd`) and the view receives `obj` instead of
      `pk`; every answer that shows the record (200) writes one `inzien` row for its youth;
    * without `record` (a list): the view logs what it shows with `log_lijst(..., request)`;
      a 200 without any audit row is a programming error and fails loudly (never silently).
  Permissions that depend on the record or on the action stay in the view (its ACTIES table).

tests/test_paginatoegang.py walks every URL pattern and asserts that each page showing a youth's
data wears this decorator (pages without youth data are listed there, each with its reason).
"""

import functools
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404

from audit.services import log_geweigerd

# Set on the request by audit.services when it writes a row for that request.
GELOGD = "_audit_geschreven"


def zichtbaar_of_404(request, queryset, pk, onderwerp: str | None = None):
    try:
        return queryset.zichtbaar_voor(request.user).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        log_geweigerd(request.user, onderwerp or queryset.model._meta.label_lower, queryset.model, pk, request)
        raise Http404 from None


@dataclass(frozen=True)
class Paginatoegang:
    recht: str | None
    onderwerp: str
    record: object  # None for a list; a QuerySet or a function returning one

    def queryset(self) -> QuerySet:
        return self.record.all() if isinstance(self.record, QuerySet) else self.record()


def jeugdpagina(recht: str | None = None, *, onderwerp: str, record=None):
    """Decorate a page view that shows a youth's data; see the module's docstring."""
    toegang = Paginatoegang(recht, onderwerp, record)

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            from accounts.permissions import vereist
            from audit.models import Actie
            from audit.services import log

            if recht is not None:
                vereist(request.user, recht)
            setattr(request, GELOGD, False)
            if record is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not getattr(request, GELOGD):
                    raise ImproperlyConfigured(f"{view.__qualname__} toont jeugdigen zonder auditregel.")
                return response
            obj = zichtbaar_of_404(request, toegang.queryset(), kwargs.pop("pk"), onderwerp)
            response = view(request, *args, obj=obj, **kwargs)
            if response.status_code == 200:
                # The page shows the record (also when it is shown again after a refused action).
                log(request.user, Actie.INZIEN, onderwerp, obj, getattr(obj, "jeugdige", None), request)
            return response

        wrapper.paginatoegang = toegang
        return login_required(wrapper)

    return decorator
