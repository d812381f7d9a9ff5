"""Expert-table pages: the chair's year, the agenda, a case from submission to follow-up."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.permissions import vereist
from audit.services import log_lijst
from flevojeugd.paginaacties import Actie, Afhandeling, afhandelen, eenmalig_aanmaken, mogelijk, niet_opgeslagen
from flevojeugd.toegang import jeugdpagina, zichtbaar_of_404
from kern import termijnen
from kern.filters import zoek_pagina
from kern.fouten import Conflict, fouten_naar_form, id_uit, leesbaar
from kern.models import Regioinstelling

from . import correcties, forms, regels, services
from .filters import CasusFilter
from .models import Casus, Doel, Leerevaluatie, Opvolging, Sessie, Thema


@jeugdpagina("experttafel.overzicht_zien", onderwerp="experttafel.casus")
@require_http_methods(["GET", "POST"])
def overzicht(request):
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
                except (ValidationError, Conflict) as exc:
                    messages.error(request, "Niet toegevoegd: " + leesbaar(exc))
            else:
                messages.error(request, "Vul een geldige datum en een geldig aantal casussen in.")
        return redirect(f"{request.path}?jaar={jaar}")
    sessies = _sessies_met_agenda(Sessie.objects.filter(datum__year=jaar))
    casussen = Casus.objects.zichtbaar_voor(request.user).select_related("gemeente", "sessie", "jeugdige")
    wachtend = list(casussen.wachtend().voorstel_volgorde()[:50])
    eigen = list(casussen.exclude(status=Casus.Status.INGEDIEND).order_by("-ingediend_op")[:50])
    niet_gevolgd = (
        list(
            Opvolging.objects.filter(opgevolgd=False, casus__in=casussen)
            .select_related("casus__gemeente", "aanbieder")
            .order_by("-vastgelegd_op")[:50]
        )
        if mag_plannen
        else []
    )
    log_lijst(request.user, "experttafel.casus", [c for c in wachtend + eigen if c.jeugdige_id], "jeugdige_id", request)
    return render(
        request,
        "experttafel/overzicht.html",
        {
            "jaar": jaar,
            "vandaag": vandaag,
            "sessies": sessies,
            "wachtend": wachtend,
            "eigen": eigen,
            "niet_gevolgd": niet_gevolgd,
            "mag_plannen": mag_plannen,
            "mag_agenda": request.user.has_perm("experttafel.agenda_zien"),
            "mag_inbrengen": request.user.has_perm("experttafel.inbrengen"),
            "instelling": Regioinstelling.huidige(),
            "extra_form": forms.ExtraSessieForm(),
        },
    )


@jeugdpagina("experttafel.overzicht_zien", onderwerp="experttafel.casus")
@require_http_methods(["GET", "POST"])
def casussen(request):
    """Every case the user may see, searched with the API's own FilterSet; the search form
    posts (kern/filters.py says why)."""
    qs = Casus.objects.zichtbaar_voor(request.user).select_related("gemeente", "sessie", "jeugdige")
    zoek, pagina = zoek_pagina(request, CasusFilter, qs.order_by("-ingediend_op", "-id"))
    log_lijst(request.user, "experttafel.casus", [c for c in pagina if c.jeugdige_id], "jeugdige_id", request)
    return render(request, "experttafel/casussen.html", {"pagina": pagina, "filter": zoek})


def _sessies_met_agenda(sessies):
    """Sessions with their agenda (counts and the places of their cases) in one extra query."""
    op_agenda = Casus.objects.exclude(status__in=[Casus.Status.INGETROKKEN, Casus.Status.INGEDIEND]).only(
        "id", "sessie_id", "plaats", "besproken_op", "status"
    )
    sessies = list(sessies.prefetch_related(Prefetch("casussen", queryset=op_agenda, to_attr="agenda")))
    for s in sessies:
        s.aantal = len(s.agenda)
        s.aantal_besproken = sum(1 for c in s.agenda if c.besproken_op)
        s.plaatsen = sorted({c.plaats for c in s.agenda if c.plaats}) or [s.plaats]
    return sessies


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
        # A double click sends the same form token twice: one case, the first one shown.
        antwoord = eenmalig_aanmaken(
            request,
            form,
            "experttafel.casus",
            lambda: services.indienen(
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
            ),
            pagina="experttafel:casus",
            gelukt=lambda casus: messages.success(
                request, f"Casus {casus.pk} is ingebracht. De voorzitter plant haar op een sessie."
            ),
        )
        if antwoord is not None:
            return antwoord
    return render(request, "experttafel/inbrengen.html", {"form": form})


def _casus_met_alles():
    return Casus.objects.select_related("gemeente", "sessie", "jeugdige", "inbrenger", "advies").prefetch_related(
        "domeinen", "themas", "deelnemers", "advies__aanbieders", "opvolgingen__aanbieder", "opvolgingen__casus"
    )


def _opvolging_form(casus: Casus, data=None, correctie: bool = False):
    """The follow-up form offers the parties of this case's advice."""
    aanbieders = casus.advies.aanbieders.all() if hasattr(casus, "advies") else None
    if correctie:
        return forms.OpvolgingCorrectieForm(data, aanbieders=aanbieders, prefix="corr")
    return forms.OpvolgingForm(data, aanbieders=aanbieders)


