"""Reference data shared by the region, and the youth (Jeugdige) shared by all functions.

Code lists use their stable `code` as primary key, so a foreign key stores the code itself:
figures group on it without joins, and no code ever compares against a label.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords
from stdnum.nl import bsn as stdnum_bsn

from .querysets import JeugdigeQuerySet

LEEFTIJDSGRENS = 12  # the region splits every crisis figure in 12- and 12+


class Codelijst(models.Model):
    code = models.SlugField("code", primary_key=True, max_length=40)
    label = models.CharField("omschrijving", max_length=120)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True)

    # Functional administration edits the code lists in /beheer/; who changed what stays visible.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["volgorde", "code"]

    def __str__(self):
        return self.label


class Hulpvorm(Codelijst):
    verblijf = models.BooleanField("met verblijf", default=False)

    class Meta(Codelijst.Meta):
        verbose_name = "hulpvorm"
        verbose_name_plural = "hulpvormen"


class RedenGeenInzet(Codelijst):
    class Meta(Codelijst.Meta):
        verbose_name = "reden geen inzet"
        verbose_name_plural = "redenen geen inzet"


class Alternatief(Codelijst):
    """Which alternative, when the reason for no deployment is 'alternatief voorhanden'."""

    class Meta(Codelijst.Meta):
        verbose_name = "alternatief"
        verbose_name_plural = "alternatieven"


class VervolgAmbulant(Codelijst):
    class Meta(Codelijst.Meta):
        verbose_name = "vervolg na ambulante crisishulp"
        verbose_name_plural = "vervolg na ambulante crisishulp"


class VervolgVerblijf(Codelijst):
    class Meta(Codelijst.Meta):
        verbose_name = "vervolg na crisishulp met verblijf"
        verbose_name_plural = "vervolg na crisishulp met verblijf"


class Weigerreden(Codelijst):
    class Meta(Codelijst.Meta):
        verbose_name = "reden weigering door aanbieder"
        verbose_name_plural = "redenen weigering door aanbieder"


class Voorzieningtype(Codelijst):
    hulpvorm = models.ForeignKey(
        Hulpvorm,
        verbose_name="crisishulpvorm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Voor crisisvoorzieningen: de hulpvorm waarmee een verblijf hier wordt ingezet.",
    )

    class Meta(Codelijst.Meta):
        verbose_name = "voorzieningtype"
        verbose_name_plural = "voorzieningtypen"


class Gemeente(models.Model):
    code = models.SlugField("code", primary_key=True, max_length=40)
    naam = models.CharField("naam", max_length=80)
    cbs_code = models.CharField("CBS-code", max_length=6, blank=True)
    in_regio = models.BooleanField("in de regio", default=True)
    ccp_loket = models.BooleanField(
        "ambulante crisishulp via het CCP-loket",
        default=False,
        help_text="Gemeenten zonder loket organiseren ambulante crisishulp in hun eigen lokale team.",
    )
    lokaal_team = models.CharField("lokaal team", max_length=120, blank=True)
    lokaal_team_telefoon = models.CharField("telefoon lokaal team", max_length=40, blank=True)
    vergaderplaats = models.CharField(
        "vergaderplaats (stadhuis of gemeentehuis)",
        max_length=200,
        blank=True,
        help_text="Waar de experttafel een casus van deze gemeente bespreekt: in de eigen gemeente van het gezin.",
    )
    breedtegraad = models.DecimalField("breedtegraad", max_digits=8, decimal_places=5, null=True, blank=True)
    lengtegraad = models.DecimalField("lengtegraad", max_digits=8, decimal_places=5, null=True, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam

    def afstand_km(self, andere: "Gemeente") -> float | None:
        """Great-circle distance between two municipalities' centres, for 'close to home'."""
        import math

        if None in (self.breedtegraad, self.lengtegraad, andere.breedtegraad, andere.lengtegraad):
            return None
        lat1, lon1, lat2, lon2 = map(
            math.radians, map(float, (self.breedtegraad, self.lengtegraad, andere.breedtegraad, andere.lengtegraad))
        )
        a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        return 6371 * 2 * math.asin(math.sqrt(a))


