"""The headline KPI, figure A of the regional vision "Samen en dichtbij": youth care with a stay
as a percentage of all youth-care trajectories, per municipality and for the region, per quarter.

Numerator: the trajectories with a stay (crisis stay or placement) that ran in the quarter —
perspective direction opens one per stay and a following stay joins it, so a youth moving from
a crisis bed to a placement counts once. Denominator: the municipality's youth-care
trajectories in the quarter as policy staff entered or imported them (JeugdzorgTrajecten). The
region's figure is only given when every municipality of the region has its denominator:
a region without Almere's denominator is not the region.
"""

from django.db.models import Count

from kern.aggregaties import Kwartaal
from kern.models import Gemeente

from .models import JeugdzorgTrajecten

KWARTALEN_TREND = 8


def _pct(deel, geheel):
    return round(100 * deel / geheel, 1) if geheel else None


def verblijf_aandeel(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    from perspectiefregie.models import Traject

    gemeenten = (
        [gemeente.code]
        if gemeente
        else list(Gemeente.objects.filter(in_regio=True).order_by("volgorde", "naam").values_list("code", flat=True))
    )
    trajecten = Traject.objects.actief_in(kwartaal.van, kwartaal.tot_en_met).filter(gemeente_id__in=gemeenten)
    teller = dict(trajecten.values_list("gemeente").annotate(n=Count("id")).order_by())
    noemer = dict(
        JeugdzorgTrajecten.objects.filter(kwartaal=str(kwartaal), gemeente_id__in=gemeenten).values_list(
            "gemeente_id", "aantal"
        )
    )
    per_gemeente = {
        g: {
            "met_verblijf": teller.get(g, 0),
            "jeugdzorgtrajecten": noemer.get(g),
            "percentage": _pct(teller.get(g, 0), noemer.get(g)),
        }
        for g in gemeenten
    }
    ontbreekt = [g for g in gemeenten if g not in noemer]
    met = sum(teller.get(g, 0) for g in gemeenten)
    totaal = sum(noemer.values()) if not ontbreekt else None
    return {
        "kwartaal": str(kwartaal),
        "per_gemeente": per_gemeente,
        "regio": {"met_verblijf": met, "jeugdzorgtrajecten": totaal, "percentage": _pct(met, totaal)},
        "noemer_ontbreekt": ontbreekt,
    }


def trend(kwartaal: Kwartaal, gemeente: Gemeente | None = None, aantal: int = KWARTALEN_TREND) -> list[dict]:
    """The KPI over the last `aantal` quarters, oldest first, ending with `kwartaal`."""
    reeks, k = [], kwartaal
    for _ in range(aantal):
        reeks.append(k)
        k = k.vorige()
    return [verblijf_aandeel(k, gemeente) for k in reversed(reeks)]
