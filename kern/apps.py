from django.apps import AppConfig


class KernConfig(AppConfig):
    name = "kern"
    verbose_name = "Referentiegegevens en jeugdigen"
