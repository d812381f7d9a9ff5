from django.contrib import admin

from .models import Gebruiker


@admin.register(Gebruiker)
class GebruikerAdmin(admin.ModelAdmin):
    """Users by functional administration: role, scope and active, nothing that grants more.

    No superuser flag, groups or loose permissions: what a user may do follows from the role
    (permissions.py per app), so nobody can give themselves or others more from here. Passwords
    and API tokens are set with `manage.py create_user` or by the user (README, Beveiliging)."""

    list_display = ["username", "first_name", "last_name", "rol", "gemeente", "aanbieder", "ret_aanmelder", "is_active"]
    list_filter = ["rol", "gemeente", "aanbieder", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "rol",
        "gemeente",
        "aanbieder",
        "ret_aanmelder",
        "is_active",
    ]
    list_select_related = ["gemeente", "aanbieder"]

    def has_delete_permission(self, request, obj=None):
        return False  # the audit trail refers to users: deactivate instead

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
