import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import InlogForm, TokenForm


class InloggenView(auth_views.LoginView):
    template_name = "accounts/inloggen.html"
    authentication_form = InlogForm
    redirect_authenticated_user = True
    http_method_names = ["get", "post", "head"]  # PUT/PATCH/DELETE: 405, not a second POST


def _volgende(request):
    nxt = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return "/"
    return nxt


@login_required
def tweestaps(request):
    """Verify the second factor; on first use, set up the authenticator app."""
    if request.user.is_verified():
        return redirect(_volgende(request))
    apparaat = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    instellen = apparaat is None
    if instellen:
        apparaat, _ = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "Authenticator-app"}
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if apparaat.verify_token(form.cleaned_data["code"]):
            if instellen:
                apparaat.confirmed = True
                apparaat.save(update_fields=["confirmed"])
                messages.success(request, "Tweestapsverificatie is ingesteld.")
            otp_login(request, apparaat)
            return redirect(_volgende(request))
        form.add_error("code", "Deze code klopt niet of is verlopen. Probeer de nieuwste code uit uw app.")
    context = {"form": form, "instellen": instellen, "next": _volgende(request)}
    if instellen:
        context["geheim"] = base64.b32encode(apparaat.bin_key).decode()
        context["qr_svg"] = segno.make(apparaat.config_url, error="m").svg_inline(
            scale=4, title="QR-code voor uw authenticator-app"
        )
    return render(request, "accounts/tweestaps.html", context)


class UitloggenView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        antwoord = super().post(request, *args, **kwargs)
        # Added after logout flushed the session, so the login page shows it once.
        messages.success(request, "U bent uitgelogd.")
        return antwoord
