"""Role predicates: the vocabulary every app's permissions are written in."""

import rules

from .models import Rol


def _rol(*rollen):
    @rules.predicate(name="rol_" + "_".join(rollen))
    def heeft_rol(user):
        return getattr(user, "is_authenticated", False) and getattr(user, "rol", None) in rollen

    return heeft_rol


is_toegang = _rol(Rol.TOEGANG)
is_beleid = _rol(Rol.BELEID)
is_gi = _rol(Rol.GI)
is_ccp = _rol(Rol.CCP)
is_aanbieder = _rol(Rol.AANBIEDER)


@rules.predicate
def ziet_geen_jeugdigen(user) -> bool:
    """Policy staff never see a youth's record (names, birth dates, BSN): they work with figures
    only, whatever else their role may do. Every `zichtbaar_voor` asks this one rule first, so the
    answer is a rule and not an omission; so does an anonymous visitor."""
    return not getattr(user, "is_authenticated", False) or getattr(user, "rol", None) == Rol.BELEID
is_ret_voorzitter = _rol(Rol.RET_VOORZITTER)
is_ret_lid = _rol(Rol.RET_LID)
is_servicepunt = _rol(Rol.SERVICEPUNT)
is_beheer = _rol(Rol.BEHEER)


@rules.predicate
def is_ret_aanmelder(user):
    return getattr(user, "is_authenticated", False) and user.rol in (Rol.TOEGANG, Rol.GI) and user.ret_aanmelder


rules.add_perm("audit.inzien", is_beheer)
# The region's code lists (codes and labels, no youth's data) for every signed-in user and system.
rules.add_perm("kern.codelijsten_zien", rules.is_authenticated)

# Functional administration (contract: Users and roles): explicit model permissions for the
# reference data, regional settings, closing days, users and the audit log, and nothing else.
# No youth's data, no case, no report. Derived from the role in this one place, so no group can
# drift from it and no superuser flag is needed; Gebruiker.save() keeps `beheer` from being one.
BEHEER_MODELRECHTEN = {
    "kern": {
        "gemeente": ("view", "change"),
        "aanbieder": ("view", "add", "change"),
        "voorziening": ("view", "add", "change"),
        "sluitingsdag": ("view", "add", "change", "delete"),
        # The one row of regional settings (terms, staleness, slot lengths, the crisis service's
        # phone number): changed, never added twice or deleted (kern/admin.py).
        "regioinstelling": ("view", "change"),
        **{
            lijst: ("view", "add", "change")
            for lijst in (
                "hulpvorm",
                "redengeeninzet",
                "alternatief",
                "vervolgambulant",
                "vervolgverblijf",
                "weigerreden",
            )
        },
        "voorzieningtype": ("view", "add", "change"),
    },
    # Above-capacity placements are escalated to the functional owner: the facility, the day and
    # the reason (no name, no BSN); out-of-region crisis places are reference data.
    "crisis": {
        "crisisplekbuitenregio": ("view", "add", "change"),
        "escalatie": ("view", "change"),
    },
    "experttafel": {lijst: ("view", "add", "change") for lijst in ("domein", "thema")},
    "accounts": {"gebruiker": ("view", "add", "change")},
    # Unlocking a user locked out by too many failed logins (the attempts are deleted).
    "axes": {"accessattempt": ("view", "delete")},
    "audit": {"auditregel": ("view",)},  # read only; the trail itself refuses every change
}
for _app, _modellen in BEHEER_MODELRECHTEN.items():
    rules.add_perm(_app, is_beheer)  # the app shows in the admin index
    for _model, _acties in _modellen.items():
        for _actie in _acties:
            rules.add_perm(f"{_app}.{_actie}_{_model}", is_beheer)


def vereist(user, perm: str, obj=None) -> None:
    """The one check every page and endpoint makes before it acts: 403 when the rules say no."""
    from django.core.exceptions import PermissionDenied

    if not user.has_perm(perm, obj):
        raise PermissionDenied("U heeft geen toestemming voor deze actie.")