# The case page's actions (flevojeugd.paginaacties): permission, form, service call.
ACTIES = {
    "agenderen": Actie(
        "experttafel.plannen",
        lambda r, c, d: services.agenderen(r.user, c, d["sessie"], request=r),
        form=forms.AgendaForm,
    ),
    "deelnemer": Actie(
        "experttafel.plannen",
        lambda r, c, d: services.deelnemer_toevoegen(r.user, c, request=r, **d),
        form=forms.DeelnemerForm,
    ),
    "uitnodigen": Actie("experttafel.plannen", lambda r, c, d: services.uitnodigen(r.user, c, request=r)),
    "besproken": Actie("experttafel.adviseren", lambda r, c, d: services.besproken(r.user, c, request=r)),
    "advies": Actie(
        "experttafel.adviseren",
        lambda r, c, d: services.adviseren(r.user, c, request=r, **d),
        form=forms.AdviesForm,
    ),
    "opvolging": Actie(
        "experttafel.opvolgen",
        lambda r, c, d: services.opvolging_vastleggen(r.user, c, request=r, **d),
        form=lambda data, c: _opvolging_form(c, data),
    ),
    # A recorded follow-up that is wrong is corrected with a reason (#12.6).
    "opvolging_correctie": Actie(
        "experttafel.opvolgen",
        lambda r, c, d: correcties.opvolging_corrigeren(r.user, c, request=r, **d),
        form=lambda data, c: _opvolging_form(c, data, correctie=True),
    ),
    "escaleren": Actie(
        "experttafel.adviseren",
        lambda r, c, d: services.escaleren(r.user, c, request=r, **d),
        form=lambda data, c: forms.RedenForm(data, auto_id="id_escaleren_%s"),
    ),
    "escalatie_uitkomst": Actie(
        "experttafel.adviseren",
        lambda r, c, d: services.escalatie_uitkomst(r.user, c, request=r, **d),
        form=forms.EscalatieUitkomstForm,
    ),
    "intrekken": Actie(
        "experttafel.intrekken",
        lambda r, c, d: services.intrekken(r.user, c, request=r, **d),
        form=lambda data, c: forms.RedenForm(data, auto_id="id_intrekken_%s"),
    ),
    "sluiten": Actie(
        "experttafel.adviseren",
        lambda r, c, d: services.sluiten(r.user, c, request=r, **d),
        form=forms.SluitenForm,
    ),
}


