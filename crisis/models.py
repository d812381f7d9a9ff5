from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kern.models import (
    Aanbieder,
    Gemeente,
    Hulpvorm,
    Jeugdige,
    RedenGeenInzet,
    VervolgAmbulant,
    VervolgVerblijf,
    Voorziening,
    Weigerreden,
)

from .querysets import AanmeldingQuerySet, InzetQuerySet, ToewijzingQuerySet

LEEFTIJDSGROEPEN = [("12-", "12-"), ("12+", "12+")]


class CrisisContract(models.Model):
    """Which CCP provider serves which loket municipality, and its contracted share."""

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="crisiscontracten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="crisiscontracten")
    aandeel = models.DecimalField(
        "gecontracteerd aandeel",
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text="Relatief gewicht bij het verdelen; gelijke aandelen zijn 1.",
    )

    class Meta:
        verbose_name = "crisiscontract"
        verbose_name_plural = "crisiscontracten"
        constraints = [
            models.UniqueConstraint(fields=["aanbieder", "gemeente"], name="crisiscontract_uniek"),
            models.CheckConstraint(condition=Q(aandeel__gt=0), name="crisiscontract_aandeel_positief"),
        ]

    def __str__(self):
        return f"{self.aanbieder} — {self.gemeente}"


class Aanmelding(models.Model):
    class Hulpvraag(models.TextChoices):
        AMBULANT = "ambulant", "Ambulante crisishulp"
        VERBLIJF = "verblijf", "Crisishulp met verblijf"

    class Bron(models.TextChoices):
        TOEGANG = "toegang", "Lokale toegang"
        TELEFOON = "telefoon", "Telefonisch bij het CCP"
        CRISISDIENST = "crisisdienst", "24-uurs crisisdienst"
        GI = "gi", "Gecertificeerde instelling"
        HISTORISCH = "historisch", "Historische registratie"

    class Status(models.TextChoices):
        NIEUW = "nieuw", "Nieuw, te trieren"
        GETRIEERD = "getrieerd", "Getrieerd, inzet regelen"
        VERDEELD = "verdeeld", "Verdeeld over een aanbieder"
        IN_ZORG = "in_zorg", "Hulp ingezet"
        AFGESLOTEN = "afgesloten", "Afgesloten"

    class Ernst(models.TextChoices):
        ACUUT = "acuut", "Acuut (binnen 24 uur)"
        HOOG = "hoog", "Hoog (binnen 72 uur)"
        GEEN_CRISIS = "geen_crisis", "Geen crisis"

    # Unique by a constraint in Meta, not unique=True: that would add a LIKE twin index that no
    # search uses (the search is icontains) and every imported row would write (#11.5).
    registratienummer = models.CharField("registratienummer", max_length=40)
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="aanmeldingen")
    # Code-list keys carry no index of their own (#11.5: every index is written for each of a
    # million imported rows, and a varchar key gets a LIKE twin): a municipality is found through
    # (gemeente, aanmelddatum), the figures through aanmelding_kwartaal_idx, and a code is
    # almost never deleted (PROTECT then scans once).
    gemeente = models.ForeignKey(
        Gemeente, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    hulpvraag = models.CharField("hulpvraag", max_length=10, choices=Hulpvraag.choices)
    toelichting = models.TextField("toelichting", blank=True)
    bron = models.CharField("bron", max_length=12, choices=Bron.choices)
    aangemeld_op = models.DateTimeField("aangemeld op")
    aanmelddatum = models.DateField("aanmelddatum")  # indexed by aanmelding_kwartaal_idx
    # A fact fixed on the day of the referral; every figure is split on it.
    leeftijdsgroep = models.CharField("leeftijdsgroep", max_length=3, choices=LEEFTIJDSGROEPEN)
    loket_open = models.BooleanField("loket open bij aanmelding")
    behandelen_voor = models.DateTimeField("behandelen vóór")
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.NIEUW)
    reden_geen = models.ForeignKey(
        RedenGeenInzet,
        verbose_name="reden geen inzet",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
    )
    # Which alternative, when the reason is 'alternatief voorhanden' (the figures count them).
    alternatief = models.ForeignKey(
        "kern.Alternatief",
        verbose_name="welk alternatief",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
    )
    alternatief_toelichting = models.CharField("toelichting alternatief", max_length=300, blank=True)
    # Triage
    ernst = models.CharField("ernst", max_length=12, choices=Ernst.choices, blank=True)
    aard = models.TextField("aard van de crisis", blank=True)
    geconsulteerd = models.ManyToManyField(Aanbieder, verbose_name="geconsulteerd", blank=True, related_name="+")
    getrieerd_op = models.DateTimeField("getrieerd op", null=True, blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The person the youth record belongs to, copied for the quarterly figures (#14.4): records
    # of one BSN (one child known in several municipalities) share the smallest record id, a
    # record without a BSN is its own person; kern.querysets.persoon() counts the same persons.
    # A quarter's youths are then one index range, not a join to every youth ever registered.
    # Kept by database triggers (migration 0014) on every write of a referral and every change
    # of a youth's BSN; never written by Django, never shown.
    kopie_persoon = models.BigIntegerField("persoon (kopie)", null=True, editable=False)

    objects = AanmeldingQuerySet.as_manager()
    # Every save keeps the earlier values (who, when, why): corrections are never silent.
    history = HistoricalRecords(excluded_fields=["kopie_persoon"])

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["-aangemeld_op"]
        constraints = [models.UniqueConstraint(fields=["registratienummer"], name="aanmelding_registratienummer_uniek")]
        indexes = [
            models.Index(fields=["gemeente", "aanmelddatum"]),
            # The queues by status (no LIKE twin: a status is matched exactly).
            models.Index(fields=["status"], name="aanmelding_status_idx"),
            # The quarterly figures (#14.4): the quarter's referrals from the index alone.
            models.Index(
                fields=["aanmelddatum"],
                include=[
                    "id",
                    "gemeente",
                    "leeftijdsgroep",
                    "jeugdige",
                    "bron",
                    "reden_geen",
                    "alternatief",
                    "kopie_persoon",
                ],
                name="aanmelding_kwartaal_idx",
            ),
        ]

    def __str__(self):
        return self.registratienummer


class Toewijzing(models.Model):
    """The verdeelpunt's assignment of ambulant crisis help to a provider."""

    class Status(models.TextChoices):
        TOEGEWEZEN = "toegewezen", "Toegewezen, wacht op aanbieder"
        GEACCEPTEERD = "geaccepteerd", "Geaccepteerd"
        GEWEIGERD = "geweigerd", "Geweigerd"

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.PROTECT, related_name="toewijzingen")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="toewijzingen")
    toegewezen_op = models.DateTimeField("toegewezen op", db_index=True)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.TOEGEWEZEN)
    weigerreden = models.ForeignKey(Weigerreden, null=True, blank=True, on_delete=models.PROTECT)
    weigertoelichting = models.TextField("toelichting weigering", blank=True)
    afgehandeld_op = models.DateTimeField("geaccepteerd of geweigerd op", null=True, blank=True)
    handmatig_reden = models.TextField(
        "reden handmatige toewijzing", blank=True, help_text="Ingevuld wanneer het CCP de verdeelregel overrulet."
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = ToewijzingQuerySet.as_manager()

    class Meta:
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        ordering = ["toegewezen_op", "id"]
        constraints = [
            # At most one live (not declined) assignment per referral.
            models.UniqueConstraint(
                fields=["aanmelding"], condition=~Q(status="geweigerd"), name="toewijzing_een_actief"
            )
        ]


class Inzet(models.Model):
    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.PROTECT, related_name="inzetten")
    # Code-list keys without an index of their own, as on Aanmelding (#11.5).
    hulpvorm = models.ForeignKey(Hulpvorm, on_delete=models.PROTECT, db_index=False)
    aanbieder = models.ForeignKey(
        Aanbieder, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed in Meta without a LIKE twin
    voorziening = models.ForeignKey(
        Voorziening, null=True, blank=True, on_delete=models.PROTECT, related_name="crisisinzetten"
    )
    ambulant_door = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De ambulante inzet die bij dit verblijf hoort.",
    )
    ambulant_lokaal_team = models.BooleanField("ambulante hulp door het lokale team", default=False)
    startdatum = models.DateField("startdatum", null=True, blank=True)
    verwachte_einddatum = models.DateField("verwachte einddatum", null=True, blank=True)
    einddatum = models.DateField("einddatum", null=True, blank=True)  # indexed by inzet_kwartaal_einde_idx
    vervolg_ambulant = models.ForeignKey(
        VervolgAmbulant, null=True, blank=True, on_delete=models.PROTECT, db_index=False
    )
    vervolg_verblijf = models.ForeignKey(
        VervolgVerblijf, null=True, blank=True, on_delete=models.PROTECT, db_index=False
    )
    # Only the historical registration's plan date (import_ccp). A live stay's perspective plan is
    # perspective direction's one record: read it through InzetQuerySet.met_perspectiefplan().
    historisch_perspectiefplan = models.DateField(
        "perspectiefplan vastgesteld op (historische registratie)", null=True, blank=True
    )
    # An acute unsafe situation: the CCP placed above capacity and said why (empty: an ordinary stay).
    boven_capaciteit_reden = models.TextField("reden plaatsing boven capaciteit", blank=True, default="", db_default="")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # The referral's date, municipality and age group, copied for the quarterly figures (#14.4):
    # with them a quarter's deployments are one index range, not a join to a million referrals.
    # Never written by Django: database triggers (migration 0011) set them on every insert and
    # update of a deployment and follow every change of its referral, so no code path (a
    # correction, the admin, the COPY of the import) can let them drift.
    kopie_aanmelddatum = models.DateField("aanmelddatum (kopie)", null=True, editable=False)
    kopie_gemeente = models.CharField("gemeente (kopie)", max_length=40, null=True, editable=False)
    kopie_leeftijdsgroep = models.CharField("leeftijdsgroep (kopie)", max_length=3, null=True, editable=False)
    # The stay's perspective-plan date as the figures read it (met_perspectiefplan's plan_datum):
    # the first plan of its trajectory, or without one the historical registration's date. Kept
    # by triggers (migration 0014) on every write of the deployment, of a plan and of the link
    # between a stay and its trajectory, so 'plan within 14 days' is one index range (#14.4).
    kopie_plandatum = models.DateField("perspectiefplan (kopie)", null=True, editable=False)

    objects = InzetQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "aangemaakt_op",
            "kopie_aanmelddatum",
            "kopie_gemeente",
            "kopie_leeftijdsgroep",
            "kopie_plandatum",
        ]
    )

    class Meta:
        verbose_name = "inzet"
        verbose_name_plural = "inzetten"
        ordering = ["startdatum", "id"]
        indexes = [
            # The bed board and capacity checks read only running stays.
            models.Index(fields=["voorziening"], condition=Q(einddatum__isnull=True), name="inzet_lopend_verblijf_idx"),
            models.Index(fields=["aanbieder"], name="inzet_aanbieder_idx"),
            # Also the stays started in a quarter (plan on time, ambulant partner) from the index alone.
            models.Index(
                fields=["startdatum"],
                include=["id", "hulpvorm", "kopie_plandatum", "ambulant_lokaal_team", "ambulant_door"],
                name="inzet_startdatum_idx",
            ),
            # The few stays placed above capacity, counted per quarter.
            models.Index(
                fields=["startdatum"],
                condition=~Q(boven_capaciteit_reden=""),
                name="inzet_boven_capaciteit_idx",
            ),
            # The quarterly figures (#14.4) read only the quarter's rows, from the index alone
            # (index-only scans): deployments of the quarter's referrals, deployments ended in
            # the quarter, and whether a referral had any deployment.
            models.Index(
                fields=["kopie_aanmelddatum"],
                include=["kopie_gemeente", "kopie_leeftijdsgroep", "hulpvorm", "aanmelding"],
                name="inzet_kwartaal_aanmelding_idx",
            ),
            models.Index(
                fields=["einddatum"],
                include=[
                    "hulpvorm",
                    "startdatum",
                    "kopie_gemeente",
                    "kopie_leeftijdsgroep",
                    "vervolg_ambulant",
                    "vervolg_verblijf",
                ],
                name="inzet_kwartaal_einde_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(einddatum__gte=models.F("startdatum")),
                name="inzet_einde_na_start",
            )
        ]

    def __str__(self):
        return f"{self.hulpvorm_id} {self.startdatum or ''}"

    @property
    def vervolg(self):
        return self.vervolg_verblijf if self.hulpvorm.verblijf else self.vervolg_ambulant


