"""What every page's layout shows beside the page itself."""

from django.utils.functional import SimpleLazyObject

# The last crisis line a page showed in this process: the 500 page shows it without asking the
# database, which may be the very fault.
laatst_getoond: dict = {"naam": "24-uurs crisisdienst", "telefoon": "", "tel": ""}


def _crisislijn() -> dict:
    global laatst_getoond
    from kern.models import Regioinstelling

    instelling = Regioinstelling.huidige()
    telefoon = instelling.crisisdienst_telefoon.strip()
    laatst_getoond = {
        "naam": instelling.crisisdienst_naam,
        "telefoon": telefoon,
        # tel: wants the digits (and a leading +): "0800-1234567" dials 08001234567.
        "tel": "".join(c for c in telefoon if c.isdigit() or c == "+"),
    }
    return laatst_getoond


def crisislijn(request):
    """The 24-hour crisis service's name and number (the regional setting) for the footer and
    the intake page. Lazy: one small query on a page that renders the footer, none on the API.
    Not cached: a changed number shows on the next page in every worker, and the page's query
    count stays the same from request to request."""
    return {"crisislijn": SimpleLazyObject(_crisislijn)}
