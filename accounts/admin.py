"""User management by functional administration (/beheer/), and the admin in Dutch.

Decisions (issue #15.3):
- `beheer` creates, deactivates and changes users of every working role: role, municipality,
  provider, designated official (ret-aanmelder), a temporary password; it sees the last login
  and whether two-factor is set up, and resets two-factor (the user sets it up again at the next
  login). Nothing is deleted: the audit trail refers to users, so a user is deactivated.
- `beheer` grants nothing beyond a role: no superuser or staff flag, no groups or loose
  permissions (what a user may do follows from the role, */permissions.py). It cannot give the
  `beheer` role, and it cannot change a `beheer` user (itself included) or a technical
  superuser: a new functional administrator is made by the technical administrator with
  `manage.py create_user --role beheer` (README, Beveiliging), so a taken-over beheer account
  cannot make itself a second, hidden one.
- Every change, including a two-factor reset, is written to the audit trail (kanaal 'beheer').
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.password_validation import validate_password
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit import services as audit
from audit.admin import GelogdAdmin
from audit.models import Actie

from .models import Gebruiker, Rol

# The raw TOTP devices admin shows (or lets one set) a user's secret key and speaks English only;
# two-factor is managed per user below (status and an audited reset), never key by key.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


# A user locked out after too many failed logins (django-axes) is unlocked by deleting the
# attempts; functional administration may do that, audited like every other change here.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class InlogpogingAdmin(GelogdAdmin, AccessAttemptAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def mag_beheren(beheerder, gebruiker) -> bool:
    """Whether this administrator may change this user: the technical superuser everyone,
    functional administration every working role but `beheer` and technical accounts."""
    if beheerder.is_superuser:
        return True
    return not (gebruiker.is_superuser or gebruiker.rol == Rol.BEHEER or (gebruiker.is_staff and not gebruiker.rol))


class GebruikerForm(forms.ModelForm):
    wachtwoord1 = forms.CharField(
        label="Tijdelijk wachtwoord",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Geef het de gebruiker apart door; bij de eerste keer inloggen stelt die "
        "tweestapsverificatie in. Laat leeg om het wachtwoord niet te wijzigen.",
    )
    wachtwoord2 = forms.CharField(
        label="Tijdelijk wachtwoord (nogmaals)",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Gebruiker
        fields = ["username", "first_name", "last_name", "email", "rol", "gemeente", "aanbieder", "ret_aanmelder"]

    def clean(self):
        data = super().clean()
        w1, w2 = data.get("wachtwoord1"), data.get("wachtwoord2")
        if not self.instance.pk and not w1:
            self.add_error("wachtwoord1", "Geef een tijdelijk wachtwoord, anders kan de gebruiker niet inloggen.")
        elif w1 or w2:
            if w1 != w2:
                self.add_error("wachtwoord2", "De twee wachtwoorden zijn niet gelijk.")
            else:
                try:
                    validate_password(w1, self.instance)
                except forms.ValidationError as fout:
                    self.add_error("wachtwoord1", fout)
        return data

    def save(self, commit=True):
        gebruiker = super().save(commit=False)
        if self.cleaned_data.get("wachtwoord1"):
            gebruiker.set_password(self.cleaned_data["wachtwoord1"])
        if commit:
            gebruiker.save()
        return gebruiker


@admin.register(Gebruiker)
class GebruikerAdmin(GelogdAdmin):
    """Users by functional administration: role, scope and active, nothing that grants more."""

    form = GebruikerForm
    list_display = [
        "username",
        "first_name",
        "last_name",
        "rol",
        "gemeente",
        "aanbieder",
        "ret_aanmelder",
        "is_active",
        "tweestaps",
        "last_login",
    ]
    list_filter = ["rol", "gemeente", "aanbieder", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    list_select_related = ["gemeente", "aanbieder"]
    readonly_fields = ["last_login", "date_joined", "tweestaps"]
    actions = ["deactiveren", "tweestaps_herstellen"]

    def get_fieldsets(self, request, obj=None):
        wachtwoord = ["wachtwoord1", "wachtwoord2"]
        fieldsets = [
            (None, {"fields": ["username", "first_name", "last_name", "email"]}),
            ("Rol en organisatie", {"fields": ["rol", "gemeente", "aanbieder", "ret_aanmelder"]}),
        ]
        if obj is None:
            return [*fieldsets, ("Inloggen", {"fields": wachtwoord})]
        if not self.has_change_permission(request, obj):
            wachtwoord = []
        return [
            *fieldsets,
            ("Inloggen", {"fields": ["is_active", *wachtwoord, "tweestaps", "last_login", "date_joined"]}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The password fields are form-only; list them so the ModelAdmin does not look them up
        # on the model.
        kwargs["fields"] = [
            f
            for f in (
                "username",
                "first_name",
                "last_name",
                "email",
                "rol",
                "gemeente",
                "aanbieder",
                "ret_aanmelder",
                "is_active",
                "wachtwoord1",
                "wachtwoord2",
            )
            if obj is not None or f != "is_active"
        ]
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "rol" and not request.user.is_superuser:
            kwargs["choices"] = [("", "---------")] + [(k, v) for k, v in Rol.choices if k != Rol.BEHEER]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_queryset(self, request):
        ingesteld = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(_tweestaps=Exists(ingesteld))

    @admin.display(description="tweestapsverificatie ingesteld", boolean=True)
    def tweestaps(self, obj):
        if hasattr(obj, "_tweestaps"):
            return obj._tweestaps
        return TOTPDevice.objects.filter(user=obj, confirmed=True).exists()

    def has_change_permission(self, request, obj=None):
        if obj is not None and not mag_beheren(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the audit trail refers to users: deactivate instead

    def _beheerbaar(self, request, queryset):
        geweigerd = [g for g in queryset if not mag_beheren(request.user, g)]
        if geweigerd:
            self.message_user(
                request,
                "Functioneel beheerders en technische accounts wijzigt u hier niet: "
                + ", ".join(g.username for g in geweigerd)
                + ".",
                messages.ERROR,
            )
        return [g for g in queryset if mag_beheren(request.user, g)]

    @admin.action(description="Geselecteerde gebruikers deactiveren", permissions=["change"])
    def deactiveren(self, request, queryset):
        gebruikers = self._beheerbaar(request, queryset)
        for g in gebruikers:
            if g.is_active:
                g.is_active = False
                g.save(update_fields=["is_active"])
                self.log_change(request, g, [{"changed": {"fields": ["Actief"]}}])
        if gebruikers:
            self.message_user(request, f"{len(gebruikers)} gebruiker(s) gedeactiveerd.", messages.SUCCESS)

    @admin.action(description="Tweestapsverificatie opnieuw laten instellen", permissions=["change"])
    def tweestaps_herstellen(self, request, queryset):
        """Removes the user's authenticator devices: at the next login they set one up again
        (accounts.views.tweestaps). For a lost or replaced phone; audited, with no key shown."""
        gebruikers = self._beheerbaar(request, queryset)
        for g in gebruikers:
            TOTPDevice.objects.filter(user=g).delete()
            audit.log(request.user, Actie.WIJZIGEN, "accounts.tweestaps", obj=g, request=request, kanaal="beheer")
            admin.ModelAdmin.log_change(
                self, request, g, "Tweestapsverificatie opnieuw laten instellen."
            )  # audited above
        if gebruikers:
            self.message_user(
                request,
                f"Tweestapsverificatie gewist voor {len(gebruikers)} gebruiker(s); "
                "bij de volgende keer inloggen stellen zij die opnieuw in.",
                messages.SUCCESS,
            )
