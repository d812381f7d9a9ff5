"""App configurations for /beheer/: Django's admin with our site, and third-party apps named in
Dutch. Wired in settings.INSTALLED_APPS instead of "django.contrib.admin" and "axes"; this module
is imported while the app registry loads, so it imports no models."""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    default_site = "flevojeugd.beheersite.BeheerSite"


class AxesConfig(AxesAppConfig):
    verbose_name = "Inlogbeveiliging"
