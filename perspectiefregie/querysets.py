from django.db import models
from django.db.models import Q

from accounts.models import Rol
from accounts.permissions import ziet_geen_jeugdigen


class TrajectQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The access team of the youth's municipality; the GI where it holds the direction
        (compulsory framework or custody by third parties); the service point."""
        if ziet_geen_jeugdigen(user):
            return self.none()
        if user.rol == Rol.TOEGANG and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id)
        if user.rol == Rol.GI:
            return self.regie_bij_gi()
        if user.rol == Rol.SERVICEPUNT:
            return self
        return self.none()

    def open(self):
        return self.filter(einddatum__isnull=True)

    def vrijwillig(self):
        """Where the municipality holds the direction (and counts a regisseur)."""
        return self.filter(gedwongen_kader=False, gezag_derden=False)

    def regie_bij_gi(self):
        return self.filter(Q(gedwongen_kader=True) | Q(gezag_derden=True))

    def actief_in(self, van, tot):
        return self.filter(startdatum__lte=tot).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=van))
