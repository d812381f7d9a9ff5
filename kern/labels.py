"""Codes in the figures spoken as labels, for the figures pages and the PDF (never `buiten_regio`,
`uhp_pleegzorg`, `begeleid_wonen` on a page a person reads). One lookup per list per request.
In kern so that a function's own figures page (the CCP's) and the report above it read the same
labels; a function adds the labels of its own choices from its `apps.py` (`registreer_labels`)."""

from django.utils.formats import number_format

VASTE = {
    "totaal": "Totaal",
    "geen": "Geen inzet",
    "onbekend": "Onbekend",
    "12-": "Jonger dan 12",
    "12+": "12 jaar of ouder",
}


# The labels of a function's own choices, registered from its apps.py ready() per app (crisis:
# the sources of a referral), so kern never imports a function above it.
_GEREGISTREERD: dict[str, dict[str, str]] = {}


def registreer_labels(app: str, labels: dict[str, str]) -> None:
    _GEREGISTREERD[app] = dict(labels)


def alle_labels() -> dict[str, str]:
    """Every code's words: the region's code lists (one list of them, kern.codelijsten), the
    labels the functions register, then the names of providers and municipalities over those."""
    from kern.codelijsten import CODELIJSTEN

    labels = {}
    for model, veld in CODELIJSTEN.values():
        if veld == "label":
            labels.update(model.objects.values_list("code", "label"))
    for geregistreerd in _GEREGISTREERD.values():
        labels.update(geregistreerd)
    for model, veld in CODELIJSTEN.values():
        if veld != "label":
            labels.update(model.objects.values_list("code", veld))
    labels.update(VASTE)
    return labels


def label(code, labels: dict) -> str:
    return labels.get(code, str(code).replace("_", " ").capitalize()) if code is not None else "–"


def getal(waarde, decimalen: int = 1) -> str:
    """A figure with a decimal comma; '<5', 'x' and None ('–') as they are."""
    if waarde is None:
        return "–"
    if isinstance(waarde, float):
        return number_format(waarde, decimalen, use_l10n=True)
    return str(waarde)


def verschil(nu, vorig) -> str:
    if isinstance(nu, (int, float)) and isinstance(vorig, (int, float)):
        d = round(nu - vorig, 1)
        tekst = getal(float(abs(d))) if isinstance(d, float) and not float(d).is_integer() else str(abs(int(d)))
        return f"+{tekst}" if d > 0 else (f"−{tekst}" if d < 0 else "0")
    return "–"
