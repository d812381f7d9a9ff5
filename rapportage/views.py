import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from audit.models import Actie
from audit.services import log
from kern import secties
from kern.aggregaties import Kwartaal

from . import services
from .forms import AanvraagForm, TrajectenForm
from .models import JeugdzorgTrajecten, Rapport
from .querysets import rapporten_zichtbaar_voor


def _rapporten(user):
    if not user.has_perm("rapportage.rapporten_zien"):
        raise PermissionDenied
    return rapporten_zichtbaar_voor(Rapport.objects.select_related("gemeente", "aangevraagd_door"), user)


@login_required
@require_http_methods(["GET", "POST"])
def lijst(request):
    rapporten = _rapporten(request.user)
    form = AanvraagForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("rapportage.rapport_aanvragen"):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            rapport = services.vraag_aan(request.user, Kwartaal.parse(d["kwartaal"]), d["gemeente"], d["publiek"])
            messages.success(request, f"Rapport {rapport.kwartaal} versie {rapport.versie} is aangevraagd.")
            return redirect("rapportage:rapport", pk=rapport.pk)
    return render(request, "rapportage/lijst.html", {"rapporten": rapporten[:200], "form": form})


@login_required
def rapport(request, pk):
    obj = get_object_or_404(_rapporten(request.user), pk=pk)
    return render(request, "rapportage/rapport.html", {"r": obj})


@login_required
def status(request, pk):
    """The htmx poll: 286 stops polling once the build has finished or failed."""
    obj = get_object_or_404(_rapporten(request.user), pk=pk)
    response = render(request, "rapportage/_status.html", {"r": obj})
    if obj.afgerond and request.htmx:
        response.status_code = 286
    return response


@login_required
def download(request, pk):
    obj = get_object_or_404(_rapporten(request.user), pk=pk)
    if obj.status != Rapport.Status.KLAAR or not obj.pdf:
        raise Http404
    return FileResponse(
        services.download(request.user, obj, request),
        as_attachment=True,
        filename=obj.bestandsnaam,
        content_type="application/pdf",
    )


@login_required
def export(request, pk, sectie, formaat):
    """A section's stored figures as CSV or JSON: the same numbers the PDF shows."""
    obj = get_object_or_404(_rapporten(request.user), pk=pk, status=Rapport.Status.KLAAR)
    s = secties.sectie(sectie)
    if s is None or sectie not in (obj.cijfers or {}).get("secties", {}):
        raise Http404
    cijfers = obj.cijfers["secties"][sectie]
    log(request.user, Actie.EXPORTEREN, f"rapportage.{sectie}.{formaat}", obj, None, request)
    naam = f"{obj.bestandsnaam.removesuffix('.pdf')}-{sectie}.{formaat}"
    if formaat == "json":
        response = HttpResponse(json.dumps(cijfers, ensure_ascii=False, indent=2), content_type="application/json")
    else:
        import csv

        response = HttpResponse(content_type="text/csv; charset=utf-8")
        csv.writer(response).writerows(s.csv_rijen(cijfers))
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def trajecten(request):
    """The KPI's denominator: entered one by one or imported as CSV, per municipality per quarter."""
    from django.core.exceptions import ValidationError

    from accounts.permissions import vereist
    from kern.fouten import fouten_naar_form

    from .kpi import verblijf_aandeel

    vereist(request.user, "rapportage.trajecten_vastleggen")
    form = TrajectenForm(user=request.user)
    fouten, ingelezen = [], None
    if request.method == "POST" and "bestand" in request.FILES:
        try:
            tekst = request.FILES["bestand"].read().decode("utf-8-sig")
            ingelezen = services.importeer_trajecten(request.user, tekst, request)
        except UnicodeDecodeError:
            fouten = ["Het bestand is geen UTF-8-tekst."]
        except services.ImportFout as exc:
            fouten = exc.fouten
    elif request.method == "POST":
        form = TrajectenForm(request.POST, user=request.user)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.leg_trajecten_vast(
                    request.user, d["gemeente"].code, d["kwartaal"], d["aantal"], d["bron"], request
                )
                messages.success(request, f"Jeugdzorgtrajecten van {d['gemeente'].naam} in {d['kwartaal']} vastgelegd.")
                return redirect("rapportage:trajecten")
            except ValidationError as exc:
                fouten_naar_form(form, exc)
    if request.method == "POST" and "bestand" not in request.FILES and not request.POST.get("gemeente"):
        fouten = fouten or ["Kies een CSV-bestand of vul het formulier in."]
    vastgelegd = JeugdzorgTrajecten.objects.select_related("gemeente")
    if request.user.gemeente_id:
        vastgelegd = vastgelegd.filter(gemeente_id=request.user.gemeente_id)
    kwartaal = Kwartaal.van_datum(timezone.localdate()).vorige()
    return render(
        request,
        "rapportage/trajecten.html",
        {
            "form": form,
            "fouten": fouten,
            "ingelezen": ingelezen,
            "vastgelegd": vastgelegd[:48],
            "kpi": verblijf_aandeel(kwartaal, request.user.gemeente if request.user.gemeente_id else None),
        },
    )


@login_required
def aanbieder_cijfers(request):
    """#14.3: a provider's own quarterly figures as a page (the API has them too): counts only,
    its own — the provider comes from the login, never from the request."""
    from accounts.permissions import vereist
    from crisis.aanbiedercijfers import aanbieder_cijfers as cijfers_van
    from crisis.forms import KwartaalForm
    from flevojeugd.routers import van_replica
    from kern.labels import alle_labels

    vereist(request.user, "rapportage.aanbieder_cijfers")
    if not request.user.aanbieder_id:
        raise PermissionDenied
    standaard = Kwartaal.van_datum(timezone.localdate()).vorige()
    form = KwartaalForm(request.GET or {"kwartaal": str(standaard)})
    form.fields.pop("gemeente")  # a provider's figures span every municipality it serves
    c = None
    if form.is_valid():
        with van_replica():  # counts may be seconds old: read them from the replica when there is one
            c = cijfers_van(Kwartaal.parse(form.cleaned_data["kwartaal"]), request.user.aanbieder)
    return render(
        request,
        "rapportage/aanbieder.html",
        {"form": form, "c": c, "labels": alle_labels(), "aanbieder": request.user.aanbieder},
    )
