"""The functional administration site (/beheer/), loaded by flevojeugd.beheer.BeheerAdminConfig."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class BeheerSite(admin.AdminSite):
    """Django's admin site, with the app's own login (two-factor, lockout) instead of the admin's
    login form, and a plain 403 for a logged-in user of another role: nobody but functional
    administration (and the technical superuser) is sent to a form they can never pass."""

    site_header = "Jeugdhulp Flevoland — beheer"
    site_title = "Beheer"
    index_title = "Functioneel beheer"
    site_url = "/"

    def admin_view(self, view, cacheable=False):
        binnen = super().admin_view(view, cacheable)

        def poort(request, *args, **kwargs):
            if not self.has_permission(request) and request.path != reverse("admin:logout", current_app=self.name):
                if request.user.is_authenticated:
                    raise PermissionDenied("Alleen functioneel beheer werkt in /beheer/.")
                return redirect_to_login(request.get_full_path(), reverse("accounts:inloggen"))
            return binnen(request, *args, **kwargs)

        return update_wrapper(poort, view)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(reverse("admin:index", current_app=self.name))
            raise PermissionDenied("Alleen functioneel beheer werkt in /beheer/.")
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index", current_app=self.name), reverse("accounts:inloggen")
        )
