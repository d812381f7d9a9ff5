from django import forms

from kern.models import Aanbieder, Gemeente, valideer_bsn, valideer_geboortedatum
from kern.velden import DatumFormVeld, DatumInput, voorwaardelijk

from .models import Casus, Deelnemer, Domein, Sessie, Thema


class InbrengForm(forms.Form):
    toestemming = forms.BooleanField(
        label="Ouders en jeugdige geven toestemming om hun gegevens te delen",
        required=False,
        help_text="Zonder toestemming brengt u de casus geanonimiseerd in: laat naam en geboortedatum leeg.",
    )
    voornaam = voorwaardelijk(
        forms.CharField(label="Voornaam jeugdige", required=False, max_length=80), "verplicht bij toestemming"
    )
    achternaam = voorwaardelijk(
        forms.CharField(label="Achternaam jeugdige", required=False, max_length=120), "verplicht bij toestemming"
    )
    geboortedatum = voorwaardelijk(
        DatumFormVeld(label="Geboortedatum", required=False, widget=DatumInput(), validators=[valideer_geboortedatum]),
        "verplicht bij toestemming",
    )
    bsn = forms.CharField(label="BSN", required=False, max_length=9, validators=[valideer_bsn])
    gemeente = forms.ModelChoiceField(
        label="Gemeente van de jeugdige", queryset=Gemeente.objects.filter(in_regio=True), to_field_name="code"
    )
    gezinssituatie = forms.CharField(label="Jeugdige en gezin", widget=forms.Textarea(attrs={"rows": 3}))
    vraag = forms.CharField(label="Vraag aan de experttafel", widget=forms.Textarea(attrs={"rows": 3}))
    geprobeerd = forms.CharField(
        label="Wat is lokaal geprobeerd, en waarom paste dat niet?", widget=forms.Textarea(attrs={"rows": 4})
    )
    domeinen = forms.ModelMultipleChoiceField(
        label="Betrokken domeinen", queryset=Domein.objects.filter(actief=True), widget=forms.CheckboxSelectMultiple
    )
    urgentie = forms.ChoiceField(label="Urgentie", choices=Casus.Urgentie.choices)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.gemeente_id:
            self.fields["gemeente"].queryset = Gemeente.objects.filter(code=user.gemeente_id)
            self.fields["gemeente"].initial = user.gemeente_id

    def clean(self):
        d = super().clean()
        persoon = [k for k in ("voornaam", "achternaam", "geboortedatum", "bsn") if d.get(k)]
        if d.get("toestemming"):
            for k in ("voornaam", "achternaam", "geboortedatum"):
                if not d.get(k):
                    self.add_error(k, "Vul dit in; met toestemming brengt u de casus met naam in.")
        elif persoon:
            self.add_error(
                "toestemming",
                "Zonder toestemming kunt u alleen een geanonimiseerde casus inbrengen: "
                "laat naam, geboortedatum en BSN leeg.",
            )
        return d


class AgendaForm(forms.Form):
    sessie = forms.ModelChoiceField(label="Sessie", queryset=Sessie.objects.filter(geannuleerd=False))


class DeelnemerForm(forms.ModelForm):
    class Meta:
        model = Deelnemer
        fields = ["soort", "naam", "organisatie", "email"]


class AdviesForm(forms.Form):
    tekst = forms.CharField(label="Advies", widget=forms.Textarea(attrs={"rows": 5}))
    perspectief = forms.CharField(label="Perspectief voor kind en gezin", widget=forms.Textarea(attrs={"rows": 3}))
    aanbieders = forms.ModelMultipleChoiceField(
        label="Aanbieders die het advies uitvoeren",
        queryset=Aanbieder.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Het advies is ook voor hen bepalend: elke aanbieder legt de eigen opvolging vast.",
    )


class OpvolgingForm(forms.Form):
    opgevolgd = forms.TypedChoiceField(
        label="Volgt u het advies?",
        choices=[("ja", "Ja, het advies wordt gevolgd"), ("nee", "Nee, wij wijken af")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    motivering = voorwaardelijk(
        forms.CharField(label="Motivering", required=False, widget=forms.Textarea(attrs={"rows": 3})),
        "verplicht als u afwijkt",
    )
    aanbieder = forms.ModelChoiceField(
        label="Partij",
        queryset=Aanbieder.objects.none(),
        required=False,
        empty_label="De gemeente",
        help_text="Voor wie legt u de opvolging vast?",
    )

    def __init__(self, *args, aanbieders=None, **kwargs):
        super().__init__(*args, **kwargs)
        if aanbieders is not None:
            self.fields["aanbieder"].queryset = aanbieders


class EscalatieUitkomstForm(forms.Form):
    uitkomst = forms.CharField(
        label="Uitkomst bovenregionaal expertisenetwerk", widget=forms.Textarea(attrs={"rows": 3})
    )
    datum = DatumFormVeld(label="Datum uitkomst", widget=DatumInput())


class RedenForm(forms.Form):
    reden = forms.CharField(label="Reden", widget=forms.Textarea(attrs={"rows": 2}))


class SluitenForm(forms.Form):
    themas = forms.ModelMultipleChoiceField(
        label="Thema's voor de leercirkel",
        queryset=Thema.objects.filter(actief=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    les = forms.CharField(
        label="Geanonimiseerde les (geen namen)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtraSessieForm(forms.Form):
    datum = DatumFormVeld(label="Datum", widget=DatumInput())
    plaats = forms.CharField(label="Plaats", required=False, max_length=200)
    capaciteit = forms.IntegerField(label="Aantal casussen", required=False, min_value=0, max_value=20)


class VerplaatsenForm(forms.Form):
    datum = DatumFormVeld(label="Nieuwe datum", widget=DatumInput())


class AnnulerenForm(forms.Form):
    reden = forms.CharField(label="Reden annulering", max_length=300)


class LeerevaluatieForm(forms.Form):
    gehouden_op = DatumFormVeld(label="Gehouden op", widget=DatumInput())
    wie = forms.CharField(
        label="Wie namen deel (functies of organisaties, geen namen van het gezin)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    geleerd = forms.CharField(label="Wat is geleerd (geanonimiseerd)", widget=forms.Textarea(attrs={"rows": 4}))
    thema = forms.ModelChoiceField(label="Thema", queryset=Thema.objects.filter(actief=True))


class OpvolgingCorrectieForm(OpvolgingForm):
    """A recorded follow-up corrected: the party, the corrected answer and a required reason."""

    reden = forms.CharField(
        label="Reden van de correctie",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht: de vorige opvolging blijft met deze reden zichtbaar in de geschiedenis.",
    )
