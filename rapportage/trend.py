"""Each function's headline figures over the last eight quarters, for a line chart per function
in the PDF (the public variant charts the public figures: a hidden value leaves a gap)."""

from kern.aggregaties import Kwartaal

from .geheimhouding import publiek as publieke_variant
from .kpi import KWARTALEN_TREND

REEKSEN = {
    "ccp": [("Aanmeldingen", ("aanmeldingen",)), ("Jeugdigen", ("jeugdigen",))],
    "experttafel": [("Ingebracht", ("ingediend",)), ("Besproken", ("besproken",))],
    "perspectiefregie": [("Trajecten", ("trajecten",)), ("Met een regisseur", ("met_regisseur",))],
    "servicepunt": [("Instroom", ("plaatsingen", "instroom")), ("Wachtend", ("wachtlijst", "aantal"))],
}


def _waarde(cijfers, pad):
    for k in pad:
        if not isinstance(cijfers, dict):
            return None
        cijfers = cijfers.get(k)
    return cijfers


def kwartalen_terug(kwartaal: Kwartaal, aantal: int = KWARTALEN_TREND) -> list[Kwartaal]:
    reeks, k = [], kwartaal
    for _ in range(aantal):
        reeks.append(k)
        k = k.vorige()
    return list(reversed(reeks))


def trend_per_sectie(kwartaal: Kwartaal, gemeente, publiek: bool, dit_kwartaal: dict) -> dict:
    from kern import secties

    kwartalen = kwartalen_terug(kwartaal)
    uit = {}
    for s in secties.SECTIES:
        reeksen = REEKSEN.get(s.code)
        if not reeksen:
            continue
        per_kwartaal = []
        for k in kwartalen:
            if k == kwartaal and s.code in dit_kwartaal:
                c = dit_kwartaal[s.code]  # already computed (and protected when public)
            else:
                c = s.cijfers(k, gemeente)
                if publiek:
                    c = publieke_variant(s.code, c)
            per_kwartaal.append(c)
        uit[s.code] = {
            "kwartalen": [str(k) for k in kwartalen],
            "reeksen": {label: [_waarde(c, pad) for c in per_kwartaal] for label, pad in reeksen},
        }
    return uit
