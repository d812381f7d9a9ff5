"""Functional administration of the CCP's reference data (no youth data here); the CCP's
settings are part of the regional settings (kern.Regioinstelling)."""

from django.contrib import admin

from audit.admin import GelogdAdmin

from .models import CrisisplekBuitenRegio, Escalatie


@admin.register(CrisisplekBuitenRegio)
class CrisisplekBuitenRegioAdmin(GelogdAdmin):
    list_display = ["naam", "plaats", "leeftijd_min", "leeftijd_max", "vrij", "bijgewerkt_op", "telefoon", "actief"]
    list_editable = ["vrij", "bijgewerkt_op", "actief"]


@admin.register(Escalatie)
class EscalatieAdmin(GelogdAdmin):
    """The functional owner's inbox of placements above capacity: the facility, the day and why."""

    list_display = ["voorziening", "datum", "reden", "gemeld_op", "afgehandeld_op"]
    list_filter = ["voorziening"]
    fields = ["voorziening", "datum", "reden", "gemeld_op", "afgehandeld_op"]
    readonly_fields = ["voorziening", "datum", "reden", "gemeld_op"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
