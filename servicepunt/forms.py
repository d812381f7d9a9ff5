from django import forms

from kern.models import Aanbieder, Gemeente, Voorziening, Voorzieningtype, valideer_bsn, valideer_geboortedatum
from kern.velden import DatumFormVeld, DatumInput, voorwaardelijk

from . import afwegingskader
from .models import Landschapsmelding


class BeschikkingForm(forms.Form):
    voornaam = forms.CharField(label="Voornaam jeugdige", max_length=80)
    achternaam = forms.CharField(label="Achternaam jeugdige", max_length=120)
    geboortedatum = DatumFormVeld(label="Geboortedatum", widget=DatumInput(), validators=[valideer_geboortedatum])
    bsn = forms.CharField(label="BSN", required=False, max_length=9, validators=[valideer_bsn])
    woongemeente = forms.ModelChoiceField(
        label="Gemeente van het BRP-adres vlak vóór het verblijf", queryset=Gemeente.objects.all(), to_field_name="code"
    )
    kader = forms.ChoiceField(
        label="Kader", choices=[("vrijwillig", "Vrijwillig kader"), ("gedwongen", "Gedwongen kader")]
    )
    zorgtype = forms.ModelChoiceField(
        label="Soort zorg",
        required=False,
        empty_label="Ambulante jeugdhulp (zonder verblijf)",
        queryset=Voorzieningtype.objects.filter(hulpvorm__isnull=True, actief=True),
    )
    afgegeven_op = DatumFormVeld(label="Datum afgifte beschikking", widget=DatumInput())
    aanbieder = forms.ModelChoiceField(label="Aanbieder", required=False, queryset=Aanbieder.objects.all())
    gezag_derden = forms.BooleanField(label="Gezag door derden", required=False)
    wlz_indicatie = forms.BooleanField(label="Recht op Wlz", required=False)
    buiten_regio = forms.BooleanField(label="Plaatsing buiten de regio", required=False)
    verwachte_start = DatumFormVeld(label="Verwachte start", required=False, widget=DatumInput())


class GemeenteWijzigenForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Nieuwe verantwoordelijke gemeente", queryset=Gemeente.objects.all(), to_field_name="code"
    )
    reden = forms.CharField(
        label="Reden (woonplaatsbeginsel)",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bijvoorbeeld: het BRP-adres vlak vóór het verblijf lag in een andere gemeente.",
    )


class StartForm(forms.Form):
    datum = DatumFormVeld(label="Ambulante hulp gestart op", widget=DatumInput())


class OverbruggingForm(forms.Form):
    startdatum = DatumFormVeld(label="Overbruggingshulp gestart op", widget=DatumInput())
    omschrijving = forms.CharField(label="Welke overbruggingshulp", max_length=300)


