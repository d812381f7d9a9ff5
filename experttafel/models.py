from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from kern.models import Aanbieder, Codelijst, Gemeente, Jeugdige

from .querysets import CasusQuerySet


class Domein(Codelijst):
    """Life domains a case crosses (school, adult mental health, housing, ...)."""

    class Meta(Codelijst.Meta):
        verbose_name = "domein"
        verbose_name_plural = "domeinen"


class Doel(models.TextChoices):
    """The three aims of the learning circle (the region's overview of current projects)."""

    INNOVATIE = "innovatie", "Innovatie (productontwikkeling)"
    PROFESSIONEEL = "professioneel", "Professionele ontwikkeling"
    AFSTEMMING = "afstemming", "Betere afstemming van vraag en aanbod"


class Thema(Codelijst):
    """Learning-circle themes tagged on lessons; each falls under one of the three aims."""

    doel = models.CharField("doel", max_length=20, choices=Doel.choices, default=Doel.AFSTEMMING)

    class Meta(Codelijst.Meta):
        verbose_name = "thema (leercirkel)"
        verbose_name_plural = "thema's (leercirkel)"


class Sessie(models.Model):
    datum = models.DateField("datum", db_index=True)
    begintijd = models.TimeField("begintijd")
    eindtijd = models.TimeField("eindtijd")
    plaats = models.CharField("plaats", max_length=200)
    capaciteit = models.PositiveSmallIntegerField("aantal casussen")
    extra = models.BooleanField("extra sessie (buiten de cadans)", default=False)
    geannuleerd = models.BooleanField("geannuleerd", default=False)
    annuleringsreden = models.CharField("reden annulering", max_length=300, blank=True)

    class Meta:
        verbose_name = "sessie"
        verbose_name_plural = "sessies"
        ordering = ["datum"]
        constraints = [models.UniqueConstraint(fields=["datum"], name="sessie_een_per_dag")]

    def __str__(self):
        return f"Sessie {self.datum:%d-%m-%Y}"


