from django.apps import AppConfig


class ExperttafelConfig(AppConfig):
    name = "experttafel"
    verbose_name = "Regionale experttafel"

    def ready(self):
        from kern.secties import Sectie, plat_csv, registreer

        from . import permissions  # noqa: F401  (registers the rules)
        from .cijfers import experttafel_cijfers

        registreer(Sectie("experttafel", "Regionale experttafel", experttafel_cijfers, plat_csv))
        # Findable on /zoeken/ (kern.filters.zoek_jeugdige) with the list's own FilterSet.
        from kern.filters import registreer_zoeklijst

        from .filters import CasusFilter
        from .models import Casus

        registreer_zoeklijst(
            "experttafel.overzicht_zien",
            "Casussen experttafel",
            "experttafel:casus",
            "experttafel.casus",
            CasusFilter,
            lambda u: (
                Casus.objects.zichtbaar_voor(u).select_related("jeugdige", "gemeente").order_by("-ingediend_op", "-id")
            ),
        )
