from django import forms

from kern.models import (
    Aanbieder,
    Alternatief,
    Gemeente,
    Hulpvorm,
    RedenGeenInzet,
    VervolgAmbulant,
    VervolgVerblijf,
    Voorziening,
    valideer_bsn,
    valideer_geboortedatum,
)
from kern.velden import DatumFormVeld, DatumInput, voorwaardelijk

from .models import Aanmelding
from .regels import LOKAAL_TEAM


class AanmeldForm(forms.Form):
    voornaam = forms.CharField(label="Voornaam", max_length=80)
    achternaam = forms.CharField(label="Achternaam", max_length=120)
    geboortedatum = DatumFormVeld(label="Geboortedatum", widget=DatumInput(), validators=[valideer_geboortedatum])
    bsn = forms.CharField(
        label="BSN",
        required=False,
        max_length=9,
        validators=[valideer_bsn],
        help_text="9 cijfers; laat leeg als het BSN niet bekend is.",
    )
    gemeente = forms.ModelChoiceField(label="Woongemeente", queryset=Gemeente.objects.all(), to_field_name="code")
    hulpvraag = forms.ChoiceField(label="Hulpvraag", choices=Aanmelding.Hulpvraag.choices, widget=forms.RadioSelect)
    bron = forms.ChoiceField(
        label="Bron", choices=[c for c in Aanmelding.Bron.choices if c[0] != "historisch"], required=False
    )
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.gemeente_id:
            self.fields["gemeente"].queryset = Gemeente.objects.filter(code=user.gemeente_id)
            self.fields["gemeente"].initial = user.gemeente_id
        if user is None or user.rol != "ccp":
            del self.fields["bron"]


