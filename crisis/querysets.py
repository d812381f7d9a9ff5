"""Who may see which crisis records: the one place, used by pages and API alike."""

import datetime

from django.db import models
from django.db.models import Q

from accounts.models import Rol


class AanmeldingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.rol == Rol.CCP:
            return self
        if user.rol == Rol.TOEGANG and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id)
        if user.rol == Rol.AANBIEDER and user.aanbieder_id:
            # Providers see the referrals assigned to them and not declined, or staying in their
            # facilities: access follows the current need to know, so a provider that declined
            # no longer reads the referral nor where it went next.
            levend = Q(
                toewijzingen__aanbieder_id=user.aanbieder_id, toewijzingen__status__in=["toegewezen", "geaccepteerd"]
            )
            return self.filter(levend | Q(inzetten__voorziening__aanbieder_id=user.aanbieder_id)).distinct()
        if user.rol == Rol.GI:
            return self.filter(ingediend_door=user)
        return self.none()

    def met_details(self):
        return self.select_related("jeugdige", "gemeente", "reden_geen")


class ToewijzingQuerySet(models.QuerySet):
    def levend(self):
        return self.exclude(status="geweigerd")

    def in_maand(self, dag: datetime.date):
        return self.filter(toegewezen_op__year=dag.year, toegewezen_op__month=dag.month)


class InzetQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """A deployment is visible to whoever may see its referral."""
        from .models import Aanmelding

        return self.filter(aanmelding__in=Aanmelding.objects.zichtbaar_voor(user).values("pk"))

    def verblijven(self):
        return self.filter(hulpvorm__verblijf=True)

    def lopend(self):
        return self.filter(einddatum__isnull=True)

    def met_perspectiefplan(self):
        """plan_datum: the one perspective plan of the stay's trajectory (perspective direction's
        record), or for a historical stay the date from the old registration."""
        from django.db.models import F
        from django.db.models.functions import Coalesce

        from perspectiefregie.services import plandatum_van_verblijf

        return self.annotate(
            plan_datum=Coalesce(
                plandatum_van_verblijf("crisis", models.OuterRef("pk")), F("historisch_perspectiefplan")
            )
        )
