from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "crisis"
    verbose_name = "Crisiscoördinatiepunt"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