class Import(models.Model):
    """One upload of the historical CCP registration, read by a background task.

    The file lives in Django's storage (not a local path: the worker may run elsewhere) only
    until it has been read; the counts or the errors per line stay.
    """

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", "In de wachtrij"
        BEZIG = "bezig", "Wordt ingelezen"
        KLAAR = "klaar", "Ingelezen"
        MISLUKT = "mislukt", "Niets ingelezen"

    bestand = models.FileField("bestand", upload_to="importen/", blank=True)
    bestandsnaam = models.CharField("naam van het bestand", max_length=200, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.WACHTRIJ)
    voortgang = models.PositiveSmallIntegerField("voortgang (%)", default=0)
    stap = models.CharField("stap", max_length=120, blank=True)
    fouten = models.JSONField("fouten per regel", default=list, blank=True)
    regels = models.PositiveIntegerField("regels", default=0)
    aanmeldingen = models.PositiveIntegerField("aanmeldingen ingelezen", default=0)
    inzetten = models.PositiveIntegerField("inzetten ingelezen", default=0)
    overgeslagen = models.PositiveIntegerField("registraties die al bestonden", default=0)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op", auto_now_add=True)
    gereed_op = models.DateTimeField("gereed op", null=True, blank=True)

    class Meta:
        verbose_name = "historische import"
        verbose_name_plural = "historische imports"
        ordering = ["-aangevraagd_op", "-id"]

    def __str__(self):
        return f"Import #{self.pk}"

    @property
    def afgerond(self) -> bool:
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)


