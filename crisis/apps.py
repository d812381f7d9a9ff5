from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "crisis"
    verbose_name = "Crisiscoördinatiepunt"

    def ready(self):
        from kern.secties import Sectie, registreer

        from . import permissions  # noqa: F401  (registers the rules)
        from .cijfers import als_csv_rijen, ccp_cijfers

        registreer(Sectie("ccp", "Crisiscoördinatiepunt", ccp_cijfers, als_csv_rijen))
