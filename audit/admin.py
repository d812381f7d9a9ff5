from django.contrib import admin

from . import services
from .models import Actie, AuditRegel


def onderwerp_van(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


class GelogdAdmin(admin.ModelAdmin):
    """Every change made in /beheer/ is written to the audit trail (kanaal 'beheer') besides
    Django's own admin log: the trail is the one record a supervisor reads (NEN 7513)."""

    def log_addition(self, request, obj, message):
        services.log(request.user, Actie.AANMAKEN, onderwerp_van(obj), obj=obj, request=request, kanaal="beheer")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        services.log(request.user, Actie.WIJZIGEN, onderwerp_van(obj), obj=obj, request=request, kanaal="beheer")
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            services.log(request.user, Actie.VERWIJDEREN, onderwerp_van(obj), obj=obj, request=request, kanaal="beheer")
        return super().log_deletions(request, queryset)


@admin.register(AuditRegel)
class AuditRegelAdmin(admin.ModelAdmin):
    """Searchable by the functional administrator; nobody can add, change or delete."""

    list_display = [
        "tijdstip",
        "gebruikersnaam",
        "rol",
        "namens",
        "actie",
        "onderwerp",
        "onderwerp_id",
        "jeugdige_id",
        "kanaal",
        "ip_adres",
    ]
    list_filter = ["actie", "kanaal", "rol", "onderwerp"]
    search_fields = ["gebruikersnaam", "=jeugdige__id", "=onderwerp_id"]
    date_hierarchy = "tijdstip"
    list_select_related = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
