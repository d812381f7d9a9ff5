import rules

from accounts.permissions import is_beleid, is_ccp, is_ret_voorzitter, is_servicepunt, is_toegang

rules.add_perm("rapportage.rapporten_zien", is_beleid)
rules.add_perm("rapportage.rapport_aanvragen", is_beleid)
rules.add_perm("rapportage.ccp_cijfers", is_beleid | is_ccp)
rules.add_perm("rapportage.experttafel_cijfers", is_beleid | is_ret_voorzitter)
rules.add_perm("rapportage.servicepunt_cijfers", is_beleid | is_servicepunt)
rules.add_perm("rapportage.perspectiefregie_cijfers", is_beleid | is_toegang)
