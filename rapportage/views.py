from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


@login_required
def lijst(request):
    if not request.user.has_perm("rapportage.rapporten_zien"):
        raise PermissionDenied
    return render(request, "rapportage/lijst.html", {})
