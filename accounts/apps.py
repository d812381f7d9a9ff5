from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Gebruikers en rollen"

    def ready(self):
        from . import permissions, schema  # noqa: F401  (registers the rules and the OpenAPI extension)