class CrisisplekBuitenRegio(models.Model):
    """Reference data: crisis places outside Flevoland the CCP can call when the region is full."""

    naam = models.CharField("naam", max_length=120)
    plaats = models.CharField("plaats", max_length=80)
    telefoon = models.CharField("telefoon", max_length=40, blank=True)
    leeftijd_min = models.PositiveSmallIntegerField("leeftijd vanaf", default=0)
    leeftijd_max = models.PositiveSmallIntegerField("leeftijd tot en met", default=17)
    vrij = models.PositiveSmallIntegerField("vrije plaatsen (laatst bekend)", null=True, blank=True)
    bijgewerkt_op = models.DateField("vrije plaatsen bijgewerkt op", null=True, blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "crisisplek buiten de regio"
        verbose_name_plural = "crisisplekken buiten de regio"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Escalatie(models.Model):
    """A placement above capacity, escalated to the functional owner of the crisis places.

    Holds no youth data: the facility, the day, who placed and why; the stay itself is linked for
    the CCP, who may see it."""

    inzet = models.OneToOneField(Inzet, on_delete=models.PROTECT, related_name="escalatie")
    voorziening = models.ForeignKey(Voorziening, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField("datum")
    reden = models.TextField("reden")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gemeld_op = models.DateTimeField("gemeld op", auto_now_add=True)
    afgehandeld_op = models.DateTimeField("afgehandeld door de functioneel eigenaar op", null=True, blank=True)

    class Meta:
        verbose_name = "escalatie boven capaciteit"
        verbose_name_plural = "escalaties boven capaciteit"
        ordering = ["-gemeld_op"]

    def __str__(self):
        return f"Boven capaciteit: {self.voorziening} ({self.datum:%d-%m-%Y})"
