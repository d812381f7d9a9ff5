"""Service-point pages: the region's capacity, decisions and the two-week rule, the waiting list, matching."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.permissions import vereist
from audit.services import log_lijst
from flevojeugd.paginaacties import Actie, Afhandeling, afhandelen, eenmalig_aanmaken, niet_opgeslagen
from flevojeugd.toegang import jeugdpagina
from kern.bezetting import DEFINITIE, met_bezetting
from kern.filters import zoek_pagina
from kern.fouten import Conflict, fouten_naar_form, id_uit, leesbaar
from kern.idempotentie import eenmalig
from kern.models import Gemeente, Regioinstelling, Voorziening

from . import afwegingskader, correcties, forms, regels, services
from .filters import BeschikkingFilter
from .models import Beschikking, Capaciteitsmelding, Landschapsmelding, Overbrugging, Plaatsing, Woonplaatswijziging


@login_required
@require_http_methods(["GET", "POST"])
def overzicht(request):
    """The capacity registry: per facility, and per kind × municipality, with notices and the trend."""
    vereist(request.user, "servicepunt.overzicht_zien")
    if request.method == "POST":
        voorziening = get_object_or_404(Voorziening, pk=id_uit(request.POST.get("voorziening"), "voorziening"))
        vereist(request.user, "servicepunt.capaciteit_bevestigen", voorziening)
        form = forms.CapaciteitForm(request.POST)
        if form.is_valid():
            services.capaciteit_bevestigen(request.user, voorziening, capaciteit=form.cleaned_data["capaciteit"])
            messages.success(request, f"Capaciteit van {voorziening.naam} bevestigd.")
        else:
            messages.error(request, "Vul een aantal plaatsen van 0 of meer in.")
        return redirect("servicepunt:overzicht")
    return _overzicht(request)


def _overzicht(request, landschap_form=None):
    vandaag = timezone.localdate()
    voorzieningen = list(
        met_bezetting(Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=True), vandaag)
        .select_related("type", "aanbieder", "gemeente")
        .order_by("type__volgorde", "gemeente__volgorde", "naam")
    )
    grens = timezone.now() - datetime.timedelta(days=Regioinstelling.huidige().capaciteit_verouderd_na_dagen)
    for v in voorzieningen:
        v.verouderd = v.bevestigd_op is None or v.bevestigd_op < grens
        v.mag_bevestigen = request.user.has_perm("servicepunt.capaciteit_bevestigen", v)
    # Needed (decisions waiting) against available (free places), per kind of stay.
    nodig = {}
    for b in Beschikking.objects.wachtend(vandaag).values("zorgtype_id", "zorgtype__label"):
        nodig.setdefault(b["zorgtype_id"], {"label": b["zorgtype__label"], "nodig": 0, "vrij": 0})["nodig"] += 1
    for v in voorzieningen:
        nodig.setdefault(v.type_id, {"label": v.type.label, "nodig": 0, "vrij": 0})["vrij"] += v.vrij
    trend = list(
        Capaciteitsmelding.objects.filter(gemeld_op__gte=timezone.now() - datetime.timedelta(days=365))
        .select_related("voorziening")
        .order_by("-gemeld_op")[:30]
    )
    # A notice records the occupancy of its moment; beside it the occupancy now (from the table
    # above, no extra query), so "bezet 0" from a month ago is not read as today's figure.
    nu_bezet = {v.pk: v.bezet for v in voorzieningen}
    for m in trend:
        m.nu_bezet = nu_bezet.get(m.voorziening_id)
    meldingen = Landschapsmelding.objects.filter(
        ingangsdatum__gte=vandaag - datetime.timedelta(days=90)
    ).select_related("aanbieder", "voorziening")
    return render(
        request,
        "servicepunt/overzicht.html",
        {
            "voorzieningen": voorzieningen,
            "nodig": nodig.values(),
            "definitie": DEFINITIE,
            "trend": trend,
            "meldingen": meldingen,
            "capaciteit_form": forms.CapaciteitForm(),
            "landschap_form": landschap_form
            or (
                forms.LandschapForm(user=request.user)
                if request.user.has_perm("servicepunt.landschap_melden")
                else None
            ),
        },
    )


@login_required
@require_http_methods(["POST"])
def landschap(request):
    vereist(request.user, "servicepunt.landschap_melden")
    form = forms.LandschapForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.landschap_melden(request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_naar_form(form, exc)
        else:
            messages.success(request, "De melding staat op het overzicht voor iedereen in de regio.")
            return redirect("servicepunt:overzicht")
    # Shown again with what the user typed and the error at its field (never a bare 403).
    niet_opgeslagen(request, form)
    return _overzicht(request, landschap_form=form)


def _beschikkingen(user):
    return Beschikking.objects.zichtbaar_voor(user).select_related(
        "jeugdige", "gemeente", "brp_gemeente", "zorgtype", "aanbieder"
    )


@jeugdpagina("servicepunt.beschikkingen_zien", onderwerp="servicepunt.beschikking")
@require_http_methods(["GET", "POST"])
def beschikkingen(request):
    """Open and overdue decisions against the two-week rule, and registering a new one."""
    form = forms.BeschikkingForm(request.POST or None)
    if request.method == "POST":
        vereist(request.user, "servicepunt.beschikking_registreren")
        if form.is_valid():
            d = form.cleaned_data
            try:
                # A double click sends the same form token twice: the first decision, shown again.
                antwoord = eenmalig_aanmaken(
                    request,
                    form,
                    "servicepunt.beschikking",
                    lambda: services.beschikking_registreren(
                        request.user,
                        jeugdige={
                            "voornaam": d["voornaam"],
                            "achternaam": d["achternaam"],
                            "geboortedatum": d["geboortedatum"],
                            "bsn": d["bsn"],
                            "gemeente": d["woongemeente"],
                            "kader": d["kader"],
                            "gezag": "derden" if d["gezag_derden"] else "ouders",
                        },
                        afgegeven_op=d["afgegeven_op"],
                        zorgtype=d["zorgtype"],
                        aanbieder=d["aanbieder"],
                        gezag_derden=d["gezag_derden"],
                        wlz_indicatie=d["wlz_indicatie"],
                        buiten_regio=d["buiten_regio"],
                        verwachte_start=d["verwachte_start"],
                        request=request,
                    ),
                    pagina="servicepunt:beschikking",
                    gelukt=lambda _: messages.success(request, "Beschikking geregistreerd."),
                )
                if antwoord is not None:
                    return antwoord
            except Conflict as exc:  # the same decision registered again, from another form
                form.add_error(None, leesbaar(exc))
    vandaag = timezone.localdate()
    rijen = list(
        _beschikkingen(request.user)
        .met_eerste_start()
        .order_by("afgegeven_op")
        .filter(afgegeven_op__gte=vandaag - datetime.timedelta(days=120))[:300]
    )
    for b in rijen:
        b.uiterlijk = regels.uiterlijk_gestart(b.afgegeven_op)
        b.termijn = regels.tweewekenregel(b.afgegeven_op, b.eerste_start, vandaag)
    werk = [b for b in rijen if b.termijn in ("open", "bijna", "verlopen")]
    wlz = [b for b in rijen if b.wlz_indicatie]  # a signal, whatever the two-week rule says
    log_lijst(request.user, "servicepunt.beschikking", werk + [b for b in wlz if b not in werk], "jeugdige_id", request)
    return render(
        request,
        "servicepunt/beschikkingen.html",
        {
            "werk": werk,
            "wlz": wlz,
            "wlz_wat_te_doen": regels.WLZ_WAT_TE_DOEN,
            "labels": regels.TWEEWEKEN_LABELS,
            "form": form,
            "mag_registreren": request.user.has_perm("servicepunt.beschikking_registreren"),
        },
    )


def _beschikking_met_alles():
    return Beschikking.objects.select_related(
        "jeugdige", "gemeente", "brp_gemeente", "zorgtype", "aanbieder"
    ).prefetch_related(
        Prefetch("plaatsingen", queryset=Plaatsing.objects.select_related("voorziening", "eerste_keus")),
        Prefetch("overbruggingen", queryset=Overbrugging.objects.order_by("startdatum")),
        Prefetch("woonplaatswijzigingen", queryset=Woonplaatswijziging.objects.select_related("van", "naar")),
    )


def _plaatsing_van(beschikking: Beschikking, pk: int) -> Plaatsing:
    return get_object_or_404(Plaatsing, pk=pk, beschikking=beschikking)


def _gemeente_gewijzigd(request, obj, d):
    """Woonplaatsbeginsel: the one explicit, reasoned and audited way the responsible
    municipality changes. An access team that hands the decision on no longer sees it."""
    messages.success(request, f"{d['gemeente']} is nu de verantwoordelijke gemeente.")
    if _beschikkingen(request.user).filter(pk=obj.pk).exists():
        return redirect("servicepunt:beschikking", pk=obj.pk)
    return redirect("servicepunt:beschikkingen")


# The decision page's actions (flevojeugd.paginaacties). Each form has its own ids, so a label
# never points at another form's field (three forms have a start date).
ACTIES = {
    "ambulant": Actie(
        "servicepunt.plaatsen",
        lambda r, b, d: services.ambulant_gestart(r.user, b, request=r, **d),
        form=lambda data, b: forms.StartForm(data, auto_id="id_ambulant_%s"),
    ),
    "overbrugging": Actie(
        "servicepunt.plaatsen",
        lambda r, b, d: services.overbrugging_toevoegen(r.user, b, request=r, **d),
        form=lambda data, b: forms.OverbruggingForm(data, auto_id="id_overbrugging_%s"),
    ),
    "plaatsen": Actie(
        "servicepunt.plaatsen",
        # A double click sends the same form token twice: one placement (kern/idempotentie.py).
        lambda r, b, d: eenmalig(r, "servicepunt.plaatsing", lambda: services.plaatsen(r.user, b, request=r, **d)),
        form=lambda data, b: forms.PlaatsingForm(data, auto_id="id_plaatsen_%s"),
    ),
    "einde": Actie(
        "servicepunt.plaatsen",
        lambda r, p, d: services.plaatsing_beeindigen(r.user, p, request=r, **d),
        form=lambda data, p: forms.EindeForm(data, auto_id=f"id_einde{p.pk}_%s"),
        doel=_plaatsing_van,
        doel_naam="plaatsing",
    ),
    "gemeente": Actie(
        "servicepunt.gemeente_wijzigen",
        lambda r, b, d: services.gemeente_wijzigen(r.user, b, request=r, **d),
        form=lambda data, b: forms.GemeenteWijzigenForm(data, auto_id="id_gemeente_%s"),
        na=_gemeente_gewijzigd,
    ),
    "corrigeer-beschikking": Actie(
        "servicepunt.corrigeren",
        lambda r, b, d: correcties.beschikking_corrigeren(r.user, b, request=r, **d),
        form=lambda data, b: forms.BeschikkingCorrectieForm(data, beschikking=b, prefix="corr-b"),
    ),
    "corrigeer": Actie(
        "servicepunt.corrigeren",
        lambda r, p, d: correcties.plaatsing_corrigeren(r.user, p, request=r, **d),
        form=lambda data, p: forms.PlaatsingCorrectieForm(data, plaatsing=p, prefix=f"corr{p.pk}"),
        doel=_plaatsing_van,
        doel_naam="plaatsing",
    ),
}


@jeugdpagina("servicepunt.beschikkingen_zien", onderwerp="servicepunt.beschikking", record=_beschikking_met_alles)
@require_http_methods(["GET", "POST"])
def beschikking(request, obj):
    uitkomst = Afhandeling()
    if request.method == "POST":
        uitkomst = afhandelen(request, obj, ACTIES, terug=reverse("servicepunt:beschikking", args=[obj.pk]))
        if not isinstance(uitkomst, Afhandeling):
            return uitkomst
    f = uitkomst.formulier
    plaatsingen = list(obj.plaatsingen.all())
    for p in plaatsingen:
        p.eindeform = f("einde", lambda p=p: forms.EindeForm(auto_id=f"id_einde{p.pk}_%s"), p)
    mag_corrigeren = request.user.has_perm("servicepunt.corrigeren", obj)
    eerste = Beschikking.objects.filter(pk=obj.pk).met_eerste_start().values_list("eerste_start", flat=True).get()
    vandaag = timezone.localdate()
    termijn = regels.tweewekenregel(obj.afgegeven_op, eerste, vandaag)
    mag = request.user.has_perm("servicepunt.plaatsen", obj)
    lopend = [p for p in plaatsingen if p.einddatum is None]
    # The next step(s) the page puts first: start help (or place) while nothing runs, end a running placement.
    if not mag:
        volgende = []
    elif lopend:
        volgende = ["einde"]
    elif eerste is None:
        volgende = ["start", "plaatsen"] if obj.zorgtype_id else ["start"]
    else:
        volgende = ["plaatsen"] if obj.zorgtype_id else []
    return render(
        request,
        "servicepunt/beschikking.html",
        {
            "b": obj,
            "plaatsingen": plaatsingen,
            "uiterlijk": regels.uiterlijk_gestart(obj.afgegeven_op),
            "eerste_start": eerste,
            "termijn": regels.TWEEWEKEN_LABELS[termijn],
            "termijn_status": termijn,
            "volgende": volgende,
            "gemeente_open": uitkomst.naam == "gemeente",
            "mag": mag,
            "start_form": f("ambulant", lambda: forms.StartForm(auto_id="id_ambulant_%s")),
            "overbrugging_form": f("overbrugging", lambda: forms.OverbruggingForm(auto_id="id_overbrugging_%s")),
            "plaatsing_form": f("plaatsen", lambda: forms.PlaatsingForm(auto_id="id_plaatsen_%s")),
            "wlz_wat_te_doen": regels.WLZ_WAT_TE_DOEN,
            "leeftijd": obj.jeugdige.leeftijd(vandaag),
            "gemeente_form": f("gemeente", lambda: forms.GemeenteWijzigenForm(auto_id="id_gemeente_%s")),
            "mag_gemeente_wijzigen": request.user.has_perm("servicepunt.gemeente_wijzigen", obj),
            "correctieform": f(
                "corrigeer-beschikking", lambda: forms.BeschikkingCorrectieForm(beschikking=obj, prefix="corr-b")
            )
            if mag_corrigeren
            else None,
            "plaatsingcorrecties": [
                (p, f("corrigeer", lambda p=p: forms.PlaatsingCorrectieForm(plaatsing=p, prefix=f"corr{p.pk}"), p))
                for p in plaatsingen
            ]
            if mag_corrigeren
            else [],
            # The earlier values of every corrected fact, with who, when and why.
            "geschiedenis": correcties.geschiedenis_van(obj, plaatsingen),
            "alternatieven": uitkomst.alternatieven,
        },
    )


@jeugdpagina("servicepunt.beschikkingen_zien", onderwerp="servicepunt.beschikking")
@require_http_methods(["GET", "POST"])
def beschikkingen_zoeken(request):
    """Every decision the user may see, searched with the API's own FilterSet; the search form
    posts (kern/filters.py says why)."""
    qs = _beschikkingen(request.user).order_by("-afgegeven_op", "-id")
    zoek, pagina = zoek_pagina(request, BeschikkingFilter, qs)
    log_lijst(request.user, "servicepunt.beschikking", pagina.object_list, "jeugdige_id", request)
    return render(request, "servicepunt/beschikkingen_zoeken.html", {"pagina": pagina, "filter": zoek})


@jeugdpagina("servicepunt.beschikkingen_zien", onderwerp="servicepunt.wachtlijst")
def wachtlijst(request):
    vandaag = timezone.localdate()
    qs = (
        _beschikkingen(request.user).wachtend(vandaag).prefetch_related("overbruggingen").order_by("afgegeven_op", "id")
    )
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    for b in pagina:
        b.wachtdagen = (vandaag - b.afgegeven_op).days
    log_lijst(request.user, "servicepunt.wachtlijst", pagina, "jeugdige_id", request)
    # The capacity page counts the whole region's waiting decisions (a count, no names); a list
    # scoped to one municipality or provider says so, instead of "Niemand wacht" beside "Wachtend 21".
    regio = Beschikking.objects.wachtend(vandaag).count() if request.user.rol != "servicepunt" else None
    return render(request, "servicepunt/wachtlijst.html", {"rijen": pagina, "pagina": pagina, "regio_totaal": regio})


@login_required
def matching(request):
    vereist(request.user, "servicepunt.matching")
    form = forms.MatchingForm(request.GET or None)
    advies = kandidaten = None
    if form.is_valid():
        d = dict(form.cleaned_data)
        gemeente: Gemeente = d.pop("gemeente")
        advies, kandidaten = services.matching(afwegingskader.Vraag(**d), gemeente)
    return render(request, "servicepunt/matching.html", {"form": form, "advies": advies, "kandidaten": kandidaten})
