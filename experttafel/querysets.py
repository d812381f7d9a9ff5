from django.db import models

from accounts.models import Rol
from accounts.permissions import ziet_geen_jeugdigen


class CasusQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The table sees all cases; an access team its municipality's; the GI its own."""
        if ziet_geen_jeugdigen(user):
            return self.none()
        if user.rol in (Rol.RET_VOORZITTER, Rol.RET_LID):
            return self
        if user.rol == Rol.TOEGANG and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id, via_gi=False)
        if user.rol == Rol.GI:
            return self.filter(via_gi=True)
        return self.none()

    def wachtend(self):
        return self.filter(status="ingediend")

    def voorstel_volgorde(self):
        """Most urgent first, then oldest: the chair's suggested agenda order."""
        urgentie = models.Case(
            models.When(urgentie="spoed", then=0),
            models.When(urgentie="hoog", then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        return self.annotate(urgentie_rang=urgentie).order_by("urgentie_rang", "ingediend_op")
