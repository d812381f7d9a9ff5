from django.contrib import admin

from .models import AuditRegel


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
