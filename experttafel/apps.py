from django.apps import AppConfig


class ExperttafelConfig(AppConfig):
    name = "experttafel"
    verbose_name = "Regionale experttafel"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
