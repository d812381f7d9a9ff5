from django.db.models import Q

from accounts.models import Rol


def rapporten_zichtbaar_voor(qs, user):
    """Policy staff of a municipality see its reports and the region's; regional staff all."""
    if not getattr(user, "is_authenticated", False) or user.rol != Rol.BELEID:
        return qs.none()
    if user.gemeente_id:
        return qs.filter(Q(gemeente_id=user.gemeente_id) | Q(gemeente__isnull=True))
    return qs
