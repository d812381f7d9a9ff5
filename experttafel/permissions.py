import rules

from accounts.permissions import is_gi, is_ret_aanmelder, is_ret_lid, is_ret_voorzitter, is_toegang


@rules.predicate
def is_inbrengende_kant(user, casus):
    """The submitter, or a designated colleague of the same access team or of the GI."""
    if casus is None:
        return False
    if casus.inbrenger_id == user.pk:
        return True
    if not user.ret_aanmelder:
        return False
    return casus.via_gi if user.rol == "gi" else (not casus.via_gi and casus.gemeente_id == user.gemeente_id)


rules.add_perm("experttafel.overzicht_zien", is_ret_voorzitter | is_ret_lid | is_toegang | is_gi)
rules.add_perm("experttafel.planning_zien", is_ret_voorzitter | is_ret_lid | is_toegang | is_gi)
rules.add_perm("experttafel.inbrengen", is_ret_aanmelder)
rules.add_perm("experttafel.plannen", is_ret_voorzitter)
rules.add_perm("experttafel.adviseren", is_ret_voorzitter)
rules.add_perm("experttafel.opvolgen", is_ret_aanmelder & is_inbrengende_kant)
rules.add_perm("experttafel.intrekken", is_ret_voorzitter | (is_ret_aanmelder & is_inbrengende_kant))
rules.add_perm("experttafel.leercirkel_zien", is_ret_voorzitter | is_ret_lid | is_toegang | is_gi)
rules.add_perm("experttafel.agenda_zien", is_ret_voorzitter | is_ret_lid)
rules.add_perm("experttafel.leren_zien", is_ret_voorzitter | is_ret_lid)
rules.add_perm("experttafel.leren_vastleggen", is_ret_voorzitter)
