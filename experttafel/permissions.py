import rules

from accounts.permissions import is_gi, is_ret_aanmelder, is_ret_lid, is_ret_voorzitter, is_toegang

rules.add_perm("experttafel.overzicht_zien", is_ret_voorzitter | is_ret_lid | is_ret_aanmelder)
rules.add_perm("experttafel.planning_zien", is_ret_voorzitter | is_ret_lid | is_toegang | is_gi)
rules.add_perm("experttafel.inbrengen", is_ret_aanmelder)
rules.add_perm("experttafel.plannen", is_ret_voorzitter)
