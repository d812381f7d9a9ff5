from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "crisis"
    verbose_name = "Crisiscoördinatiepunt"

    def ready(self):
        from kern import sqlitekopieen

        from . import kopieen

        # SQLite (`make run`) gets the figures' copy triggers after every migrate.
        sqlitekopieen.registreer(kopieen.SQLITE)
        from kern.bezetting import registreer_verblijven
        from kern.secties import Sectie, registreer

        from . import (
            permissions,  # noqa: F401  (registers the rules)
            tasks,  # noqa: F401  (registers the import task; importeren.aanbieden sends it by name)
        )
        from .cijfers import als_csv_rijen, ccp_cijfers
        from .models import Aanmelding, Inzet

        registreer(Sectie("ccp", "Crisiscoördinatiepunt", ccp_cijfers, als_csv_rijen))
        # The sources of a referral spoken on the figures pages and in the PDF (kern.labels).
        from kern.labels import registreer_labels

        registreer_labels("crisis", Aanmelding.Bron.choices)
        # A crisis stay in a facility holds a place (kern.bezetting counts it).
        registreer_verblijven(
            "crisis", lambda: Inzet.objects.filter(hulpvorm__verblijf=True, voorziening__isnull=False)
        )
        # Findable on /zoeken/ (kern.filters.zoek_jeugdige) with the list's own FilterSet.
        from kern.filters import registreer_zoeklijst

        from .filters import AanmeldingFilter

        registreer_zoeklijst(
            "crisis.aanmeldingen_zien",
            "Crisisaanmeldingen",
            "crisis:aanmelding",
            "crisis.aanmelding",
            AanmeldingFilter,
            lambda u: Aanmelding.objects.zichtbaar_voor(u).met_details().order_by("-aangemeld_op", "-id"),
        )
