"""Who may do what in the crisis app; see querysets.py for who may see which records."""

import rules

from accounts.permissions import is_aanbieder, is_beheer, is_beleid, is_ccp, is_gi, is_servicepunt, is_toegang


@rules.predicate
def is_toegewezen_aanbieder(user, toewijzing):
    return toewijzing is not None and user.aanbieder_id is not None and toewijzing.aanbieder_id == user.aanbieder_id


@rules.predicate
def is_aanbieder_van_inzet(user, inzet):
    if inzet is None or user.aanbieder_id is None:
        return False
    if inzet.aanbieder_id == user.aanbieder_id:
        return True
    return inzet.voorziening_id is not None and inzet.voorziening.aanbieder_id == user.aanbieder_id


@rules.predicate
def is_aanbieder_van_voorziening(user, voorziening):
    return voorziening is not None and user.aanbieder_id == voorziening.aanbieder_id


@rules.predicate
def is_indiener(user, aanmelding):
    return aanmelding is not None and aanmelding.ingediend_door_id == user.pk


rules.add_perm("crisis.aanmelden", is_toegang | is_ccp | is_gi)
rules.add_perm("crisis.aanmeldingen_zien", is_ccp | is_toegang | is_aanbieder | is_gi)
rules.add_perm("crisis.dagoverzicht_zien", is_ccp)
rules.add_perm("crisis.trieren", is_ccp)
rules.add_perm("crisis.verdelen", is_ccp)
rules.add_perm("crisis.inzetten", is_ccp)
rules.add_perm("crisis.toewijzingen_zien", is_aanbieder)
rules.add_perm("crisis.toewijzing_afhandelen", is_aanbieder & is_toegewezen_aanbieder)
rules.add_perm("crisis.afsluiten", is_ccp | (is_aanbieder & is_aanbieder_van_inzet))
# Corrections (#12.6): the role that registered the fact, and CCP staff for the CCP. A provider
# registered the end and follow-up of its own deployment (crisis.correcties checks the fields).
rules.add_perm("crisis.inzet_corrigeren", is_ccp | (is_aanbieder & is_aanbieder_van_inzet))
rules.add_perm("crisis.aanmelding_corrigeren", is_ccp | is_indiener)
rules.add_perm("crisis.beschikbaarheid_zien", is_ccp | is_toegang | is_aanbieder | is_gi | is_servicepunt)
rules.add_perm("crisis.capaciteit_bevestigen", is_ccp | (is_aanbieder & is_aanbieder_van_voorziening))
rules.add_perm("crisis.cijfers_zien", is_ccp | is_beleid)
rules.add_perm("crisis.importeren", is_beheer)
