from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kern.models import Gemeente, Jeugdige

from .querysets import TrajectQuerySet


class Traject(models.Model):
    """Perspective direction for one youth during one period of care: every stay (crisis stay or
    service-point placement) that starts while the trajectory is open joins it, and the
    regisseur stays. It closes when the youth is home, or 18+ without care, not when one stay ends."""

    class Bron(models.TextChoices):
        CRISIS = "crisis", "Crisishulp met verblijf"
        PLAATSING = "plaatsing", "24-uurszorg (plaatsing)"

    class Sluitreden(models.TextChoices):
        THUIS = "thuis", "Jeugdige is thuis"
        VOLWASSEN = "18_zonder_zorg", "18 jaar of ouder, zonder zorg"
        OVERGEZET = "samengevoegd", "Samengevoegd met een lopend traject (migratie)"

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="trajecten")
    gemeente = models.ForeignKey(Gemeente, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+")
    # The kind of the first stay of the period: it sets the term of the first perspective plan.
    bron = models.CharField("aanleiding", max_length=10, choices=Bron.choices)
    startdatum = models.DateField("geopend op")
    einddatum = models.DateField("gesloten op", null=True, blank=True)
    sluitreden = models.CharField("reden van sluiten", max_length=16, choices=Sluitreden.choices, blank=True)
    gedwongen_kader = models.BooleanField(
        "gedwongen kader (regie bij de GI)",
        default=False,
        help_text="In een gedwongen kader voert de GI de regie; de gemeente wijst geen regisseur aan.",
    )
    gezag_derden = models.BooleanField(
        "gezag door derden (regie bij de GI)",
        default=False,
        help_text="Bij gezag door derden (voogdij) voert de GI de regie; de gemeente wijst geen regisseur aan.",
    )

    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = "traject perspectiefregie"
        verbose_name_plural = "trajecten perspectiefregie"
        ordering = ["-startdatum", "-id"]
        indexes = [
            # The quarter's figures (#14.4): `actief_in` reads the open trajectories and those ended
            # in or after the quarter (a BitmapOr of IS NULL and >= van), the started ones by date;
            # plain B-trees, so the SQLite of `make run` has them too.
            models.Index(fields=["einddatum"], name="traject_einddatum_idx"),
            models.Index(fields=["startdatum"], name="traject_startdatum_idx"),
            # The worklist: a municipality's open trajectories, not every one it ever had.
            models.Index(fields=["gemeente"], condition=Q(einddatum__isnull=True), name="traject_open_gemeente_idx"),
        ]
        constraints = [
            # One period of care at a time: a second stay joins the open trajectory.
            models.UniqueConstraint(
                fields=["jeugdige"], condition=Q(einddatum__isnull=True), name="een_open_traject_per_jeugdige"
            )
        ]

    def __str__(self):
        return f"Traject {self.pk}"

    @property
    def regie_bij_gi(self) -> bool:
        return self.gedwongen_kader or self.gezag_derden


class Verblijf(models.Model):
    """One stay of the period of care, as the crisis app or the service point reported it."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="verblijven")
    soort = models.CharField("soort", max_length=10, choices=Traject.Bron.choices)
    verblijf_id = models.PositiveBigIntegerField("id van de inzet of plaatsing")
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)

    class Meta:
        verbose_name = "verblijf in een traject"
        verbose_name_plural = "verblijven in trajecten"
        ordering = ["startdatum", "id"]
        constraints = [models.UniqueConstraint(fields=["soort", "verblijf_id"], name="verblijf_in_een_traject")]


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
        indexes = [
            # The quarter's figures (#14.4) read, per trajectory of the quarter, its regisseurships'
            # dates and reasons from this index alone (index-only on PostgreSQL; SQLite ignores
            # INCLUDE). The unique index below covers only the open regisseurships.
            models.Index(fields=["traject"], include=["van", "tot", "reden"], name="regisseurschap_per_traject"),
        ]
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
    # The evaluation within two weeks of admission is recorded beside the plan (one record).
    evaluatie_op = models.DateField("evaluatie gehouden op", null=True, blank=True)
    doelen = models.TextField("doelen", blank=True)
    terugkeer = models.TextField("perspectief op terugkeer naar huis", blank=True)
    wie_doet_wat = models.TextField("wie doet wat", blank=True)
    wonen = models.TextField("wonen", blank=True)
    inkomen = models.TextField("inkomen", blank=True)
    school_werk = models.TextField("school of werk", blank=True)
    zorg_18plus = models.TextField("zorg na 18", blank=True)
    volgende_evaluatie = models.DateField("volgende evaluatie", null=True, blank=True)
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Every save keeps the earlier version (who, when, why): a plan is edited, never silently.
    history = HistoricalRecords()

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
