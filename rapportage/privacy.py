"""The public variant masks counts of 1 to 4: in a small municipality like Urk a single
child is recognisable. Zero stays zero; percentages and averages are not counts."""

MASKER = "<5"
NIET_MASKEREN = {
    "percentage",
    "percentage_met_regisseur",
    "percentage_plan_op_tijd",
    "wissels_per_jeugdige",
    "gemiddeld",
    "mediaan",
    "min",
    "max",
    "kwartaal",
    "van",
    "tot_en_met",
    "gemeente",
}


def maskeer(waarde, sleutel: str | None = None):
    if isinstance(waarde, dict):
        return {k: maskeer(v, k) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [maskeer(v, sleutel) for v in waarde]
    if sleutel in NIET_MASKEREN or isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, int) and 1 <= waarde <= 4:
        return MASKER
    return waarde
