import rules

from accounts.permissions import is_gi, is_servicepunt, is_toegang


@rules.predicate
def is_team_van_traject(user, traject):
    return traject is not None and user.gemeente_id == traject.gemeente_id


rules.add_perm("perspectiefregie.werklijst_zien", is_toegang | is_gi | is_servicepunt)
rules.add_perm("perspectiefregie.regisseur_toewijzen", is_toegang & is_team_van_traject)
rules.add_perm("perspectiefregie.plan_vastleggen", is_toegang & is_team_van_traject)
rules.add_perm("perspectiefregie.traject_sluiten", is_toegang & is_team_van_traject)
rules.add_perm("perspectiefregie.trajecten_zien", is_toegang | is_gi | is_servicepunt)
# JIM's contact details: only the regisseur and the team of the youth's municipality.
rules.add_perm("perspectiefregie.jim_zien", is_toegang & is_team_van_traject)
