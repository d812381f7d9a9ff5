from django.http import HttpResponseBadRequest, JsonResponse

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