class Aanbieder(models.Model):
    code = models.SlugField("code", primary_key=True, max_length=40)
    naam = models.CharField("naam", max_length=120)
    ccp_ambulant = models.BooleanField("levert ambulante crisishulp voor het CCP", default=False)

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Voorziening(models.Model):
    naam = models.CharField("naam", max_length=120)
    aanbieder = models.ForeignKey(
        Aanbieder, verbose_name="aanbieder", on_delete=models.PROTECT, related_name="voorzieningen"
    )
    type = models.ForeignKey(Voorzieningtype, verbose_name="type", on_delete=models.PROTECT)
    gemeente = models.ForeignKey(Gemeente, verbose_name="locatie (gemeente)", on_delete=models.PROTECT)
    leeftijd_min = models.PositiveSmallIntegerField("leeftijd vanaf", default=0)
    leeftijd_max = models.PositiveSmallIntegerField("leeftijd tot en met", default=17)
    capaciteit = models.PositiveSmallIntegerField("aantal plaatsen")
    bevestigd_op = models.DateTimeField("capaciteit laatst bevestigd op", null=True, blank=True)
    aanbod = models.TextField("wat de voorziening biedt", blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "voorziening"
        verbose_name_plural = "voorzieningen"
        ordering = ["type__volgorde", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leeftijd_min__lte=models.F("leeftijd_max")), name="voorziening_leeftijd_volgorde"
            )
        ]

    def __str__(self):
        return self.naam

    @property
    def leeftijdsgroep(self) -> str | None:
        """'12-' or '12+' when the age range lies wholly on one side of 12; None when mixed."""
        if self.leeftijd_max < LEEFTIJDSGRENS:
            return "12-"
        if self.leeftijd_min >= LEEFTIJDSGRENS:
            return "12+"
        return None

    def past_leeftijd(self, leeftijd: int) -> bool:
        return self.leeftijd_min <= leeftijd <= self.leeftijd_max


class Sluitingsdag(models.Model):
    """A closing day of the loket beyond the general holidays, e.g. a bridge day."""

    datum = models.DateField("datum", unique=True)
    omschrijving = models.CharField("omschrijving", max_length=120)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sluitingsdag"
        verbose_name_plural = "sluitingsdagen"
        ordering = ["datum"]

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"


