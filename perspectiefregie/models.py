from django.conf import settings
from django.db import models
from django.db.models import Q

from kern.models import Gemeente, Jeugdige

from .querysets import TrajectQuerySet


class Traject(models.Model):
    """Perspective direction for one youth during one stay in residential or crisis care."""

    class Bron(models.TextChoices):
        CRISIS = "crisis", "Crisishulp met verblijf"
        PLAATSING = "plaatsing", "24-uurszorg (plaatsing)"

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="trajecten")
    gemeente = models.ForeignKey(Gemeente, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+")
    bron = models.CharField("aanleiding", max_length=10, choices=Bron.choices)
    bron_id = models.PositiveBigIntegerField("id van de inzet of plaatsing")
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    gedwongen_kader = models.BooleanField(
        "gedwongen kader (regie bij de GI)",
        default=False,
        help_text="In een gedwongen kader voert de GI de regie; de gemeente wijst geen regisseur aan.",
    )

    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = "traject perspectiefregie"
        verbose_name_plural = "trajecten perspectiefregie"
        ordering = ["-startdatum", "-id"]
        constraints = [models.UniqueConstraint(fields=["bron", "bron_id"], name="traject_per_verblijf")]

    def __str__(self):
        return f"Traject {self.pk}"


class Regisseurschap(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="regisseurschappen")
    regisseur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="regisseurschappen")
    van = models.DateField("regisseur vanaf")
    tot = models.DateField("regisseur tot", null=True, blank=True)
    reden = models.CharField("reden (bij wissel)", max_length=300, blank=True)
    toegewezen_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "regisseurschap"
        verbose_name_plural = "regisseurschappen"
        ordering = ["van", "id"]
        constraints = [
            # Always at most one active regisseur per trajectory; the database guards it too.
            models.UniqueConstraint(fields=["traject"], condition=Q(tot__isnull=True), name="een_actieve_regisseur")
        ]


class Perspectiefplan(models.Model):
    class Soort(models.TextChoices):
        PERSPECTIEF = "perspectief", "Perspectiefplan"
        NA_18 = "na_18", "Plan voor na het 18e jaar"

    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="plannen")
    soort = models.CharField("soort", max_length=12, choices=Soort.choices)
    vastgesteld_op = models.DateField("vastgesteld op")
    doelen = models.TextField("doelen", blank=True)
    terugkeer = models.TextField("perspectief op terugkeer naar huis", blank=True)
    wie_doet_wat = models.TextField("wie doet wat", blank=True)
    wonen = models.TextField("wonen", blank=True)
    inkomen = models.TextField("inkomen", blank=True)
    school_werk = models.TextField("school of werk", blank=True)
    zorg_18plus = models.TextField("zorg na 18", blank=True)
    volgende_evaluatie = models.DateField("volgende evaluatie", null=True, blank=True)
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "perspectiefplan"
        verbose_name_plural = "perspectiefplannen"
        ordering = ["vastgesteld_op", "id"]


class Jim(models.Model):
    """The mentor the youth chose from their own network (Jouw Ingebrachte Mentor)."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="jim")
    naam = models.CharField("naam", max_length=120)
    relatie = models.CharField("relatie tot de jeugdige", max_length=120, blank=True)
    telefoon = models.CharField("telefoon", max_length=40, blank=True)
    email = models.EmailField("e-mail", blank=True)

    class Meta:
        verbose_name = "JIM"
        verbose_name_plural = "JIM's"
