"""Functional administration of the CCP's settings and reference data (no youth data here)."""

from django.contrib import admin

from .models import CrisisplekBuitenRegio, Escalatie, Instelling


@admin.register(Instelling)
class InstellingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lang_verblijf_dagen", "crisisdienst_naam", "crisisdienst_telefoon"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Instelling.objects.exists()


@admin.register(CrisisplekBuitenRegio)
class CrisisplekBuitenRegioAdmin(admin.ModelAdmin):
    list_display = ["naam", "plaats", "leeftijd_min", "leeftijd_max", "vrij", "bijgewerkt_op", "telefoon", "actief"]
    list_editable = ["vrij", "bijgewerkt_op", "actief"]


@admin.register(Escalatie)
class EscalatieAdmin(admin.ModelAdmin):
    """The functional owner's inbox of placements above capacity: the facility, the day and why."""

    list_display = ["voorziening", "datum", "reden", "gemeld_op", "afgehandeld_op"]
    list_filter = ["voorziening"]
    fields = ["voorziening", "datum", "reden", "gemeld_op", "afgehandeld_op"]
    readonly_fields = ["voorziening", "datum", "reden", "gemeld_op"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
