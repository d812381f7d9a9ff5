from django.conf import settings
from django.db import models


class Rapport(models.Model):
    """One version of a quarterly report, stored with the figures it was built from."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", "In de wachtrij"
        BEZIG = "bezig", "Wordt gemaakt"
        KLAAR = "klaar", "Klaar"
        MISLUKT = "mislukt", "Mislukt"

    kwartaal = models.CharField("kwartaal", max_length=7, db_index=True)
    gemeente = models.ForeignKey("kern.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    publiek = models.BooleanField("publieke variant (kleine aantallen gemaskeerd)", default=False)
    versie = models.PositiveIntegerField("versie")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.WACHTRIJ)
    voortgang = models.PositiveSmallIntegerField("voortgang (%)", default=0)
    stap = models.CharField("stap", max_length=80, blank=True)
    fout = models.TextField("foutmelding", blank=True)
    cijfers = models.JSONField("cijfers", null=True, blank=True)
    pdf = models.FileField("PDF", upload_to="rapportage/", blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op", auto_now_add=True)
    gereed_op = models.DateTimeField("gereed op", null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)

    class Meta:
        verbose_name = "kwartaalrapportage"
        verbose_name_plural = "kwartaalrapportages"
        ordering = ["-kwartaal", "gemeente_id", "publiek", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["kwartaal", "gemeente", "publiek", "versie"], name="rapport_versie_uniek"),
            models.UniqueConstraint(
                fields=["kwartaal", "publiek", "versie"],
                condition=models.Q(gemeente__isnull=True),
                name="rapport_versie_regio_uniek",
            ),
        ]

    def __str__(self):
        return f"Kwartaalrapportage {self.kwartaal} {self.gebied} v{self.versie}"

    @property
    def gebied(self) -> str:
        return self.gemeente.naam if self.gemeente_id else "regio Flevoland"

    @property
    def bestandsnaam(self) -> str:
        gebied = self.gemeente_id or "regio"
        return f"kwartaalrapportage-{self.kwartaal}-{gebied}{'-publiek' if self.publiek else ''}-v{self.versie}.pdf"

    @property
    def afgerond(self) -> bool:
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)


class JeugdzorgTrajecten(models.Model):
    """The KPI's denominator: all youth-care trajectories of a municipality in a quarter, from
    its own registration or CBS's published youth-care figures, entered or imported by policy
    staff. Figure A of "Samen en dichtbij": trajectories with a stay ÷ these."""

    class Bron(models.TextChoices):
        EIGEN = "eigen", "Eigen registratie van de gemeente"
        CBS = "cbs", "CBS Beleidsinformatie Jeugd"

    gemeente = models.ForeignKey("kern.Gemeente", verbose_name="gemeente", on_delete=models.PROTECT, related_name="+")
    kwartaal = models.CharField("kwartaal", max_length=7)
    aantal = models.PositiveIntegerField("jeugdzorgtrajecten")
    bron = models.CharField("bron", max_length=5, choices=Bron.choices, default=Bron.EIGEN)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now=True)

    class Meta:
        verbose_name = "jeugdzorgtrajecten per kwartaal"
        verbose_name_plural = "jeugdzorgtrajecten per kwartaal"
        ordering = ["-kwartaal", "gemeente_id"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "kwartaal"], name="noemer_per_gemeente_kwartaal")]

    def __str__(self):
        return f"{self.gemeente_id} {self.kwartaal}: {self.aantal}"