class PlaatsingForm(forms.Form):
    voorziening = voorwaardelijk(
        forms.ModelChoiceField(
            label="Voorziening",
            required=False,
            queryset=Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=True),
            help_text="Leeg laten bij een plaatsing buiten de regio.",
        ),
        "verplicht bij een plaatsing in de regio",
    )
    buiten_regio = forms.CharField(
        label="Of: voorziening buiten de regio (naam, aanbieder, plaats)",
        required=False,
        max_length=200,
        help_text="Een Flevolandse jeugdige die buiten de regio wordt geplaatst; de regisseur blijft.",
    )
    eerste_keus = forms.ModelChoiceField(
        label="Eerst passende voorziening (als die anders is)",
        required=False,
        queryset=Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=True),
    )
    startdatum = DatumFormVeld(label="Startdatum", widget=DatumInput())
    ambulant_door = forms.ChoiceField(
        label="Ambulante hulp bij het verblijf door",
        help_text="Een verblijf gaat altijd samen met ambulante hulp: het lokale team of een aanbieder.",
    )
    verwachte_duur_weken = forms.IntegerField(
        label="Verwachte duur (weken)", required=False, min_value=1, max_value=520
    )
    perspectief = forms.CharField(
        label="Perspectief na het verblijf", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        from .regels import LOKAAL_TEAM

        super().__init__(*args, **kwargs)
        self.fields["ambulant_door"].choices = [
            ("", "— kies —"),
            (LOKAAL_TEAM, "Het lokale team van de gemeente"),
            *Aanbieder.objects.order_by("naam").values_list("code", "naam"),
        ]


class EindeForm(forms.Form):
    einddatum = DatumFormVeld(label="Einddatum", widget=DatumInput(), niet_in_toekomst=True)
    vervolg = forms.CharField(label="Vervolg na het verblijf", max_length=300)
    naar_huis = forms.BooleanField(
        label="De jeugdige gaat naar huis (het traject perspectiefregie sluit)",
        required=False,
        help_text="Niet aanvinken bij een volgend verblijf: de regisseur blijft.",
    )


class MatchingForm(forms.Form):
    leeftijd = forms.IntegerField(label="Leeftijd", min_value=0, max_value=23)
    gemeente = forms.ModelChoiceField(
        label="Gemeente van de jeugdige", queryset=Gemeente.objects.filter(in_regio=True), to_field_name="code"
    )
    ernst = forms.ChoiceField(
        label="Ernst van de problemen", choices=[("licht", "Licht"), ("matig", "Matig"), ("zwaar", "Zwaar")]
    )
    complexiteit = forms.ChoiceField(
        label="Complexiteit",
        choices=[("enkelvoudig", "Enkelvoudig"), ("meervoudig", "Meervoudig"), ("complex", "Complex")],
    )
    probleemgebieden = forms.MultipleChoiceField(
        label="Probleemgebieden (CAP-J)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(afwegingskader.PROBLEEMGEBIEDEN.items()),
    )
    gezinsfactoren = forms.MultipleChoiceField(
        label="Gezinsfactoren",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(afwegingskader.GEZINSFACTOREN.items()),
    )
    eerdere_jeugdhulp = forms.IntegerField(
        label="Aantal eerdere (afgebroken) jeugdhulptrajecten", min_value=0, max_value=50, initial=0
    )
    motivatie_ouders = forms.ChoiceField(
        label="Motivatie ouders", choices=[("laag", "Laag"), ("matig", "Matig"), ("hoog", "Hoog")], initial="matig"
    )


class LandschapForm(forms.ModelForm):
    """A provider reports only for itself: it is offered its own facilities (not all of the
    region's), and another provider's id is an ordinary field error that keeps the typed text."""

    class Meta:
        model = Landschapsmelding
        fields = ["aanbieder", "voorziening", "soort", "ingangsdatum", "toelichting"]
        field_classes = {"ingangsdatum": DatumFormVeld}
        widgets = {"ingangsdatum": DatumInput(), "toelichting": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voorziening"].queryset = Voorziening.objects.filter(actief=True).order_by("naam")
        self.fields["voorziening"].empty_label = "De hele organisatie"
        if user is not None and user.aanbieder_id:
            self.fields["aanbieder"].queryset = Aanbieder.objects.filter(pk=user.aanbieder_id)
            self.fields["aanbieder"].initial = user.aanbieder_id
            self.fields["aanbieder"].empty_label = None
            self.fields["voorziening"].queryset = self.fields["voorziening"].queryset.filter(
                aanbieder_id=user.aanbieder_id
            )


class CapaciteitForm(forms.Form):
    capaciteit = forms.IntegerField(label="Aantal plaatsen", min_value=0, max_value=1000)


class _CorrectieReden(forms.Form):
    reden = forms.CharField(
        label="Reden van de correctie",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht: de oude waarde blijft met deze reden zichtbaar in de geschiedenis.",
    )


class BeschikkingCorrectieForm(_CorrectieReden):
    """Prefilled with the registered values; only what differs is corrected."""

    afgegeven_op = DatumFormVeld(label="Datum afgifte", required=False, niet_in_toekomst=True)
    ambulant_gestart_op = DatumFormVeld(label="Ambulante hulp gestart op", required=False, niet_in_toekomst=True)

    def __init__(self, *args, beschikking, **kwargs):
        kwargs.setdefault(
            "initial",
            {"afgegeven_op": beschikking.afgegeven_op, "ambulant_gestart_op": beschikking.ambulant_gestart_op},
        )
        super().__init__(*args, **kwargs)
        if beschikking.ambulant_gestart_op is None:
            del self.fields["ambulant_gestart_op"]


class PlaatsingCorrectieForm(_CorrectieReden):
    startdatum = DatumFormVeld(label="Startdatum", required=False, niet_in_toekomst=True)
    einddatum = DatumFormVeld(label="Einddatum", required=False, niet_in_toekomst=True)
    vervolg = forms.CharField(label="Vervolg", required=False, max_length=300)

    def __init__(self, *args, plaatsing, **kwargs):
        kwargs.setdefault(
            "initial",
            {"startdatum": plaatsing.startdatum, "einddatum": plaatsing.einddatum, "vervolg": plaatsing.vervolg},
        )
        super().__init__(*args, **kwargs)
        if plaatsing.einddatum is None:
            del self.fields["einddatum"]
            del self.fields["vervolg"]
