from django.contrib import admin

from .models import Instelling


@admin.register(Instelling)
class InstellingAdmin(admin.ModelAdmin):
    """The region's agreements for perspective direction, changed by the functional administrator."""

    list_display = ["__str__", "na_18_vanaf_leeftijd", "na_18_dagen_na_opname"]
