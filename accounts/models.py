from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


class Rol(models.TextChoices):
    TOEGANG = "toegang", "Medewerker lokale toegang"
    BELEID = "beleid", "Beleidsmedewerker"
    GI = "gi", "Gecertificeerde instelling"
    CCP = "ccp", "CCP-medewerker"
    AANBIEDER = "aanbieder", "Medewerker aanbieder"
    RET_VOORZITTER = "ret_voorzitter", "Voorzitter regionale experttafel"
    RET_LID = "ret_lid", "Kernteamlid regionale experttafel"
    SERVICEPUNT = "servicepunt", "Medewerker servicepunt"
    BEHEER = "beheer", "Functioneel beheerder"


# Roles that never see a youth's identity; everyone else needs two-factor in the browser.
ROLLEN_ZONDER_PERSOONSGEGEVENS = {Rol.BELEID}


class Gebruiker(AbstractUser):
    rol = models.CharField("rol", max_length=20, choices=Rol.choices)
    gemeente = models.ForeignKey(
        "kern.Gemeente", verbose_name="gemeente", null=True, blank=True, on_delete=models.PROTECT
    )
    aanbieder = models.ForeignKey(
        "kern.Aanbieder", verbose_name="aanbieder", null=True, blank=True, on_delete=models.PROTECT
    )
    ret_aanmelder = models.BooleanField(
        "aangewezen functionaris experttafel",
        default=False,
        help_text="Mag casussen inbrengen bij de regionale experttafel (alleen toegang en GI).",
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def clean(self):
        super().clean()
        if self.rol == Rol.TOEGANG and not self.gemeente_id:
            raise ValidationError({"gemeente": "Een medewerker lokale toegang hoort bij een gemeente."})
        if self.rol == Rol.AANBIEDER and not self.aanbieder_id:
            raise ValidationError({"aanbieder": "Een medewerker van een aanbieder hoort bij een aanbieder."})
        if self.rol not in (Rol.TOEGANG, Rol.BELEID) and self.gemeente_id:
            raise ValidationError({"gemeente": "Alleen toegang en beleid horen bij een gemeente."})
        if self.rol != Rol.AANBIEDER and self.aanbieder_id:
            raise ValidationError({"aanbieder": "Alleen medewerkers van een aanbieder horen bij een aanbieder."})
        if self.ret_aanmelder and self.rol not in (Rol.TOEGANG, Rol.GI):
            raise ValidationError({"ret_aanmelder": "Alleen toegang en GI kunnen aangewezen functionaris zijn."})

    def save(self, *args, **kwargs):
        # Functional administration works in the admin with the permissions of its role
        # (accounts/permissions.BEHEER_MODELRECHTEN), never as a superuser that passes every rule.
        # A technical superuser has no role and is made by hand (README, Beveiliging).
        if self.rol == Rol.BEHEER:
            self.is_staff = True
            self.is_superuser = False
        elif self.rol and not self.is_superuser:
            self.is_staff = False  # only functional administration works in /beheer/
        super().save(*args, **kwargs)

    @property
    def ziet_persoonsgegevens(self) -> bool:
        return self.rol not in ROLLEN_ZONDER_PERSOONSGEGEVENS

    @property
    def is_regionaal(self) -> bool:
        return self.gemeente_id is None
