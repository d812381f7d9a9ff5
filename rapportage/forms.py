from django import forms
from django.utils import timezone

from kern.aggregaties import Kwartaal
from kern.models import Gemeente


def recente_kwartalen(aantal: int = 12) -> list[str]:
    k = Kwartaal.van_datum(timezone.localdate())
    uit = []
    for _ in range(aantal):
        uit.append(str(k))
        k = k.vorige()
    return uit


class AanvraagForm(forms.Form):
    kwartaal = forms.ChoiceField(label="Kwartaal")
    gemeente = forms.ModelChoiceField(
        label="Gebied",
        queryset=Gemeente.objects.filter(in_regio=True),
        to_field_name="code",
        required=False,
        empty_label="Hele regio",
    )
    publiek = forms.BooleanField(
        label="Publieke variant (aantallen van 1 tot en met 4 gemaskeerd als <5)", required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        kwartalen = recente_kwartalen()
        self.fields["kwartaal"].choices = [(k, k) for k in kwartalen]
        self.fields["kwartaal"].initial = kwartalen[1]
        if user is not None and user.gemeente_id:
            self.fields["gemeente"].queryset = Gemeente.objects.filter(code=user.gemeente_id)
            self.fields["gemeente"].empty_label = "Hele regio"

    def clean(self):
        from .permissions import Bereik

        d = super().clean()
        gemeente = d.get("gemeente")
        bereik = Bereik(gemeente.pk if gemeente else None, bool(d.get("publiek")))
        if self.user is not None and not self.user.has_perm("rapportage.cijfers_bereik", bereik):
            self.add_error("publiek", "Voor de hele regio kunt u alleen de publieke variant aanvragen.")
        return d


class TrajectenForm(forms.Form):
    """The KPI's denominator for one municipality and quarter."""

    gemeente = forms.ModelChoiceField(
        label="Gemeente", queryset=Gemeente.objects.filter(in_regio=True), to_field_name="code"
    )
    kwartaal = forms.ChoiceField(label="Kwartaal")
    aantal = forms.IntegerField(label="Jeugdzorgtrajecten in het kwartaal", min_value=1, max_value=1_000_000)
    bron = forms.ChoiceField(
        label="Bron", choices=[("eigen", "Eigen registratie van de gemeente"), ("cbs", "CBS Beleidsinformatie Jeugd")]
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        kwartalen = recente_kwartalen(12)
        self.fields["kwartaal"].choices = [(k, k) for k in kwartalen]
        self.fields["kwartaal"].initial = kwartalen[1]
        if user is not None and user.gemeente_id:
            self.fields["gemeente"].queryset = Gemeente.objects.filter(code=user.gemeente_id)
