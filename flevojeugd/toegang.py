"""Looking up one record of a youth, for pages and endpoints alike (api_basis uses it too).

The lookup goes through `zichtbaar_voor(user)`; a record the user may not see answers 404
(its existence is not revealed) and the refused lookup is written to the audit trail, so that
trying ids one after another shows up there."""

from django.http import Http404

from audit.services import log_geweigerd


def zichtbaar_of_404(request, queryset, pk, onderwerp: str | None = None):
    try:
        return queryset.zichtbaar_voor(request.user).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        log_geweigerd(request.user, onderwerp or queryset.model._meta.label_lower, queryset.model, pk, request)
        raise Http404 from None
