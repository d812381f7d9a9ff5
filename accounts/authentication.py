from django.conf import settings
from rest_framework.authentication import SessionAuthentication


class TweestapsSessionAuthentication(SessionAuthentication):
    """The browser session counts for the API only once two-factor is verified."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if settings.TWEESTAPS_VERPLICHT and user.ziet_persoonsgegevens and not user.is_verified():
            return None
        return result
