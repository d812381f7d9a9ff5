from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Reachable before two-factor is complete.
_VRIJ = ("/account/", "/static/", "/healthz", "/api/")


class TweestapsMiddleware:
    """Pages need a verified second factor for every role that sees personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.TWEESTAPS_VERPLICHT
            and user.is_authenticated
            and user.ziet_persoonsgegevens
            and not user.is_verified()
            and not request.path.startswith(_VRIJ)
        ):
            return redirect(reverse("accounts:tweestaps") + "?next=" + request.path)
        return self.get_response(request)
