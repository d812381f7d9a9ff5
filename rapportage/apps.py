from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = "Kwartaalrapportage"

    def ready(self):
        from . import (
            permissions,  # noqa: F401  (registers the rules)
            tasks,  # noqa: F401  (registers the build task; services.aanbieden sends it by name)
        )
