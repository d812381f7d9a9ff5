from django import forms
from django.contrib.auth.forms import AuthenticationForm


class InlogForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters.",
        "inactive": "Dit account is niet actief.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"


class TokenForm(forms.Form):
    code = forms.RegexField(
        label="Code uit uw authenticator-app",
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        error_messages={"invalid": "Vul de 6 cijfers uit uw authenticator-app in.", "required": "Vul de code in."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()
