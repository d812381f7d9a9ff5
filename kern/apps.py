from django.apps import AppConfig


class KernConfig(AppConfig):
    name = "kern"
    verbose_name = "Referentiegegevens en jeugdigen"

    def ready(self):
        from . import sqlitekopieen

        # Copied columns' triggers on SQLite, laid after every migrate (kern/sqlitekopieen.py).
        sqlitekopieen.verbind(self)
