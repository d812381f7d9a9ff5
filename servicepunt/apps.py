from django.apps import AppConfig


class ServicepuntConfig(AppConfig):
    name = "servicepunt"
    verbose_name = "Servicepunt jeugdhulp met verblijf"

    def ready(self):
        from kern import sqlitekopieen

        from . import kopie

        # SQLite (`make run`) gets the first placement start's triggers after every migrate.
        sqlitekopieen.registreer(kopie.SQLITE)
        from kern.bezetting import registreer_capaciteitsmelding, registreer_verblijven
        from kern.secties import Sectie, plat_csv, registreer

        from . import permissions  # noqa: F401  (registers the rules)
        from .cijfers import servicepunt_cijfers
        from .models import Capaciteitsmelding, Plaatsing

        registreer(Sectie("servicepunt", "Servicepunt jeugdhulp met verblijf", servicepunt_cijfers, plat_csv))
        # A placement holds its place (kern.bezetting counts it).
        registreer_verblijven("plaatsing", lambda: Plaatsing.objects.all())
        # Every capacity confirmation (kern.bezetting.capaciteit_bevestigen) is kept in our history table.
        registreer_capaciteitsmelding(lambda **velden: Capaciteitsmelding.objects.create(**velden))
        # Findable on /zoeken/ (kern.filters.zoek_jeugdige) with the list's own FilterSet.
        from kern.filters import registreer_zoeklijst

        from .filters import BeschikkingFilter
        from .models import Beschikking

        registreer_zoeklijst(
            "servicepunt.beschikkingen_zien",
            "Beschikkingen",
            "servicepunt:beschikking",
            "servicepunt.beschikking",
            BeschikkingFilter,
            lambda u: (
                Beschikking.objects.zichtbaar_voor(u)
                .select_related("jeugdige", "gemeente")
                .order_by("-afgegeven_op", "-id")
            ),
        )
