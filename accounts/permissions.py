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
is_ret_voorzitter = _rol(Rol.RET_VOORZITTER)
is_ret_lid = _rol(Rol.RET_LID)
is_servicepunt = _rol(Rol.SERVICEPUNT)
is_beheer = _rol(Rol.BEHEER)


@rules.predicate
def is_ret_aanmelder(user):
    return getattr(user, "is_authenticated", False) and user.rol in (Rol.TOEGANG, Rol.GI) and user.ret_aanmelder


rules.add_perm("audit.inzien", is_beheer)


def vereist(user, perm: str, obj=None) -> None:
    """The one check every page and endpoint makes before it acts: 403 when the rules say no."""
    from django.core.exceptions import PermissionDenied

    if not user.has_perm(perm, obj):
        raise PermissionDenied("U heeft geen toestemming voor deze actie.")
