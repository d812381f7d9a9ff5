"""Functional administration of the region's reference data, closing days and settings.

Every change is audited (audit.admin.GelogdAdmin) and the code lists, closing days and the
regional settings keep their history (django-simple-history: 'Geschiedenis' on each page)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.admin import GelogdAdmin

from . import models


class HistorieAdmin(GelogdAdmin, SimpleHistoryAdmin):
    """Audited, with the change history one click away."""


class CodelijstAdmin(HistorieAdmin):
    list_display = ["code", "label", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    search_fields = ["code", "label"]

    def has_delete_permission(self, request, obj=None):
        return False  # recorded data refers to the code: deactivate it instead


for lijst in (
    models.Hulpvorm,
    models.RedenGeenInzet,
    models.Alternatief,
    models.VervolgAmbulant,
    models.VervolgVerblijf,
    models.Weigerreden,
    models.Voorzieningtype,
):
    admin.site.register(lijst, CodelijstAdmin)


@admin.register(models.Gemeente)
class GemeenteAdmin(GelogdAdmin):
    list_display = ["naam", "code", "cbs_code", "in_regio", "ccp_loket", "lokaal_team"]
    list_editable = ["ccp_loket"]


@admin.register(models.Aanbieder)
class AanbiederAdmin(GelogdAdmin):
    list_display = ["naam", "code", "ccp_ambulant"]


@admin.register(models.Voorziening)
class VoorzieningAdmin(GelogdAdmin):
    list_display = [
        "naam",
        "aanbieder",
        "type",
        "gemeente",
        "leeftijd_min",
        "leeftijd_max",
        "capaciteit",
        "bevestigd_op",
        "actief",
    ]
    list_filter = ["type", "aanbieder", "gemeente", "actief"]
    list_select_related = ["aanbieder", "type", "gemeente"]


@admin.register(models.Sluitingsdag)
class SluitingsdagAdmin(HistorieAdmin):
    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"


@admin.register(models.Regioinstelling)
class RegioinstellingAdmin(HistorieAdmin):
    """One row for the whole region (Regioinstelling.huidige() reads it)."""

    list_display = [
        "__str__",
        "reactietermijn_werkuren",
        "lang_verblijf_dagen",
        "crisiscapaciteit_verouderd_na_uren",
        "capaciteit_verouderd_na_dagen",
        "crisisdienst_telefoon",
    ]
    fieldsets = [
        (
            "Crisiscoördinatiepunt",
            {
                "fields": [
                    "reactietermijn_werkuren",
                    "lang_verblijf_dagen",
                    "inzage_na_einde_dagen",
                    "crisiscapaciteit_verouderd_na_uren",
                    "crisisdienst_naam",
                    "crisisdienst_telefoon",
                ]
            },
        ),
        ("Servicepunt jeugdhulp met verblijf", {"fields": ["capaciteit_verouderd_na_dagen"]}),
        (
            "Regionale experttafel",
            {
                "fields": [
                    "capaciteit_per_sessie",
                    "begintijd",
                    "eindtijd",
                    "standaard_plaats",
                    "tijdslot_minuten",
                    "organisator_naam",
                    "organisator_email",
                    "leerevaluatie_termijn_dagen",
                ]
            },
        ),
        ("Perspectiefregie", {"fields": ["na_18_vanaf_leeftijd", "na_18_dagen_na_opname"]}),
    ]

    def has_add_permission(self, request):
        # Only while the one row is missing (e.g. after a flush): whoever may change the settings
        # may then create it, so the region is never stuck on the defaults.
        if models.Regioinstelling.objects.exists():
            return False
        return super().has_add_permission(request) or self.has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # without the row every function would silently fall back to the defaults
