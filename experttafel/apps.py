from django.apps import AppConfig


class ExperttafelConfig(AppConfig):
    name = "experttafel"
    verbose_name = "Regionale experttafel"

    def ready(self):
        from kern.secties import Sectie, plat_csv, registreer

        from . import permissions  # noqa: F401  (registers the rules)
        from .cijfers import experttafel_cijfers

        registreer(Sectie("experttafel", "Regionale experttafel", experttafel_cijfers, plat_csv))
