from dataclasses import dataclass

import rules

from accounts.permissions import is_aanbieder, is_beleid, is_ccp, is_ret_voorzitter, is_servicepunt, is_toegang

# CCP staff request and download the CCP's own quarterly report themselves (#14.3).
rules.add_perm("rapportage.rapporten_zien", is_beleid | is_ccp)
rules.add_perm("rapportage.rapport_aanvragen", is_beleid | is_ccp)
rules.add_perm("rapportage.ccp_cijfers", is_beleid | is_ccp)
rules.add_perm("rapportage.experttafel_cijfers", is_beleid | is_ret_voorzitter)
rules.add_perm("rapportage.servicepunt_cijfers", is_beleid | is_servicepunt)
rules.add_perm("rapportage.perspectiefregie_cijfers", is_beleid | is_toegang)


@dataclass(frozen=True)
class Bereik:
    """Which figures are asked: one municipality's (code) or the region's (None), exact or public."""

    gemeente_id: str | None
    publiek: bool = False


@rules.predicate
def binnen_bereik(user, bereik):
    """Staff of one municipality: their own municipality exact, the region only in the public
    variant, never another municipality. Regional staff (no municipality): everything.
    The PDF (request, list, download: rapportage/querysets.py) and the API follow this one rule."""
    if bereik is None:
        return False
    if user.gemeente_id is None:
        return True
    if bereik.gemeente_id == user.gemeente_id:
        return True
    return bereik.gemeente_id is None and bereik.publiek


rules.add_perm("rapportage.cijfers_bereik", binnen_bereik)
# Policy staff enter the KPI's denominator (a municipal officer only for their own municipality:
# rapportage.services checks the municipality).
rules.add_perm("rapportage.trajecten_vastleggen", is_beleid)
# A provider sees its own quarterly figures (counts only): the provider comes from the user.
rules.add_perm("rapportage.aanbieder_cijfers", is_aanbieder)