@jeugdpagina("experttafel.overzicht_zien", onderwerp="experttafel.casus", record=_casus_met_alles)
@require_http_methods(["GET", "POST"])
def casus(request, obj):
    uitkomst = Afhandeling()
    if request.method == "POST":
        uitkomst = afhandelen(request, obj, ACTIES, terug=reverse("experttafel:casus", args=[obj.pk]))
        if not isinstance(uitkomst, Afhandeling):
            return uitkomst
        obj = zichtbaar_of_404(request, _casus_met_alles(), obj.pk, "experttafel.casus")
    f = uitkomst.formulier
    vastgelegd = {o.aanbieder_id for o in obj.opvolgingen.all()}
    partijen = services.partijen(obj)
    open_partijen = [p for p in partijen if (p.pk if p else None) not in vastgelegd]
    return render(
        request,
        "experttafel/casus.html",
        {
            "c": obj,
            "mag": mogelijk(request.user, obj, ACTIES),
            "agenda_form": f("agenderen", forms.AgendaForm),
            "deelnemer_form": f("deelnemer", forms.DeelnemerForm),
            "advies_form": f("advies", forms.AdviesForm),
            "opvolging_form": f("opvolging", lambda: _opvolging_form(obj)),
            "opvolging_correctieform": f("opvolging_correctie", lambda: _opvolging_form(obj, correctie=True))
            if obj.opvolgingen.all()
            else None,
            "geschiedenis": correcties.geschiedenis_van(obj),
            "open_partijen": open_partijen,
            "na_sessie": obj.sessie is None or obj.sessie.datum <= timezone.localdate(),
            "tijd": services.tijdslot(obj) if obj.sessie_id and obj.status == Casus.Status.GEPLAND else None,
            "uitkomst_form": f("escalatie_uitkomst", forms.EscalatieUitkomstForm),
            "escaleren_form": f("escaleren", lambda: forms.RedenForm(auto_id="id_escaleren_%s")),
            "reden_form": f("intrekken", lambda: forms.RedenForm(auto_id="id_intrekken_%s")),
            "sluiten_form": f("sluiten", forms.SluitenForm),
        },
    )


@login_required
def leercirkel(request):
    """Themes across cases with counts and anonymised lessons: no names, no case numbers."""
    vereist(request.user, "experttafel.leercirkel_zien")
    themas = (
        Thema.objects.filter(actief=True)
        .annotate(aantal=Count("casus", distinct=True))
        .order_by("doel", "-aantal", "label")
    )
    lessen = Casus.objects.exclude(les="").prefetch_related("themas").only("les").order_by("-besproken_op")[:100]
    return render(request, "experttafel/leercirkel.html", {"themas": themas, "lessen": lessen})


def _agenda(request, pk):
    sessie = get_object_or_404(Sessie, pk=pk)
    casussen = list(
        Casus.objects.zichtbaar_voor(request.user)
        .filter(sessie=sessie)
        .exclude(status__in=[Casus.Status.INGETROKKEN, Casus.Status.INGEDIEND])
        .select_related("gemeente", "sessie")
        .prefetch_related("deelnemers")
        .order_by("volgorde", "pk")
    )
    minuten = Regioinstelling.huidige().tijdslot_minuten
    for c in casussen:
        c.tijd = services.tijdslot(c, minuten)
        c.ontbreekt = regels.ontbrekende_stukken(c)
        c.uitgenodigd = bool(c.deelnemers.all()) and all(d.uitgenodigd_op for d in c.deelnemers.all())
    log_lijst(request.user, "experttafel.agenda", [c for c in casussen if c.jeugdige_id], "jeugdige_id", request)
    return sessie, casussen


AGENDA_ACTIES = {"eerder", "later", "verplaatsen", "annuleren"}