class Regioinstelling(models.Model):
    """The region's agreements, one row: the one place every function reads a regional setting
    from (Regioinstelling.huidige()), changed by functional administration in /beheer/ with its
    history, without a release. Without a row the defaults below apply."""

    # Crisis (CCP)
    reactietermijn_werkuren = models.DecimalField(
        "reactietermijn aanbieder (werkuren)",
        max_digits=4,
        decimal_places=1,
        default=2,
        help_text="Binnen zoveel werkuren accepteert of weigert een aanbieder een toewijzing; daarna ziet het "
        "CCP een signaal op het dagoverzicht.",
    )
    lang_verblijf_dagen = models.PositiveSmallIntegerField(
        "lang crisisverblijf na (dagen)",
        default=28,
        help_text="Een crisisverblijf dat zo lang of langer loopt, is een signaal op het dagoverzicht en het bord.",
    )
    inzage_na_einde_dagen = models.PositiveSmallIntegerField(
        "inzage aanbieder na einde inzet (dagen)",
        default=14,
        help_text="Zo lang na het einde van haar inzet leest een aanbieder de aanmelding nog (nawerk: einde en "
        "vervolg corrigeren, verslag); daarna niet meer. Toegang volgt de huidige noodzaak.",
    )
    crisiscapaciteit_verouderd_na_uren = models.PositiveSmallIntegerField(
        "capaciteit crisisplekken verouderd na (uren)",
        default=24,
        help_text="Een crisisvoorziening waarvan de capaciteit langer niet is bevestigd, valt op het bord op.",
    )
    crisisdienst_naam = models.CharField("24-uurs crisisdienst", max_length=120, default="24-uurs crisisdienst")
    crisisdienst_telefoon = models.CharField(
        "telefoon 24-uurs crisisdienst", max_length=40, blank=True, default="0800-1234567"
    )
    # Servicepunt
    capaciteit_verouderd_na_dagen = models.PositiveSmallIntegerField(
        "capaciteit 24-uurszorg verouderd na (dagen)",
        default=7,
        help_text="Een voorziening voor 24-uurszorg waarvan de capaciteit langer niet is bevestigd, valt op het "
        "overzicht van het servicepunt op.",
    )
    # Regionale experttafel
    capaciteit_per_sessie = models.PositiveSmallIntegerField("casussen per sessie", default=4)
    begintijd = models.TimeField("begintijd experttafel", default=datetime.time(13, 30))
    eindtijd = models.TimeField("eindtijd experttafel", default=datetime.time(17, 0))
    standaard_plaats = models.CharField(
        "vergaderplaats van de tafel",
        max_length=200,
        default="Stadhuis Lelystad, Stadhuisplein 2, Lelystad",
        help_text="Voor casussen van de GI en van buiten de regio; andere casussen in de eigen gemeente van het gezin.",
    )
    tijdslot_minuten = models.PositiveSmallIntegerField("tijdslot per casus (minuten)", default=45)
    organisator_naam = models.CharField(
        "organisator uitnodigingen", max_length=120, default="Voorzitter regionale experttafel Flevoland"
    )
    organisator_email = models.EmailField("e-mailadres organisator", default="experttafel@jeugdhulp-flevoland.nl")
    leerevaluatie_termijn_dagen = models.PositiveSmallIntegerField(
        "actieleren uiterlijk (dagen na het einde van het verblijf)", default=42
    )
    # Perspectiefregie
    na_18_vanaf_leeftijd = models.PositiveSmallIntegerField(
        "plan voor na 18 vanaf leeftijd", default=16, help_text="Vanaf deze leeftijd hoort er een plan voor na 18."
    )
    na_18_dagen_na_opname = models.PositiveSmallIntegerField(
        "plan voor na 18 uiterlijk (dagen na opname)",
        default=42,
        help_text="Het plan voor na 18 is klaar binnen deze termijn na de opname, of op de verjaardag "
        "waarop de jeugdige die leeftijd bereikt, als die later valt.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "regionale instellingen"
        verbose_name_plural = "regionale instellingen"

    def __str__(self):
        return "Regionale instellingen"

    def clean(self):
        super().clean()
        if self.begintijd and self.eindtijd and self.eindtijd <= self.begintijd:
            raise ValidationError({"eindtijd": "De eindtijd van de experttafel ligt na de begintijd."})

    @classmethod
    def huidige(cls) -> "Regioinstelling":
        """The one accessor: one query, whatever the data (the defaults when no row exists yet)."""
        return cls.objects.order_by("pk").first() or cls()


def valideer_bsn(waarde: str) -> None:
    if not stdnum_bsn.is_valid(waarde or ""):
        raise ValidationError("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef doorstaan.")


def valideer_geboortedatum(waarde: datetime.date) -> None:
    from django.utils import timezone

    from .datums import niet_in_toekomst

    vandaag = timezone.localdate()
    niet_in_toekomst(waarde, "geboortedatum", vandaag)
    if waarde < vandaag.replace(year=vandaag.year - 30):
        raise ValidationError("De geboortedatum ligt meer dan 30 jaar terug; jeugdhulp loopt tot 23 jaar.")


def leeftijd_op(geboortedatum: datetime.date, datum: datetime.date) -> int:
    """Age in whole years on `datum` (a 29 February birthday counts from 1 March)."""
    return datum.year - geboortedatum.year - ((datum.month, datum.day) < (geboortedatum.month, geboortedatum.day))


def leeftijdsgroep_op(geboortedatum: datetime.date, datum: datetime.date) -> str:
    return "12+" if leeftijd_op(geboortedatum, datum) >= LEEFTIJDSGRENS else "12-"


class Jeugdige(models.Model):
    class Gezag(models.TextChoices):
        OUDERS = "ouders", "Ouders"
        DERDEN = "derden", "Gezag door derden"

    class Kader(models.TextChoices):
        VRIJWILLIG = "vrijwillig", "Vrijwillig kader"
        GEDWONGEN = "gedwongen", "Gedwongen kader"

    voornaam = models.CharField("voornaam", max_length=80, blank=True)
    achternaam = models.CharField("achternaam", max_length=120, blank=True)
    geboortedatum = models.DateField("geboortedatum")
    # Not unique: each municipality keeps its own record of a youth (one per municipality and BSN,
    # see Meta); records of one person are linked by BSN inside the system, never merged.
    bsn = models.CharField("BSN", max_length=9, null=True, blank=True, validators=[valideer_bsn])
    clientnummer = models.CharField(
        "cliëntnummer",
        max_length=40,
        null=True,
        blank=True,
        unique=True,
        help_text="Opaak nummer uit oude registraties.",
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        help_text="De gemeente waarvoor deze registratie is gedaan en van wie zij is; verhuist nooit stilzwijgend.",
    )
    via_gi = models.BooleanField(
        "geregistreerd door een GI",
        default=False,
        db_default=False,  # raw COPY loads (bench) need not name it
        help_text="Wat een gecertificeerde instelling registreerde is haar eigen record, naast dat van de gemeente.",
    )
    # A GI user sees only their own referrals, so a GI record is keyed by the user who registered
    # it: another GI user's registration of the same BSN never matches, returns or changes it.
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geregistreerd door (GI)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Alleen bij een registratie via een GI: de medewerker van wie dit record is.",
    )
    gezag = models.CharField("gezag", max_length=10, choices=Gezag.choices, default=Gezag.OUDERS)
    kader = models.CharField("kader", max_length=12, choices=Kader.choices, default=Kader.VRIJWILLIG)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = JeugdigeQuerySet.as_manager()

    class Meta:
        verbose_name = "jeugdige"
        verbose_name_plural = "jeugdigen"
        ordering = ["achternaam", "voornaam"]
        constraints = [
            # One record per municipality and BSN, and one per municipality, GI user and BSN
            # (NULLs are distinct: youths without a BSN are never matched). Registering is
            # INSERT ... ON CONFLICT DO NOTHING against these.
            models.UniqueConstraint(
                fields=["gemeente", "bsn"], condition=models.Q(via_gi=False), name="jeugdige_bsn_per_gemeente_eigen"
            ),
            models.UniqueConstraint(
                fields=["gemeente", "geregistreerd_door", "bsn"],
                condition=models.Q(via_gi=True),
                name="jeugdige_bsn_per_gi_medewerker",
            ),
        ]
        # zelfde_persoon looks a person up by BSN across municipalities.
        indexes = [models.Index(fields=["bsn"], name="jeugdige_bsn_idx")]

    def __str__(self):
        # Never the name in logs or URLs: the str is the opaque record number.
        return f"Jeugdige #{self.pk}"

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip() or f"cliënt {self.clientnummer or self.pk}"

    def leeftijd(self, op: datetime.date) -> int:
        return leeftijd_op(self.geboortedatum, op)

    def leeftijdsgroep(self, op: datetime.date) -> str:
        return leeftijdsgroep_op(self.geboortedatum, op)


