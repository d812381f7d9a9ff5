from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


@login_required
def overzicht(request):
    if not request.user.has_perm("experttafel.overzicht_zien"):
        raise PermissionDenied
    return render(request, "experttafel/overzicht.html", {})