@jeugdpagina("experttafel.agenda_zien", onderwerp="experttafel.agenda")
@require_http_methods(["GET", "POST"])
def sessie(request, pk):
    """A session's agenda: the cases in order with their time slot, place, participants and the
    state of their documents; the chair moves cases between slots, moves or cancels the session."""
    if request.method == "POST":
        vereist(request.user, "experttafel.plannen")
        obj = get_object_or_404(Sessie, pk=pk)
        actie = request.POST.get("actie", "")
        try:
            if actie in ("eerder", "later"):
                casus = get_object_or_404(Casus, pk=id_uit(request.POST.get("casus"), "casus"), sessie=obj)
                services.volgorde_wijzigen(
                    request.user, casus, richting=-1 if actie == "eerder" else 1, request=request
                )
            elif actie == "verplaatsen":
                form = forms.VerplaatsenForm(request.POST)
                if not form.is_valid():
                    raise ValidationError({"datum": ["Vul een geldige datum in."]})
                services.sessie_verplaatsen(request.user, obj, datum=form.cleaned_data["datum"], request=request)
            elif actie == "annuleren":
                services.annuleer_sessie(obj, reden=request.POST.get("reden", ""))
            else:
                messages.error(request, "Onbekende actie.")
                return redirect("experttafel:sessie", pk=obj.pk)
            messages.success(request, "Opgeslagen.")
        except (ValidationError, Conflict) as exc:
            niet_opgeslagen(request, exc)
        return redirect("experttafel:sessie", pk=obj.pk)
    obj, casussen = _agenda(request, pk)
    return render(
        request,
        "experttafel/sessie.html",
        {
            "sessie": obj,
            "casussen": casussen,
            "geweest": obj.datum < timezone.localdate(),
            "mag_plannen": request.user.has_perm("experttafel.plannen"),
            "verplaatsen_form": forms.VerplaatsenForm(),
            "annuleren_form": forms.AnnulerenForm(),
        },
    )


@jeugdpagina("experttafel.agenda_zien", onderwerp="experttafel.agenda")
def agenda_pdf(request, pk):
    """The printable agenda for the chair, as a tagged PDF."""
    from weasyprint import HTML  # lazy: only this view needs Pango

    obj, casussen = _agenda(request, pk)
    html = render_to_string(
        "experttafel/agenda_pdf.html",
        {"sessie": obj, "casussen": casussen, "gemaakt_op": timezone.localtime()},
    )
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True)
    antwoord = HttpResponse(pdf, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="agenda-experttafel-{obj.datum:%Y-%m-%d}.pdf"'
    return antwoord


@login_required
def leren(request):
    """Actieleren: the learning reviews due after out-of-home placements (open first), without
    names; the chair records each one."""
    vereist(request.user, "experttafel.leren_zien")
    vandaag = timezone.localdate()
    open_ = list(Leerevaluatie.objects.filter(gehouden_op__isnull=True).select_related("gemeente")[:200])
    for e in open_:
        e.termijn = termijnen.status(e.uiterlijk, None, vandaag)
    gehouden = list(
        Leerevaluatie.objects.filter(gehouden_op__isnull=False)
        .select_related("gemeente", "thema")
        .order_by("-gehouden_op")[:50]
    )
    per_doel = {
        Doel(r["thema__doel"]).label: r["n"]
        for r in Leerevaluatie.objects.filter(gehouden_op__isnull=False, thema__isnull=False)
        .values("thema__doel")
        .annotate(n=Count("id"))
        .order_by()
    }
    return render(
        request,
        "experttafel/leren.html",
        {"open": open_, "gehouden": gehouden, "per_doel": per_doel},
    )


@login_required
@require_http_methods(["GET", "POST"])
def leerevaluatie(request, pk):
    vereist(request.user, "experttafel.leren_zien")
    obj = get_object_or_404(Leerevaluatie.objects.select_related("gemeente", "thema"), pk=pk)
    form = forms.LeerevaluatieForm(request.POST or None)
    if request.method == "POST":
        vereist(request.user, "experttafel.leren_vastleggen")
        if form.is_valid():
            try:
                services.leerevaluatie_vastleggen(request.user, obj, **form.cleaned_data)
            except ValidationError as exc:
                fouten_naar_form(form, exc)
            except Conflict as exc:
                niet_opgeslagen(request, exc)
            else:
                messages.success(request, "Leerevaluatie vastgelegd.")
                return redirect("experttafel:leren")
    return render(
        request,
        "experttafel/leerevaluatie.html",
        {"e": obj, "form": form, "mag_vastleggen": request.user.has_perm("experttafel.leren_vastleggen")},
    )
