"""Expert-table pages: the chair's year, the agenda, a case from submission to follow-up."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.permissions import vereist
from audit.models import Actie
from audit.services import log, log_lijst
from kern.fouten import Conflict, fouten_naar_form, leesbaar

from . import forms, services
from .models import Casus, Instelling, Sessie, Thema


@login_required
@require_http_methods(["GET", "POST"])
def overzicht(request):
    vereist(request.user, "experttafel.overzicht_zien")
    vandaag = timezone.localdate()
    try:
        jaar = min(max(int(request.GET.get("jaar", vandaag.year)), 2000), 2100)
    except ValueError:
        jaar = vandaag.year
    mag_plannen = request.user.has_perm("experttafel.plannen")
    if request.method == "POST":
        vereist(request.user, "experttafel.plannen")
        if request.POST.get("actie") == "plan_jaar":
            sessies = services.plan_sessies(datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31))
            messages.success(request, f"{len(sessies)} sessies voor {jaar} staan in de planning.")
        else:
            form = forms.ExtraSessieForm(request.POST)
            if form.is_valid():
                try:
                    services.extra_sessie(**form.cleaned_data)
                    messages.success(request, "Extra sessie toegevoegd.")
                except Conflict as exc:
                    messages.error(request, str(exc.detail))
            else:
                messages.error(request, "Vul een geldige datum in.")
        return redirect(f"{request.path}?jaar={jaar}")
    sessies = list(
        Sessie.objects.filter(datum__year=jaar).annotate(aantal=Count("casussen", filter=Q(casussen__status="gepland")))
    )
    casussen = Casus.objects.zichtbaar_voor(request.user).select_related("gemeente", "sessie", "jeugdige")
    wachtend = list(casussen.wachtend().voorstel_volgorde()[:50])
    eigen = list(casussen.exclude(status="ingediend").order_by("-ingediend_op")[:50])
    niet_gevolgd = (
        list(casussen.filter(opvolging__opgevolgd=False).select_related("opvolging")[:50]) if mag_plannen else []
    )
    log_lijst(request.user, "experttafel.casus", [c for c in wachtend + eigen if c.jeugdige_id], "jeugdige_id", request)
    return render(
        request,
        "experttafel/overzicht.html",
        {
            "jaar": jaar,
            "sessies": sessies,
            "wachtend": wachtend,
            "eigen": eigen,
            "niet_gevolgd": niet_gevolgd,
            "mag_plannen": mag_plannen,
            "mag_inbrengen": request.user.has_perm("experttafel.inbrengen"),
            "instelling": Instelling.huidige(),
            "extra_form": forms.ExtraSessieForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inbrengen(request):
    vereist(request.user, "experttafel.inbrengen")
    form = forms.InbrengForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        jeugdige = None
        if d["toestemming"]:
            jeugdige = {k: d[k] for k in ("voornaam", "achternaam", "geboortedatum", "bsn")} | {
                "gemeente": d["gemeente"]
            }
        try:
            casus = services.indienen(
                request.user,
                vraag=d["vraag"],
                toestemming=d["toestemming"],
                jeugdige=jeugdige,
                gemeente=d["gemeente"],
                geprobeerd=d["geprobeerd"],
                gezinssituatie=d["gezinssituatie"],
                domeinen=d["domeinen"],
                urgentie=d["urgentie"],
                request=request,
            )
        except ValidationError as exc:
            fouten_naar_form(form, exc)
        else:
            messages.success(request, f"Casus {casus.pk} is ingebracht. De voorzitter plant haar op een sessie.")
            return redirect("experttafel:casus", pk=casus.pk)
    return render(request, "experttafel/inbrengen.html", {"form": form})


def _pagina_casus(request, pk) -> Casus:
    return get_object_or_404(
        Casus.objects.zichtbaar_voor(request.user)
        .select_related("gemeente", "sessie", "jeugdige", "inbrenger", "advies", "opvolging")
        .prefetch_related("domeinen", "themas", "deelnemers"),
        pk=pk,
    )


ACTIES = {
    # actie: (permission, form class or None, service call)
    "agenderen": (
        "experttafel.plannen",
        forms.AgendaForm,
        lambda r, c, d: services.agenderen(r.user, c, d["sessie"], request=r),
    ),
    "deelnemer": (
        "experttafel.plannen",
        forms.DeelnemerForm,
        lambda r, c, d: services.deelnemer_toevoegen(r.user, c, **d),
    ),
    "uitnodigen": ("experttafel.plannen", None, lambda r, c, d: services.uitnodigen(r.user, c, request=r)),
    "besproken": ("experttafel.adviseren", None, lambda r, c, d: services.besproken(r.user, c, request=r)),
    "advies": (
        "experttafel.adviseren",
        forms.AdviesForm,
        lambda r, c, d: services.adviseren(r.user, c, request=r, **d),
    ),
    "opvolging": (
        "experttafel.opvolgen",
        forms.OpvolgingForm,
        lambda r, c, d: services.opvolging_vastleggen(r.user, c, request=r, **d),
    ),
    "escaleren": (
        "experttafel.adviseren",
        forms.RedenForm,
        lambda r, c, d: services.escaleren(r.user, c, request=r, **d),
    ),
    "intrekken": (
        "experttafel.intrekken",
        forms.RedenForm,
        lambda r, c, d: services.intrekken(r.user, c, request=r, **d),
    ),
    "sluiten": (
        "experttafel.adviseren",
        forms.SluitenForm,
        lambda r, c, d: services.sluiten(r.user, c, request=r, **d),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def casus(request, pk):
    obj = _pagina_casus(request, pk)
    if request.method == "POST":
        actie = request.POST.get("actie", "")
        if actie not in ACTIES:
            messages.error(request, "Onbekende actie.")
            return redirect("experttafel:casus", pk=obj.pk)
        perm, form_cls, uitvoeren = ACTIES[actie]
        vereist(request.user, perm, obj)
        form = form_cls(request.POST) if form_cls else None
        if form is not None and not form.is_valid():
            messages.error(
                request,
                "Niet opgeslagen: "
                + "; ".join(
                    f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}" for k, v in form.errors.items()
                ),
            )
        else:
            try:
                uitvoeren(request, obj, form.cleaned_data if form else {})
                messages.success(request, "Opgeslagen.")
                return redirect("experttafel:casus", pk=obj.pk)
            except (ValidationError, Conflict) as exc:
                messages.error(request, "Niet opgeslagen: " + leesbaar(exc))
        obj = _pagina_casus(request, pk)
    else:
        log(request.user, Actie.INZIEN, "experttafel.casus", obj, obj.jeugdige, request)
    mag = {actie: request.user.has_perm(perm, obj) for actie, (perm, _, _) in ACTIES.items()}
    return render(
        request,
        "experttafel/casus.html",
        {
            "c": obj,
            "mag": mag,
            "agenda_form": forms.AgendaForm(),
            "deelnemer_form": forms.DeelnemerForm(),
            "advies_form": forms.AdviesForm(),
            "opvolging_form": forms.OpvolgingForm(),
            "reden_form": forms.RedenForm(),
            "sluiten_form": forms.SluitenForm(),
        },
    )


@login_required
def leercirkel(request):
    """Themes across cases with counts and anonymised lessons: no names, no case numbers."""
    vereist(request.user, "experttafel.leercirkel_zien")
    themas = (
        Thema.objects.filter(actief=True).annotate(aantal=Count("casus", distinct=True)).order_by("-aantal", "label")
    )
    lessen = Casus.objects.exclude(les="").prefetch_related("themas").only("les").order_by("-besproken_op")[:100]
    return render(request, "experttafel/leercirkel.html", {"themas": themas, "lessen": lessen})