class Casus(models.Model):
    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "Ingediend"
        GEPLAND = "gepland", "Gepland"
        BESPROKEN = "besproken", "Besproken"
        GEADVISEERD = "geadviseerd", "Advies gegeven"
        OPGEVOLGD = "opgevolgd", "Opvolging vastgelegd"
        GESLOTEN = "gesloten", "Gesloten"
        INGETROKKEN = "ingetrokken", "Ingetrokken"
        GEESCALEERD = "geescaleerd", "Geëscaleerd (bovenregionaal)"

    class Urgentie(models.TextChoices):
        NORMAAL = "normaal", "Normaal"
        HOOG = "hoog", "Hoog"
        SPOED = "spoed", "Spoed"

    jeugdige = models.ForeignKey(
        Jeugdige,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="casussen",
        help_text="Leeg bij een geanonimiseerde casus (geen toestemming).",
    )
    gemeente = models.ForeignKey(Gemeente, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+")
    inbrenger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    via_gi = models.BooleanField("ingebracht door de GI", default=False)
    vraag = models.TextField("vraag aan de experttafel")
    geprobeerd = models.TextField("wat lokaal is geprobeerd en waarom dat niet paste", blank=True)
    gezinssituatie = models.TextField("jeugdige en gezin", blank=True)
    domeinen = models.ManyToManyField(Domein, verbose_name="domeinen", blank=True)
    toestemming = models.BooleanField("toestemming ouders/jeugdige om gegevens te delen", default=False)
    urgentie = models.CharField("urgentie", max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.INGEDIEND, db_index=True)
    ingediend_op = models.DateTimeField("ingediend op")
    sessie = models.ForeignKey(Sessie, null=True, blank=True, on_delete=models.PROTECT, related_name="casussen")
    plaats = models.CharField("plaats van bespreking", max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde op de agenda", default=0)
    ics_volgnummer = models.PositiveIntegerField(
        "volgnummer uitnodiging", default=0, help_text="SEQUENCE van de agenda-uitnodiging (RFC 5545)."
    )
    besproken_op = models.DateField("besproken op", null=True, blank=True)
    escalatie_reden = models.TextField("reden escalatie", blank=True)
    geescaleerd_op = models.DateField("geëscaleerd op", null=True, blank=True)
    escalatie_uitkomst = models.TextField("uitkomst bovenregionaal expertisenetwerk", blank=True)
    escalatie_uitkomst_op = models.DateField("datum uitkomst", null=True, blank=True)
    intrekkingsreden = models.TextField("reden intrekking", blank=True)
    themas = models.ManyToManyField(Thema, verbose_name="thema's", blank=True)
    les = models.TextField("geanonimiseerde les voor de leercirkel", blank=True)

    objects = CasusQuerySet.as_manager()

    class Meta:
        verbose_name = "casus"
        verbose_name_plural = "casussen"
        ordering = ["ingediend_op"]
        # The quarter's figures find the cases that touch the quarter through the date each
        # figure counts by (#14.4), not by reading the whole history.
        indexes = [
            models.Index(fields=["ingediend_op"], name="casus_ingediend_op"),
            # The days from submission to advice: the advice's case by id, without its row.
            models.Index(fields=["id"], include=["ingediend_op"], name="casus_id_ingediend_op"),
            models.Index(fields=["besproken_op"], name="casus_besproken_op"),
            models.Index(
                fields=["geescaleerd_op"], condition=models.Q(geescaleerd_op__isnull=False), name="casus_geescaleerd_op"
            ),
            models.Index(
                fields=["escalatie_uitkomst_op"],
                condition=models.Q(escalatie_uitkomst_op__isnull=False),
                name="casus_uitkomst_op",
            ),
        ]

    def __str__(self):
        return f"Casus {self.pk}"

    @property
    def uid(self) -> str:
        """One calendar UID per case: a moved or cancelled meeting updates the same event."""
        return f"experttafel-casus-{self.pk}@jeugdhulp-flevoland.nl"


class Deelnemer(models.Model):
    class Soort(models.TextChoices):
        INBRENGER = "inbrenger", "Toegangsteam of GI (inbrenger)"
        OUDER = "ouder", "Ouder"
        JEUGDIGE = "jeugdige", "Jeugdige"
        ONDERWIJS = "onderwijs", "School"
        KERNTEAM = "kernteam", "Kernteam"
        OVERIG = "overig", "Overig"

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="deelnemers")
    soort = models.CharField("soort", max_length=10, choices=Soort.choices)
    naam = models.CharField("naam", max_length=120)
    organisatie = models.CharField("organisatie", max_length=120, blank=True)
    email = models.EmailField("e-mailadres")
    uitgenodigd_op = models.DateTimeField("uitgenodigd op", null=True, blank=True)

    class Meta:
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        ordering = ["soort", "naam"]


class Advies(models.Model):
    casus = models.OneToOneField(Casus, on_delete=models.PROTECT, related_name="advies")
    tekst = models.TextField("advies")
    perspectief = models.TextField("perspectief voor kind en gezin")
    geschreven_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField("datum advies")
    aanbieders = models.ManyToManyField(
        Aanbieder,
        verbose_name="aanbieders in het advies",
        blank=True,
        related_name="+",
        help_text="Het advies is ook voor hen bepalend: elk legt de eigen opvolging vast.",
    )

    class Meta:
        verbose_name = "advies"
        verbose_name_plural = "adviezen"
        indexes = [models.Index(fields=["datum"], include=["casus"], name="advies_datum")]


class Opvolging(models.Model):
    """The follow-up of the advice by one party: the municipality (aanbieder empty) or a provider
    named in the advice. The advice is decisive for each of them."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="opvolgingen")
    aanbieder = models.ForeignKey(
        Aanbieder, verbose_name="aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opgevolgd = models.BooleanField("advies opgevolgd")
    motivering = models.TextField("motivering bij afwijken", blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)
    # A corrected follow-up keeps its earlier version (who, when, why).
    history = HistoricalRecords(excluded_fields=["vastgelegd_op"])

    class Meta:
        verbose_name = "opvolging"
        verbose_name_plural = "opvolgingen"
        ordering = ["vastgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opgevolgd=True) | ~models.Q(motivering=""), name="afwijken_met_motivering"
            ),
            models.UniqueConstraint(
                fields=["casus", "aanbieder"], nulls_distinct=False, name="opvolging_een_per_partij"
            ),
        ]
        # "Did any party deviate?" per case of the quarter: a look-up in the few deviations.
        indexes = [models.Index(fields=["casus"], condition=models.Q(opgevolgd=False), name="opvolging_afgeweken")]

    @property
    def partij(self) -> str:
        return self.aanbieder.naam if self.aanbieder_id else f"Gemeente {self.casus.gemeente.naam}"


class Leerevaluatie(models.Model):
    """Actieleren after an out-of-home placement: due when a stay ends in a uhp_* follow-up."""

    class Soort(models.TextChoices):
        CRISIS = "crisis", "Crisishulp (CCP)"
        PLAATSING = "plaatsing", "Plaatsing (servicepunt)"

    soort = models.CharField("verblijf", max_length=10, choices=Soort.choices)
    bron_id = models.PositiveIntegerField("id van het verblijf")
    gemeente = models.ForeignKey(Gemeente, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+")
    vervolg = models.CharField("vervolg", max_length=40)
    einddatum = models.DateField("einde verblijf")
    uiterlijk = models.DateField("uiterlijk", db_index=True)
    gehouden_op = models.DateField("gehouden op", null=True, blank=True)
    wie = models.TextField("wie namen deel", blank=True)
    geleerd = models.TextField("wat is geleerd (geanonimiseerd)", blank=True)
    thema = models.ForeignKey(Thema, verbose_name="thema", null=True, blank=True, on_delete=models.PROTECT)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "leerevaluatie (actieleren)"
        verbose_name_plural = "leerevaluaties (actieleren)"
        ordering = ["uiterlijk", "pk"]
        constraints = [models.UniqueConstraint(fields=["soort", "bron_id"], name="leerevaluatie_een_per_verblijf")]
        # Index-only counts of the quarter (#14.4): due by end date; held by held-on date, whose
        # NULL part (never held) with the end date is what is open at a quarter's end.
        indexes = [
            models.Index(fields=["einddatum"], name="leerevaluatie_einddatum"),
            models.Index(
                fields=["gehouden_op", "einddatum"], include=["uiterlijk", "thema"], name="leerevaluatie_gehouden_op"
            ),
        ]

    def __str__(self):
        return f"Leerevaluatie {self.pk}"
