from django.apps import AppConfig


class PerspectiefregieConfig(AppConfig):
    name = "perspectiefregie"
    verbose_name = "Perspectiefregie"

    def ready(self):
        from kern.secties import Sectie, plat_csv, registreer

        from . import permissions  # noqa: F401  (registers the rules)
        from .cijfers import perspectiefregie_cijfers

        registreer(Sectie("perspectiefregie", "Perspectiefregie", perspectiefregie_cijfers, plat_csv))
