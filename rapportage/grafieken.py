"""The report's KPI chart, drawn with kern's line chart."""

from kern.grafieken import lijngrafiek


def kpi_grafiek(trend: list[dict], namen: dict) -> str:
    kwartalen = [t["kwartaal"] for t in trend]
    gemeenten = list(trend[-1]["per_gemeente"]) if trend else []
    reeksen = {namen.get(g, g): [t["per_gemeente"][g]["percentage"] for t in trend] for g in gemeenten}
    if len(gemeenten) > 1:
        reeksen["Regio"] = [t["regio"]["percentage"] for t in trend]
    return lijngrafiek("Jeugdhulp met verblijf in % van alle jeugdzorgtrajecten", kwartalen, reeksen, "%")
