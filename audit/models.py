"""The audit trail in the spirit of NEN 7513: append-only, also against the admin.

On PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE as well, so not even a
raw query can rewrite history.
"""

from django.conf import settings
from django.db import models


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("De logging kan niet worden gewijzigd.")

    def delete(self):
        raise AppendOnly("De logging kan niet worden verwijderd.")


class Actie(models.TextChoices):
    INZIEN = "inzien", "Inzien"
    AANMAKEN = "aanmaken", "Aanmaken"
    WIJZIGEN = "wijzigen", "Wijzigen"
    EXPORTEREN = "exporteren", "Exporteren"
    PRINTEN = "printen", "Printen"
    DOWNLOADEN = "downloaden", "Downloaden"
    VERWIJDEREN = "verwijderen", "Verwijderen"
    # A lookup of a record the user may not see (answered 404): enumeration shows in the trail.
    GEWEIGERD = "geweigerd", "Geweigerd (niet zichtbaar)"


class AuditRegel(models.Model):
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gebruiker", null=True, on_delete=models.PROTECT, related_name="+"
    )
    gebruikersnaam = models.CharField("gebruikersnaam", max_length=150)
    rol = models.CharField("rol", max_length=20)
    namens = models.CharField("namens (organisatie)", max_length=120, blank=True)
    jeugdige = models.ForeignKey(
        "kern.Jeugdige", verbose_name="jeugdige", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actie = models.CharField("actie", max_length=12, choices=Actie.choices)
    onderwerp = models.CharField("onderwerp", max_length=80, help_text="Het soort gegeven, bijv. crisis.aanmelding")
    onderwerp_id = models.CharField("id onderwerp", max_length=40, blank=True)
    kanaal = models.CharField("kanaal", max_length=10, help_text="pagina, api, beheer of opdracht")
    ip_adres = models.GenericIPAddressField("IP-adres", null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "logregel"
        verbose_name_plural = "logging"
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["jeugdige", "-tijdstip"])]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.gebruikersnaam} {self.actie} {self.onderwerp}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("De logging kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("De logging kan niet worden verwijderd.")
