from django.contrib import admin

from . import models

for lijst in (
    models.Hulpvorm,
    models.RedenGeenInzet,
    models.VervolgAmbulant,
    models.VervolgVerblijf,
    models.Weigerreden,
    models.Voorzieningtype,
):
    admin.site.register(
        lijst, list_display=["code", "label", "volgorde", "actief"], list_editable=["volgorde", "actief"]
    )


@admin.register(models.Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "cbs_code", "in_regio", "ccp_loket", "lokaal_team"]
    list_editable = ["ccp_loket"]


@admin.register(models.Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "ccp_ambulant"]


@admin.register(models.Voorziening)
class VoorzieningAdmin(admin.ModelAdmin):
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
class SluitingsdagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
