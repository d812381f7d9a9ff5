from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kern.models import Aanbieder, Gemeente, Jeugdige, Voorziening, Voorzieningtype

from .querysets import BeschikkingQuerySet, PlaatsingQuerySet


class Capaciteitsmelding(models.Model):
    """A provider's confirmation of a facility's places; the history gives the trend."""

    voorziening = models.ForeignKey(Voorziening, on_delete=models.PROTECT, related_name="capaciteitsmeldingen")
    gemeld_op = models.DateTimeField("gemeld op", auto_now_add=True, db_index=True)
    capaciteit = models.PositiveSmallIntegerField("aantal plaatsen")
    bezet = models.PositiveSmallIntegerField("bezet op dat moment")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "capaciteitsmelding"
        verbose_name_plural = "capaciteitsmeldingen"
        ordering = ["-gemeld_op"]
        # The capacity of a past reference date: the last confirmation before it, per facility.
        indexes = [models.Index(fields=["voorziening", "gemeld_op"], name="capaciteitsmelding_peil_idx")]


class Beschikking(models.Model):
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="beschikkingen")
    zorgtype = models.ForeignKey(
        Voorzieningtype,
        verbose_name="soort zorg",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Leeg voor ambulante jeugdhulp zonder verblijf.",
    )
    afgegeven_op = models.DateField("datum afgifte", db_index=True)
    aanbieder = models.ForeignKey(
        Aanbieder, null=True, blank=True, on_delete=models.PROTECT, related_name="beschikkingen"
    )
    brp_gemeente = models.ForeignKey(
        Gemeente,
        verbose_name="gemeente van het BRP-adres vlak vóór het verblijf",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Vastgelegd bij de start; een latere registratie van de jeugdige verandert haar niet.",
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name="verantwoordelijke gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Woonplaatsbeginsel: bij verblijf de gemeente van het BRP-adres vlak vóór het verblijf. "
        "Wijzigt alleen met een vastgelegde reden (gemeente_wijzigen).",
    )
    gemeente_reden = models.CharField("reden afwijkende gemeente", max_length=300, blank=True)
    gezag_derden = models.BooleanField("gezag door derden", default=False)
    wlz_indicatie = models.BooleanField("recht op Wlz", default=False)
    buiten_regio = models.BooleanField("plaatsing buiten de regio", default=False)
    ambulant_gestart_op = models.DateField("ambulante hulp gestart op", null=True, blank=True)
    verwachte_start = models.DateField("verwachte start", null=True, blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)
    # The first placement's start, kept by database triggers (migration 0007) whatever writes a
    # placement or a decision, corrections included: the waiting list of any day reads it from
    # one index instead of every decision ever issued (#14.4). Derived, so not in the history.
    geplaatst_op = models.DateField("eerste plaatsing gestart op", null=True, blank=True, editable=False)

    objects = BeschikkingQuerySet.as_manager()
    # Every save keeps the earlier values (who, when, why): corrections are never silent.
    history = HistoricalRecords(excluded_fields=["geregistreerd_op", "geplaatst_op"])

    class Meta:
        verbose_name = "beschikking"
        verbose_name_plural = "beschikkingen"
        ordering = ["-afgegeven_op", "-id"]
        indexes = [
            # The waiting list on a day: decisions with a stay not placed by then (wachtend).
            models.Index(
                fields=["geplaatst_op"],
                include=["afgegeven_op"],
                condition=Q(zorgtype__isnull=False),
                name="beschikking_wachtend_idx",
            )
        ]
        constraints = [
            # A double click or a retry must not register a decision twice: one decision per youth,
            # day of issue, kind of care and provider.
            models.UniqueConstraint(
                fields=["jeugdige", "afgegeven_op", "zorgtype", "aanbieder"],
                name="beschikking_eenmaal",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"Beschikking {self.pk}"

    @property
    def met_verblijf(self) -> bool:
        return self.zorgtype_id is not None


class Woonplaatswijziging(models.Model):
    """A change of the responsible municipality of a decision: explicit, reasoned, kept for good."""

    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="woonplaatswijzigingen")
    van = models.ForeignKey(Gemeente, verbose_name="van gemeente", on_delete=models.PROTECT, related_name="+")
    naar = models.ForeignKey(Gemeente, verbose_name="naar gemeente", on_delete=models.PROTECT, related_name="+")
    reden = models.CharField("reden", max_length=300)
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now_add=True)

    class Meta:
        verbose_name = "wijziging verantwoordelijke gemeente"
        verbose_name_plural = "wijzigingen verantwoordelijke gemeente"
        ordering = ["gewijzigd_op", "id"]


