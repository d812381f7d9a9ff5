"""Who may see which crisis records: the one place, used by pages and API alike."""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery

from accounts.models import Rol
from accounts.permissions import ziet_geen_jeugdigen


class AanmeldingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if ziet_geen_jeugdigen(user):
            return self.none()
        if user.rol == Rol.CCP:
            return self
        if user.rol == Rol.TOEGANG and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id)
        if user.rol == Rol.AANBIEDER and user.aanbieder_id:
            return self.filter(self._noodzaak_aanbieder(user.aanbieder_id))
        if user.rol == Rol.GI:
            return self.filter(ingediend_door=user)
        return self.none()

    @staticmethod
    def _noodzaak_aanbieder(aanbieder_id: str) -> Q:
        """A provider's current need to know, the one place it is decided:
        - an assignment waiting for its answer, while the referral is open (the CCP may start the
          help and close the referral before the provider answered: the wait then is over too);
        - an accepted assignment while the referral is open, its own work has not ended, and the
          CCP has not yet registered the help: from then on the provider reads by its own
          deployment. When the help went to others (a stay with the local team's help, another
          provider), the acceptance counts for the after-care term from the day the help was
          registered (after the assignment), not for as long as the referral stays open;
        - its own deployment (ambulant, or a stay in its facility) that runs, or ended less than
          the region's after-care term ago (kern.Regioinstelling.inzage_na_einde_dagen: to correct the
          end or follow-up). The end date is the first day without the deployment;
        - a deployment that was its own until the CCP gave it to another provider or facility (a
          correction, kept in the deployment's history): the term counts from the day of that
          change, as from an end date.
        A provider that declined, or whose work is over, no longer reads the referral nor where
        it went next."""
        from django.utils import timezone

        from kern.models import Regioinstelling

        from .models import Aanmelding, Inzet, Toewijzing

        grens = timezone.localdate() - datetime.timedelta(days=Regioinstelling.huidige().inzage_na_einde_dagen)
        # A moment counts like an end date: its day is the first day without the work.
        vanaf = timezone.make_aware(datetime.datetime.combine(grens + datetime.timedelta(days=1), datetime.time.min))
        toewijzing = Toewijzing.objects.filter(aanmelding=OuterRef("pk"), aanbieder_id=aanbieder_id)
        eigen_inzet = Inzet.objects.filter(aanmelding=OuterRef("pk")).filter(
            Q(aanbieder_id=aanbieder_id) | Q(voorziening__aanbieder_id=aanbieder_id)
        )
        hulp_geregeld = Inzet.objects.filter(
            aanmelding=OuterRef("aanmelding"), aangemaakt_op__gte=OuterRef("toegewezen_op"), aangemaakt_op__lt=vanaf
        )
        # A version of a deployment of this referral, written within the term, that no longer names
        # the provider while the version before it did (a stay's provider follows its facility).
        versies = Inzet.history.model.objects
        vorige = versies.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by("-history_id")
        # Not correlated with the referral: the few versions of the term, hashed once.
        overgedragen = (
            versies.filter(history_date__gte=vanaf)
            .filter(~Q(aanbieder_id=aanbieder_id) | Q(aanbieder_id__isnull=True) | Q(history_type="-"))
            .annotate(was=Subquery(vorige.values("aanbieder_id")[:1]))
            .filter(was=aanbieder_id)
            .values("aanmelding_id")
        )
        return (
            (Exists(toewijzing.filter(status="toegewezen")) & ~Q(status=Aanmelding.Status.AFGESLOTEN))
            | (
                Exists(toewijzing.filter(status="geaccepteerd").filter(~Exists(hulp_geregeld)))
                & ~Q(status=Aanmelding.Status.AFGESLOTEN)
                & ~Exists(eigen_inzet.filter(einddatum__isnull=False))
            )
            | Exists(eigen_inzet.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=grens)))
            | Q(pk__in=overgedragen)
        )

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

    def aantal_met_perspectiefplan_binnen(self, dagen: int) -> int:
        """How many of these stays had their plan (met_perspectiefplan's plan_datum) at most
        `dagen` days after the start. Read from the copy `kopie_plandatum`, which triggers keep
        equal to plan_datum (migration 0014; tests/crisis/test_kwartaalkopie.py): the quarter's
        stays and their plan dates are then one index range, with no look-up per stay (#14.4)."""
        from django.db.models import F

        return self.filter(kopie_plandatum__lte=F("startdatum") + datetime.timedelta(days=dagen)).count()
