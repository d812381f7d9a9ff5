from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.navigatie import startblokken, startpagina

from .toegang import jeugdpagina


def healthz(request):
    """200 without login when the database answers; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "database onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Pages name their icon in base.html; the admin, PDFs and old browsers ask /favicon.ico.
    Resolved per request, so a missing static manifest cannot break the URL configuration."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("favicon.ico"))


@login_required
def start(request):
    """The tiles of the user's functions, or the one page a role's day starts on (the CCP's day overview)."""
    naar = startpagina(request.user)
    if naar:
        return redirect(naar)
    return render(request, "start.html", {"blokken": startblokken(request.user)})


@jeugdpagina(onderwerp="zoeken")
@require_http_methods(["GET", "POST"])
def zoeken(request):
    """Find a youth in every list the user may read (referrals, decisions, cases) by name, birth
    date or BSN. The form posts: such terms never appear in a URL or access log (kern/filters.py)."""
    from audit.services import log_lijst
    from kern.filters import zoek_jeugdige

    form, resultaten = zoek_jeugdige(request)
    if form is None:
        raise PermissionDenied  # a role that reads none of the lists (beleid, beheer)
    for r in resultaten:
        log_lijst(request.user, r["onderwerp"], [o for o in r["rijen"] if o.jeugdige_id], "jeugdige_id", request)
    if not resultaten:
        log_lijst(request.user, "zoeken", [], "jeugdige_id", request)  # nothing shown: an empty trail
    return render(request, "zoeken.html", {"form": form, "resultaten": resultaten, "gezocht": bool(request.POST)})


def ongeldig_verzoek(request, exception=None):
    """400: our own refusals (kern.fouten.Ongeldig) say why; other bad requests (a body over
    the upload limit, too many fields) get a general message. JSON on the API."""
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent

    from kern.fouten import Ongeldig

    if isinstance(exception, Ongeldig):
        melding, veld = exception.melding, exception.veld
    elif isinstance(exception, RequestDataTooBig):
        melding, veld = "Het verzoek is te groot.", "non_field_errors"
    elif isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
        melding, veld = "Het verzoek bevat te veel velden of bestanden.", "non_field_errors"
    else:
        melding, veld = "Dit verzoek kan niet worden verwerkt.", "non_field_errors"
    if request.path.startswith("/api/"):
        return JsonResponse({veld: [melding]}, status=400)
    return render(request, "400.html", {"melding": melding}, status=400)


def niet_gevonden(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Niet gevonden."}, status=404)
    return render(request, "404.html", status=404)


def serverfout(request):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Er ging iets mis aan onze kant. Wat eerder is bevestigd, is bewaard."}, status=500
        )
    # Rendered without the context processors (menu, user, the crisis line's setting): the
    # database may be the very fault. The footer shows the crisis line this process last showed.
    from django.http import HttpResponseServerError
    from django.template import loader

    from . import context_processors

    return HttpResponseServerError(
        loader.render_to_string("500.html", {"crisislijn": context_processors.laatst_getoond})
    )