class Verzoeksleutel(models.Model):
    """A one-time key of a request that creates something: the hidden token of a page form, or
    the `Idempotency-Key` header of an API call. The same key of the same user answers with the
    first result instead of making a second record (kern/idempotentie.py); kept 24 hours."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sleutel = models.CharField("sleutel", max_length=200)
    # What was asked (a hash of path and body): the same key with another request is a 409.
    vingerafdruk = models.CharField("vingerafdruk", max_length=64)
    aangemaakt_op = models.DateTimeField("aangemaakt op", db_index=True)
    # The result: what was made (for the audit row of a replay and the page's redirect) and, for
    # the API, the answer itself. Status empty while the first request still runs.
    onderwerp = models.CharField("onderwerp", max_length=80, blank=True)
    object_id = models.CharField("id onderwerp", max_length=40, blank=True)
    jeugdige = models.ForeignKey(
        Jeugdige, verbose_name="jeugdige", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.PositiveSmallIntegerField("status", null=True, blank=True)
    antwoord = models.JSONField("antwoord", null=True, blank=True)

    class Meta:
        verbose_name = "verzoeksleutel"
        verbose_name_plural = "verzoeksleutels"
        constraints = [models.UniqueConstraint(fields=["gebruiker", "sleutel"], name="verzoeksleutel_per_gebruiker")]

    def __str__(self):
        return f"Verzoeksleutel {self.pk}"
