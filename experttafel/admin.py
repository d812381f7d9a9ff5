"""The expert table's code lists (domains, learning themes), edited by functional administration
with their history; the table's settings are part of the regional settings (kern.Regioinstelling)."""

from django.contrib import admin

from kern.admin import CodelijstAdmin

from .models import Domein, Thema

admin.site.register(Domein, CodelijstAdmin)


@admin.register(Thema)
class ThemaAdmin(CodelijstAdmin):
    list_display = ["code", "label", "doel", "volgorde", "actief"]
