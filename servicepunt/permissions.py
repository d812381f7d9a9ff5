import rules

from accounts.permissions import is_aanbieder, is_servicepunt, is_toegang


@rules.predicate
def is_eigen_voorziening(user, voorziening):
    return voorziening is not None and user.aanbieder_id == voorziening.aanbieder_id


@rules.predicate
def is_eigen_aanbieder(user, aanbieder):
    """A provider speaks for its own organisation only; without an object (menu, form) it may report."""
    return aanbieder is None or user.aanbieder_id == aanbieder.pk


rules.add_perm("servicepunt.overzicht_zien", is_servicepunt | is_toegang | is_aanbieder)
rules.add_perm("servicepunt.beschikkingen_zien", is_servicepunt | is_toegang | is_aanbieder)
rules.add_perm("servicepunt.beschikking_registreren", is_toegang | is_servicepunt)
rules.add_perm("servicepunt.plaatsen", is_servicepunt | is_toegang)
# Woonplaatsbeginsel: the service point, or the access team of the municipality now responsible
# (the only one that sees the decision), hands a decision to another municipality, with a reason.
rules.add_perm("servicepunt.gemeente_wijzigen", is_servicepunt | is_toegang)
rules.add_perm("servicepunt.matching", is_servicepunt | is_toegang)
rules.add_perm("servicepunt.capaciteit_bevestigen", is_servicepunt | (is_aanbieder & is_eigen_voorziening))
rules.add_perm("servicepunt.landschap_melden", is_servicepunt | (is_aanbieder & is_eigen_aanbieder))
# Corrections (#12.6): the roles that register decisions and placements correct them.
rules.add_perm("servicepunt.corrigeren", is_servicepunt | is_toegang)
