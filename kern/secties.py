"""The register of report sections: each function registers its quarterly figures from its
own `apps.py` (`ready()`), and `rapportage` reads them from here. The register lives in kern
so that a function never imports the report app above it."""

from collections.abc import Callable
from dataclasses import dataclass

from .aggregaties import Kwartaal
from .models import Gemeente


@dataclass(frozen=True)
class Sectie:
    code: str
    titel: str
    cijfers: Callable[[Kwartaal, Gemeente | None], dict]
    csv_rijen: Callable[[dict], list[list]]


def _plat(cijfers: dict, pad: str = "") -> list[list]:
    """Any nested figures as rows (sleutel, waarde): the generic CSV of a section."""
    rijen = []
    for k, v in cijfers.items():
        sleutel = f"{pad}.{k}" if pad else str(k)
        if isinstance(v, dict):
            rijen += _plat(v, sleutel)
        else:
            rijen.append([sleutel, "" if v is None else v])
    return rijen


def plat_csv(cijfers: dict) -> list[list]:
    return [["sleutel", "waarde"], *_plat(cijfers)]


# In INSTALLED_APPS order: crisis (ccp) first, then experttafel, perspectiefregie, servicepunt.
SECTIES: list[Sectie] = []


def registreer(sectie: Sectie) -> None:
    """Called from an app's ready(): its figures join the report, the API and the exports."""
    if all(s.code != sectie.code for s in SECTIES):
        SECTIES.append(sectie)


def sectie(code: str) -> Sectie | None:
    return next((s for s in SECTIES if s.code == code), None)