class TriageForm(forms.Form):
    # No default: the CCP chooses the severity itself (an unchosen 'Acuut' skewed the figures).
    ernst = forms.ChoiceField(label="Ernst", choices=[("", "— kies —")] + Aanmelding.Ernst.choices)
    aard = forms.CharField(label="Aard van de crisis", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    geconsulteerd = forms.ModelMultipleChoiceField(
        label="Geconsulteerd",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Aanbieder.objects.filter(code__in=["ggz_centraal", "svmn", "veilig_thuis"]),
    )


class GeenInzetForm(forms.Form):
    reden = forms.ModelChoiceField(label="Reden geen inzet", queryset=RedenGeenInzet.objects.filter(actief=True))
    alternatief = voorwaardelijk(
        forms.ModelChoiceField(
            label="Welk alternatief", queryset=Alternatief.objects.filter(actief=True), required=False
        ),
        "alleen bij de reden 'alternatief voorhanden'",
    )
    alternatief_toelichting = voorwaardelijk(
        forms.CharField(label="Toelichting bij het alternatief", max_length=300, required=False),
        "verplicht bij 'Anders'",
    )


class InzetForm(forms.Form):
    hulpvorm = forms.ModelChoiceField(label="Hulpvorm", queryset=Hulpvorm.objects.filter(actief=True))
    voorziening = voorwaardelijk(
        forms.ModelChoiceField(
            label="Crisisvoorziening",
            required=False,
            queryset=Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=False),
        ),
        "verplicht bij een verblijf",
    )
    startdatum = DatumFormVeld(label="Startdatum", widget=DatumInput())
    verwachte_einddatum = DatumFormVeld(label="Verwachte einddatum", widget=DatumInput(), required=False)
    ambulant_door = voorwaardelijk(
        forms.ChoiceField(
            label="Ambulante hulp bij verblijf",
            required=False,
            help_text="Een verblijf kan alleen samen met ambulante hulp: kies de ambulante inzet, "
            "of het lokale team van de gemeente.",
        ),
        "verplicht bij een verblijf",
    )
    boven_capaciteit = forms.BooleanField(
        label="Boven capaciteit plaatsen (acuut onveilige situatie)",
        required=False,
        help_text="Alleen als de voorziening vol is en de jeugdige nu niet veilig is; "
        "de plaatsing wordt gemeld aan de functioneel eigenaar en telt mee in de kwartaalcijfers.",
    )
    boven_capaciteit_reden = voorwaardelijk(
        forms.CharField(
            label="Reden plaatsing boven capaciteit",
            required=False,
            help_text="Zonder naam of BSN: de reden gaat naar de functioneel eigenaar.",
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        "verplicht bij plaatsen boven capaciteit",
    )

    def __init__(self, *args, aanmelding: Aanmelding | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices in words: this referral's ambulant deployments and the local team (the
        # service and the API speak ids and 'lokaal_team'; a page never shows a code).
        ambulant = [i for i in aanmelding.inzetten.all() if not i.hulpvorm.verblijf] if aanmelding else []
        team = f"Het lokale team van {aanmelding.gemeente}" if aanmelding else "Het lokale team"
        self.fields["ambulant_door"].choices = (
            [("", "— niet van toepassing (ambulant) —")]
            + [
                (str(i.pk), f"{i.hulpvorm} door {i.aanbieder or 'onbekend'} vanaf {i.startdatum:%d-%m-%Y}")
                for i in ambulant
            ]
            + [(LOKAAL_TEAM, team)]
        )
        self.gemeente = aanmelding.gemeente if aanmelding else None

    def clean(self):
        d = super().clean()
        hulpvorm = d.get("hulpvorm")
        if hulpvorm is not None and hulpvorm.verblijf and not d.get("ambulant_door"):
            self.add_error(
                "ambulant_door",
                "Een verblijf kan alleen samen met ambulante hulp: kies de ambulante inzet van deze "
                f"aanmelding, of {'het lokale team van ' + str(self.gemeente) if self.gemeente else 'het lokale team'}.",
            )
        return d


class AfsluitenForm(forms.Form):
    einddatum = DatumFormVeld(label="Einddatum", widget=DatumInput(), niet_in_toekomst=True)
    vervolg = forms.ChoiceField(label="Vervolg")

    def __init__(self, *args, verblijf: bool, **kwargs):
        super().__init__(*args, **kwargs)
        lijst = VervolgVerblijf if verblijf else VervolgAmbulant
        self.fields["vervolg"].choices = [("", "— kies —")] + [
            (c.code, c.label) for c in lijst.objects.filter(actief=True)
        ]


class PlanForm(forms.Form):
    perspectiefplan_datum = DatumFormVeld(label="Perspectiefplan vastgesteld op", widget=DatumInput())
    evaluatie_op = DatumFormVeld(
        label="Evaluatie gehouden op (binnen twee weken na opname)", required=False, widget=DatumInput()
    )


class WeigerForm(forms.Form):
    reden = forms.ChoiceField(label="Reden")
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        from kern.models import Weigerreden

        super().__init__(*args, **kwargs)
        self.fields["reden"].choices = [(w.code, w.label) for w in Weigerreden.objects.filter(actief=True)]


class KwartaalForm(forms.Form):
    kwartaal = forms.RegexField(
        label="Kwartaal", regex=r"^\d{4}-Q[1-4]$", error_messages={"invalid": "Schrijf het kwartaal als 2026-Q3."}
    )
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Gemeente.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Hele regio",
    )


class CorrectieReden(forms.Form):
    reden = forms.CharField(
        label="Reden van de correctie",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht: de oude waarde blijft met deze reden zichtbaar in de geschiedenis.",
    )


class InzetCorrectieForm(CorrectieReden):
    """Prefilled with the registered values; only what differs is corrected."""

    startdatum = DatumFormVeld(label="Startdatum", required=False, niet_in_toekomst=True)
    einddatum = DatumFormVeld(label="Einddatum", required=False, niet_in_toekomst=True)
    vervolg = forms.ChoiceField(label="Vervolg", required=False)
    hulpvorm = forms.ModelChoiceField(label="Hulpvorm", queryset=Hulpvorm.objects.filter(actief=True), required=False)
    voorziening = forms.ModelChoiceField(
        label="Crisisvoorziening",
        required=False,
        queryset=Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=False),
    )

    def __init__(self, *args, inzet, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "startdatum": inzet.startdatum,
                "einddatum": inzet.einddatum,
                "vervolg": getattr(
                    inzet.vervolg_verblijf if inzet.hulpvorm.verblijf else inzet.vervolg_ambulant, "code", ""
                ),
                "hulpvorm": inzet.hulpvorm_id,
                "voorziening": inzet.voorziening_id,
            },
        )
        super().__init__(*args, **kwargs)
        lijst = VervolgVerblijf if inzet.hulpvorm.verblijf else VervolgAmbulant
        self.fields["vervolg"].choices = [("", "— niet van toepassing —")] + [
            (c.code, c.label) for c in lijst.objects.filter(actief=True)
        ]
        if not inzet.hulpvorm.verblijf:
            del self.fields["voorziening"]
            del self.fields["hulpvorm"]
        if inzet.einddatum is None:
            del self.fields["einddatum"]
            del self.fields["vervolg"]


class AanmeldingCorrectieForm(CorrectieReden):
    hulpvraag = forms.ChoiceField(label="Hulpvraag", choices=Aanmelding.Hulpvraag.choices, required=False)
    ernst = forms.ChoiceField(
        label="Ernst", choices=[("", "— niet getrieerd —")] + Aanmelding.Ernst.choices, required=False
    )
    reden_geen = forms.ModelChoiceField(
        label="Reden geen inzet", queryset=RedenGeenInzet.objects.filter(actief=True), required=False
    )

    def __init__(self, *args, aanmelding, **kwargs):
        kwargs.setdefault(
            "initial",
            {"hulpvraag": aanmelding.hulpvraag, "ernst": aanmelding.ernst, "reden_geen": aanmelding.reden_geen_id},
        )
        super().__init__(*args, **kwargs)
        if aanmelding.reden_geen_id is None:
            del self.fields["reden_geen"]
        if aanmelding.getrieerd_op is None:
            del self.fields["ernst"]
