from django.db import models
from django.db.models import Q

from accounts.models import Rol


class TrajectQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The access team of the youth's municipality; the GI for the compulsory framework."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.rol == Rol.TOEGANG and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id)
        if user.rol == Rol.GI:
            return self.filter(gedwongen_kader=True)
        if user.rol == Rol.SERVICEPUNT:
            return self
        return self.none()

    def open(self):
        return self.filter(einddatum__isnull=True)

    def vrijwillig(self):
        return self.filter(gedwongen_kader=False)

    def actief_in(self, van, tot):
        return self.filter(startdatum__lte=tot).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=van))
