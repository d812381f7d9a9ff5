"""OpenAPI description of our session authentication (drf-spectacular extension)."""

from drf_spectacular.authentication import SessionScheme


class TweestapsSessionScheme(SessionScheme):
    target_class = "accounts.authentication.TweestapsSessionAuthentication"
