from django import forms

from accounts.models import Gebruiker
from kern.velden import DatumFormVeld, DatumInput, voorwaardelijk

from .models import Jim, Perspectiefplan


class RegisseurForm(forms.Form):
    regisseur = forms.ModelChoiceField(label="Regisseur", queryset=Gebruiker.objects.none())
    reden = voorwaardelijk(
        forms.CharField(label="Reden van de wissel", required=False, max_length=300),
        "verplicht als er al een regisseur is",
    )

    def __init__(self, *args, gemeente_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = Gebruiker.objects.filter(
            rol="toegang", gemeente_id=gemeente_id, is_active=True
        )
        self.fields["regisseur"].label_from_instance = lambda u: u.get_full_name() or u.username


class PlanForm(forms.ModelForm):
    class Meta:
        model = Perspectiefplan
        fields = [
            "soort",
            "vastgesteld_op",
            "evaluatie_op",
            "doelen",
            "terugkeer",
            "wie_doet_wat",
            "wonen",
            "inkomen",
            "school_werk",
            "zorg_18plus",
            "volgende_evaluatie",
        ]
        field_classes = {
            "vastgesteld_op": DatumFormVeld,
            "evaluatie_op": DatumFormVeld,
            "volgende_evaluatie": DatumFormVeld,
        }
        widgets = {
            "vastgesteld_op": DatumInput(),
            "evaluatie_op": DatumInput(),
            "volgende_evaluatie": DatumInput(),
            **{
                f: forms.Textarea(attrs={"rows": 2})
                for f in ("doelen", "terugkeer", "wie_doet_wat", "wonen", "inkomen", "school_werk", "zorg_18plus")
            },
        }


class JimForm(forms.ModelForm):
    class Meta:
        model = Jim
        fields = ["naam", "relatie", "telefoon", "email"]


class SluitForm(forms.Form):
    reden = forms.ChoiceField(
        label="Reden",
        choices=[("thuis", "De jeugdige is thuis"), ("18_zonder_zorg", "18 jaar of ouder, zonder zorg")],
    )
    datum = DatumFormVeld(label="Datum", niet_in_toekomst=True)


class PlanCorrectieForm(forms.Form):
    """A plan's dates and texts, prefilled; what differs is corrected, with a required reason."""

    reden = forms.CharField(
        label="Reden van de correctie",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht: de vorige versie blijft met deze reden zichtbaar in de geschiedenis.",
    )
    vastgesteld_op = DatumFormVeld(label="Vastgesteld op", required=False, niet_in_toekomst=True)
    evaluatie_op = DatumFormVeld(label="Evaluatie gehouden op", required=False, niet_in_toekomst=True)
    terugkeer = forms.CharField(
        label="Perspectief op terugkeer naar huis", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, instance_plan, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "vastgesteld_op": instance_plan.vastgesteld_op,
                "evaluatie_op": instance_plan.evaluatie_op,
                "terugkeer": instance_plan.terugkeer,
            },
        )
        super().__init__(*args, **kwargs)
