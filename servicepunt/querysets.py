import datetime

from django.db import models
from django.db.models import DateField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least, NullIf

from accounts.models import Rol
from accounts.permissions import ziet_geen_jeugdigen

_VER = datetime.date(9999, 12, 31)  # stands in for 'not started' inside LEAST, then becomes NULL again


class BeschikkingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if ziet_geen_jeugdigen(user):
            return self.none()
        if user.rol == Rol.SERVICEPUNT:
            return self
        if user.rol == Rol.TOEGANG and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id)
        if user.rol == Rol.AANBIEDER and user.aanbieder_id:
            return self.filter(
                Q(aanbieder_id=user.aanbieder_id) | Q(plaatsingen__voorziening__aanbieder_id=user.aanbieder_id)
            ).distinct()
        return self.none()

    def met_eerste_start(self):
        """The first start of ambulant help, bridging help or a placement: the two-week rule's fact.
        Scalar subqueries, so figures can aggregate over it."""
        from .models import Overbrugging, Plaatsing

        def eerste(model):
            qs = model.objects.filter(beschikking=OuterRef("pk")).order_by("startdatum").values("startdatum")[:1]
            return Coalesce(Subquery(qs, output_field=DateField()), Value(_VER))

        return self.annotate(
            eerste_start=NullIf(
                Least(
                    Coalesce(F("ambulant_gestart_op"), Value(_VER)),
                    eerste(Overbrugging),
                    eerste(Plaatsing),
                    output_field=DateField(),
                ),
                Value(_VER),
            )
        )

    def wachtend(self, peildatum: datetime.date):
        """Decisions for care with a stay, issued, with no placement started yet."""
        return self.filter(zorgtype__isnull=False, afgegeven_op__lte=peildatum).exclude(
            plaatsingen__startdatum__lte=peildatum
        )


class PlaatsingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """A placement is visible with its decision."""
        from .models import Beschikking

        return self.filter(beschikking__in=Beschikking.objects.zichtbaar_voor(user).values("pk"))