class Overbrugging(models.Model):
    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="overbruggingen")
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    omschrijving = models.CharField("welke overbruggingshulp", max_length=300)
    aanbieder = models.ForeignKey(Aanbieder, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "overbruggingshulp"
        verbose_name_plural = "overbruggingshulp"
        ordering = ["startdatum"]
        indexes = [models.Index(fields=["beschikking", "startdatum"], name="overbrugging_eerste_idx")]


class Plaatsing(models.Model):
    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="plaatsingen")
    voorziening = models.ForeignKey(
        Voorziening, null=True, blank=True, on_delete=models.PROTECT, related_name="plaatsingen"
    )
    # A Flevoland youth placed outside the region: the facility is not reference data of the
    # region, so the worker names it here instead of asking the administrator to add it.
    buiten_regio = models.CharField("voorziening buiten de regio (naam, aanbieder, plaats)", max_length=200, blank=True)
    eerste_keus = models.ForeignKey(
        Voorziening,
        verbose_name="eerst passende voorziening",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Waar de jeugdige het best had gepast, als dat een andere plek is.",
    )
    startdatum = models.DateField("startdatum")
    verwachte_duur_weken = models.PositiveSmallIntegerField("verwachte duur (weken)", null=True, blank=True)
    perspectief = models.TextField("perspectief na het verblijf", blank=True)
    einddatum = models.DateField("einddatum", null=True, blank=True)
    vervolg = models.CharField("vervolg", max_length=300, blank=True)
    # Every stay comes with ambulant help: the municipality's local team or a provider.
    # A database default too, so bulk loads (bench, COPY) that predate the field keep working.
    ambulant_lokaal_team = models.BooleanField("ambulante hulp door het lokale team", default=False, db_default=False)
    ambulant_aanbieder = models.ForeignKey(
        Aanbieder,
        verbose_name="ambulante hulp door",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = PlaatsingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "plaatsing"
        verbose_name_plural = "plaatsingen"
        ordering = ["-startdatum"]
        indexes = [
            models.Index(fields=["voorziening"], condition=Q(einddatum__isnull=True), name="plaatsing_lopend_idx"),
            # A quarter's figures read the placements started or ended in it (#14.4); the end
            # also finds the placements still running on a reference date.
            models.Index(fields=["startdatum"], name="plaatsing_start_idx"),
            models.Index(fields=["einddatum"], include=["startdatum"], name="plaatsing_einde_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")),
                name="plaatsing_einde_na_start",
            ),
            models.CheckConstraint(
                condition=Q(voorziening__isnull=False) | ~Q(buiten_regio=""),
                name="plaatsing_voorziening_of_buiten_regio",
            ),
        ]

    @property
    def plek(self) -> str:
        return str(self.voorziening) if self.voorziening_id else f"{self.buiten_regio} (buiten de regio)"

    @property
    def ambulant_door(self) -> str | None:
        return "lokaal_team" if self.ambulant_lokaal_team else self.ambulant_aanbieder_id

    @property
    def eerste_keus_gekregen(self) -> bool:
        return self.eerste_keus_id is None or self.eerste_keus_id == self.voorziening_id


class Landschapsmelding(models.Model):
    class Soort(models.TextChoices):
        SLUITING = "sluiting", "Sluiting van een groep of voorziening"
        OPENING = "opening", "Opening van een groep of voorziening"
        CAPACITEIT = "capaciteit", "Wijziging van capaciteit"
        ANDERS = "anders", "Anders"

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="landschapsmeldingen")
    voorziening = models.ForeignKey(Voorziening, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField("soort", max_length=12, choices=Soort.choices)
    ingangsdatum = models.DateField("ingangsdatum")
    toelichting = models.TextField("toelichting")
    gemeld_op = models.DateTimeField("gemeld op", auto_now_add=True)
    gemeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "landschapsmelding"
        verbose_name_plural = "landschapsmeldingen"
        ordering = ["ingangsdatum"]
