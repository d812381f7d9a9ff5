from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

NUL = "\x00"


class WeigerNulTekens:
    """Query and form values with a NUL character cannot be stored or looked up in PostgreSQL:
    answer 400 at the door instead of a 500 deep inside (JSON bodies: flevojeugd.api)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for naam, waarden in list(request.GET.lists()) + (
            list(request.POST.lists())
            if request.method == "POST" and request.content_type != "application/json"
            else []
        ):
            if NUL in naam or any(NUL in w for w in waarden):
                melding = "Bevat een teken dat niet is toegestaan (NUL)."
                if request.path.startswith("/api/"):
                    return JsonResponse({naam.replace(NUL, "") or "non_field_errors": [melding]}, status=400)
                return HttpResponseBadRequest(f"Ongeldige invoer: {melding}")
        return self.get_response(request)


class NietBewaren:
    """Every dynamic answer may carry a youth's data: no browser or proxy may keep it
    (`Cache-Control: no-store`). Static files never get here (WhiteNoise answers them first).
    A 405 without a body gets a page (or JSON on the API) saying which methods are allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            response = self._niet_toegestaan(request, response)
        patch_cache_control(response, no_store=True)
        return response

    @staticmethod
    def _niet_toegestaan(request, oud):
        melding = f"De methode {request.method} is hier niet toegestaan."
        if request.path.startswith("/api/"):
            nieuw = JsonResponse({"detail": melding}, status=405)
        else:
            nieuw = render(request, "405.html", {"melding": melding, "toegestaan": oud.get("Allow", "")}, status=405)
        if oud.has_header("Allow"):
            nieuw["Allow"] = oud["Allow"]
        return nieuw
