from django.contrib import admin

from .models import Rapport


@admin.register(Rapport)
class RapportAdmin(admin.ModelAdmin):
    list_display = ["kwartaal", "gemeente", "publiek", "versie", "status", "aangevraagd_op", "gereed_op"]
    list_filter = ["status", "publiek", "kwartaal"]
    readonly_fields = [f.name for f in Rapport._meta.fields]

    def has_add_permission(self, request):
        return False
