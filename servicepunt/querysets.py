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
            return self.filter(self._noodzaak_aanbieder(user.aanbieder_id))
        return self.none()

    @staticmethod
    def _noodzaak_aanbieder(aanbieder_id: str) -> Q:
        """A provider's current need to know a decision (as crisis.querysets for a referral):
        - a placement in its facility (or, out of the region, of a decision naming it as provider)
          that runs or ended less than the region's after-care term ago
          (kern.Regioinstelling.inzage_na_einde_dagen); the end date is the first day without it;
        - a decision naming it as provider that has no placement (yet): its care waits or is
          ambulant, which has no recorded end;
        - a decision naming it as provider whose youth was placed with another provider: its part
          ended on the day that placement starts, so it reads for the after-care term from that
          day (not for as long as the other provider's placement runs).
        After the term the provider no longer reads the decision (404)."""
        from django.db.models import Exists
        from django.utils import timezone

        from kern.models import Regioinstelling

        from .models import Plaatsing

        grens = timezone.localdate() - datetime.timedelta(days=Regioinstelling.huidige().inzage_na_einde_dagen)
        plaatsingen = Plaatsing.objects.filter(beschikking=OuterRef("pk"))
        eigen = plaatsingen.filter(
            Q(voorziening__aanbieder_id=aanbieder_id)
            | Q(voorziening__isnull=True, beschikking__aanbieder_id=aanbieder_id)
        )
        bij_een_ander = plaatsingen.filter(voorziening__isnull=False).exclude(voorziening__aanbieder_id=aanbieder_id)
        return Exists(eigen.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=grens))) | (
            Q(aanbieder_id=aanbieder_id) & (~Exists(plaatsingen) | Exists(bij_een_ander.filter(startdatum__gt=grens)))
        )

    def met_eerste_start(self):
        """The first start of ambulant help, bridging help or a placement (the decision's own
        geplaatst_op): the two-week rule's fact. A scalar subquery, so figures can aggregate over it."""
        from .models import Overbrugging

        overbrugging = (
            Overbrugging.objects.filter(beschikking=OuterRef("pk")).order_by("startdatum").values("startdatum")[:1]
        )
        return self.annotate(
            eerste_start=NullIf(
                Least(
                    Coalesce(F("ambulant_gestart_op"), Value(_VER)),
                    Coalesce(Subquery(overbrugging, output_field=DateField()), Value(_VER)),
                    Coalesce(F("geplaatst_op"), Value(_VER)),
                    output_field=DateField(),
                ),
                Value(_VER),
            )
        )

    def wachtend(self, peildatum: datetime.date):
        """Decisions for care with a stay, issued, with no placement started yet: the first
        placement's start (geplaatst_op, kept by the database) lies after the day, or is none."""
        return self.filter(
            Q(geplaatst_op__isnull=True) | Q(geplaatst_op__gt=peildatum),
            zorgtype__isnull=False,
            afgegeven_op__lte=peildatum,
        )


class PlaatsingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """A placement is visible with its decision."""
        from .models import Beschikking

        return self.filter(beschikking__in=Beschikking.objects.zichtbaar_voor(user).values("pk"))
