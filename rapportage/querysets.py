from django.db.models import Q

from accounts.models import Rol


def rapporten_zichtbaar_voor(qs, user):
    """Policy staff of a municipality see its reports and the region's public ones; regional
    staff and the CCP (a regional function that sees every municipality's referrals) all.
    The queryset form of rapportage.permissions.binnen_bereik."""
    if not getattr(user, "is_authenticated", False) or user.rol not in (Rol.BELEID, Rol.CCP):
        return qs.none()
    if user.gemeente_id:
        return qs.filter(Q(gemeente_id=user.gemeente_id) | Q(gemeente__isnull=True, publiek=True))
    return qs
