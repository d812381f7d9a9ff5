"""CCP pages: thin views over services.py, querysets.py and cijfers.py."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.permissions import vereist
from audit.services import log_lijst
from flevojeugd.paginaacties import Actie, Afhandeling, afhandelen, eenmalig_aanmaken, mogelijk
from flevojeugd.toegang import jeugdpagina, zichtbaar_of_404
from kern import kalender
from kern.aggregaties import Kwartaal
from kern.filters import zoek_pagina
from kern.fouten import id_uit
from kern.idempotentie import eenmalig
from kern.labels import alle_labels
from kern.models import Gemeente, Regioinstelling

from . import correcties, forms, regels, services
from .cijfers import ccp_cijfers, vervolg_rijen
from .filters import AanmeldingFilter
from .grafiek import verblijfsduur_grafiek
from .models import Aanmelding, Escalatie, Inzet, Toewijzing

DAGOVERZICHT_RIJEN = 25  # the most urgent first; the full lists are one click away


def _deel(qs) -> tuple[list, int]:
    rijen = list(qs[:DAGOVERZICHT_RIJEN])
    return rijen, (len(rijen) if len(rijen) < DAGOVERZICHT_RIJEN else qs.count())


@jeugdpagina("crisis.dagoverzicht_zien", onderwerp="crisis.dagoverzicht")
@vary_on_headers("HX-Request")
def dagoverzicht(request):
    nu = timezone.now()
    # Each referral stands in exactly one queue: the one its state names (regels.wachtrij).
    basis = Aanmelding.objects.met_details()
    geweigerd = Toewijzing.objects.filter(aanmelding=OuterRef("pk"), status=Toewijzing.Status.GEWEIGERD)
    nieuw, nieuw_totaal = _deel(basis.filter(status=Aanmelding.Status.NIEUW).order_by("behandelen_voor", "id"))
    for a in nieuw:
        a.termijn_status = regels.behandelen_status(a.behandelen_voor, None, nu)
    te_verdelen, te_verdelen_totaal = _deel(
        basis.filter(status=Aanmelding.Status.GETRIEERD)
        .annotate(was_geweigerd=Exists(geweigerd))
        .order_by("aangemeld_op", "id")
    )
    open_toewijzingen, open_totaal = _deel(
        Toewijzing.objects.filter(aanmelding__status=Aanmelding.Status.VERDEELD)
        .levend()
        .select_related("aanbieder", "aanmelding__jeugdige", "aanmelding__gemeente")
        .order_by("toegewezen_op", "id")
    )
    instelling = Regioinstelling.huidige()
    termijn = instelling.reactietermijn_werkuren
    sluit = kalender.sluitingsdagen()
    for t in open_toewijzingen:
        t.reageren_voor = kalender.werkuren_later(t.toegewezen_op, float(termijn), sluit)
        t.termijn_verstreken = t.status == Toewijzing.Status.TOEGEWEZEN and regels.reactietermijn_verstreken(
            t.reageren_voor, nu
        )
    vandaag = timezone.localdate()
    verblijven, verblijven_totaal = _deel(
        Inzet.objects.verblijven()
        .lopend()
        .met_perspectiefplan()
        .filter(plan_datum__isnull=True)
        .select_related("aanmelding__jeugdige", "voorziening", "hulpvorm")
        .order_by("startdatum", "id")
    )
    for v in verblijven:
        v.plan_uiterlijk = regels.perspectiefplan_uiterlijk(v.startdatum)
        v.plan_status = regels.perspectiefplan_status(v.startdatum, None, vandaag)
    signalen = _signalen(vandaag, instelling)
    getoond = (
        nieuw
        + te_verdelen
        + [t.aanmelding for t in open_toewijzingen]
        + [v.aanmelding for v in verblijven]
        + [v.aanmelding for v in signalen["lange_verblijven"]]
        + [e.inzet.aanmelding for e in signalen["escalaties"]]
    )
    log_lijst(request.user, "crisis.dagoverzicht", getoond, "jeugdige_id", request)
    # The poll (htmx, every 30 s) asks for the part that refreshes; the same queries as the page.
    return render(
        request,
        "crisis/_dagoverzicht.html" if request.htmx else "crisis/dagoverzicht.html",
        {
            "bijgewerkt": nu,
            "nieuw": nieuw,
            "nieuw_totaal": nieuw_totaal,
            "te_verdelen": te_verdelen,
            "te_verdelen_totaal": te_verdelen_totaal,
            "open_toewijzingen": open_toewijzingen,
            "open_totaal": open_totaal,
            "verblijven": verblijven,
            "verblijven_totaal": verblijven_totaal,
            "loket_open": kalender.loket_open(nu, kalender.sluitingsdagen()),
            "reactietermijn": termijn,
            "max_rijen": DAGOVERZICHT_RIJEN,
            **signalen,
        },
    )


def _signalen(vandaag: datetime.date, instelling: Regioinstelling) -> dict:
    """Long crisis stays (the regional term) and places taken above capacity that still run."""
    lang_na = instelling.lang_verblijf_dagen
    lange, lange_totaal = _deel(
        Inzet.objects.verblijven()
        .lopend()
        .filter(startdatum__lte=vandaag - datetime.timedelta(days=lang_na))
        .select_related("aanmelding__jeugdige", "voorziening")
        .order_by("startdatum", "id")
    )
    for v in lange:
        v.dagen = (vandaag - v.startdatum).days
    escalaties = list(
        Escalatie.objects.filter(inzet__einddatum__isnull=True)
        .select_related("inzet__aanmelding__jeugdige", "voorziening")
        .order_by("datum", "id")[:DAGOVERZICHT_RIJEN]
    )
    return {
        "lang_na": lang_na,
        "lange_verblijven": lange,
        "lange_verblijven_totaal": lange_totaal,
        "escalaties": escalaties,
    }


@jeugdpagina("crisis.aanmeldingen_zien", onderwerp="crisis.aanmelding")
@require_http_methods(["GET", "POST"])
def aanmeldingen(request):
    """Every referral the user may see, searched and filtered with the API's own FilterSet;
    the search form posts (kern/filters.py says why)."""
    qs = Aanmelding.objects.zichtbaar_voor(request.user).met_details().order_by("-aangemeld_op", "-id")
    zoek, pagina = zoek_pagina(request, AanmeldingFilter, qs)
    log_lijst(request.user, "crisis.aanmelding", pagina.object_list, "jeugdige_id", request)
    return render(request, "crisis/aanmeldingen.html", {"pagina": pagina, "filter": zoek})


@login_required
@require_http_methods(["GET", "POST"])
def aanmelden(request):
    vereist(request.user, "crisis.aanmelden")
    form = forms.AanmeldForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        jeugdige = {k: d[k] for k in ("voornaam", "achternaam", "geboortedatum", "bsn", "gemeente")}

        def gelukt(aanmelding):
            if not aanmelding.loket_open:
                messages.warning(
                    request,
                    "Het loket is nu gesloten. De aanmelding is vastgelegd en wordt "
                    f"behandeld vanaf {date_format(timezone.localtime(aanmelding.behandelen_voor), 'l d-m-Y H:i')}. "
                    f"Bij acute nood: bel de {_crisisdienst()}.",
                )
            else:
                messages.success(request, f"Aanmelding {aanmelding.registratienummer} is ontvangen.")

        # A double click sends the same form token twice: one referral, the first one shown.
        antwoord = eenmalig_aanmaken(
            request,
            form,
            "crisis.aanmelding",
            lambda: services.aanmelden(
                request.user,
                jeugdige=jeugdige,
                hulpvraag=d["hulpvraag"],
                toelichting=d["toelichting"],
                bron=d.get("bron"),
                request=request,
            ),
            pagina="crisis:aanmelding",
            gelukt=gelukt,
        )
        if antwoord is not None:
            return antwoord
    nu = timezone.now()
    return render(
        request,
        "crisis/aanmelden.html",
        {
            "form": form,
            "loket_open": kalender.loket_open(nu, sluit := kalender.sluitingsdagen()),
            "volgende_opening": kalender.volgende_opening(nu, sluit),
            # The hint about municipalities without the CCP loket only where it applies: to their own
            # access teams, and to roles that choose the municipality (CCP, GI); never to Almere's.
            "zonder_loket": Gemeente.objects.filter(in_regio=True, ccp_loket=False).filter(
                **({"code": request.user.gemeente_id} if request.user.gemeente_id else {})
            ),
        },
    )


def _crisisdienst() -> str:
    """'24-uurs crisisdienst op 0800-1234567': the name and number of the regional setting."""
    r = Regioinstelling.huidige()
    return r.crisisdienst_naam + (f" op {r.crisisdienst_telefoon}" if r.crisisdienst_telefoon else "")


def _aanmelding_met_alles():
    return Aanmelding.objects.met_details().prefetch_related(
        "geconsulteerd",
        Prefetch(
            "inzetten",
            queryset=Inzet.objects.met_perspectiefplan().select_related(
                "hulpvorm", "voorziening", "aanbieder", "vervolg_ambulant", "vervolg_verblijf"
            ),
        ),
        Prefetch("toewijzingen", queryset=Toewijzing.objects.select_related("aanbieder", "weigerreden")),
    )


def _inzet_van(aanmelding: Aanmelding, pk: int) -> Inzet:
    return get_object_or_404(
        Inzet.objects.select_related("hulpvorm", "voorziening", "vervolg_ambulant", "vervolg_verblijf"),
        pk=pk,
        aanmelding=aanmelding,
    )


# The referral page's actions (flevojeugd.paginaacties); `stap` ties them to the life cycle.
ACTIES = {
    "triage": Actie(
        "crisis.trieren",
        lambda r, a, d: services.trieren(r.user, a, request=r, **d),
        form=forms.TriageForm,
    ),
    "geen_inzet": Actie(
        "crisis.trieren",
        lambda r, a, d: services.geen_inzet(
            r.user,
            a,
            reden=d["reden"],
            alternatief=d.get("alternatief"),
            alternatief_toelichting=d.get("alternatief_toelichting", ""),
            request=r,
        ),
        form=forms.GeenInzetForm,
    ),
    "verdelen": Actie("crisis.verdelen", lambda r, a, d: services.verdelen(r.user, a, request=r)),
    "inzet": Actie(
        "crisis.inzetten",
        # A double click sends the same form token twice: one deployment (kern/idempotentie.py).
        lambda r, a, d: eenmalig(r, "crisis.inzet", lambda: services.inzetten(r.user, a, request=r, **d)),
        form=lambda data, a: forms.InzetForm(data, aanmelding=a),
    ),
    "accepteren": Actie("crisis.toewijzingen_zien", lambda r, a, d: services.accepteren(r.user, a, request=r)),
    "weigeren": Actie(
        "crisis.toewijzingen_zien",
        lambda r, a, d: services.weigeren(r.user, a, reden=d["reden"], toelichting=d["toelichting"], request=r),
        form=lambda data, a: forms.WeigerForm(data, auto_id="id_weigeren_%s"),
    ),
    "afsluiten": Actie(
        "crisis.afsluiten",
        lambda r, i, d: services.afsluiten(r.user, i, einddatum=d["einddatum"], vervolg=d["vervolg"], request=r),
        form=lambda data, i: forms.AfsluitenForm(data, verblijf=i.hulpvorm.verblijf, prefix=f"inzet{i.pk}"),
        doel=_inzet_van,
        doel_naam="inzet",
    ),
    "plan": Actie(
        "crisis.afsluiten",
        lambda r, i, d: services.perspectiefplan_vastleggen(
            r.user, i, datum=d["perspectiefplan_datum"], evaluatie_op=d.get("evaluatie_op"), request=r
        ),
        form=lambda data, i: forms.PlanForm(data, auto_id=f"id_plan{i.pk}_%s"),
        doel=_inzet_van,
        doel_naam="inzet",
    ),
    # A correction from the page: the same service as the API, the reason required.
    "corrigeer-aanmelding": Actie(
        "crisis.aanmelding_corrigeren",
        lambda r, a, d: correcties.aanmelding_corrigeren(r.user, a, request=r, **d),
        form=lambda data, a: forms.AanmeldingCorrectieForm(data, aanmelding=a, prefix="corr-a"),
    ),
    "corrigeer": Actie(
        "crisis.inzet_corrigeren",
        lambda r, i, d: correcties.inzet_corrigeren(r.user, i, request=r, **d),
        form=lambda data, i: forms.InzetCorrectieForm(data, inzet=i, prefix=f"corr{i.pk}"),
        doel=_inzet_van,
        doel_naam="inzet",
    ),
}
# The page's actions as steps of the life cycle (regels.STAPPEN): offered only when
# regels.VOLGENDE_STAPPEN names the step for the referral's state.
_STAP = {"triage": "trieren", "geen_inzet": "geen_inzet", "verdelen": "verdelen", "inzet": "inzetten"}
_LEVENSLOOP = ("triage", "geen_inzet", "verdelen", "inzet", "accepteren", "weigeren")


@jeugdpagina("crisis.aanmeldingen_zien", onderwerp="crisis.aanmelding", record=_aanmelding_met_alles)
@require_http_methods(["GET", "POST"])
def aanmelding(request, obj):
    uitkomst = Afhandeling()
    if request.method == "POST":
        uitkomst = afhandelen(request, obj, ACTIES, terug=reverse("crisis:aanmelding", args=[obj.pk]))
        if not isinstance(uitkomst, Afhandeling):
            return uitkomst
        obj = zichtbaar_of_404(request, _aanmelding_met_alles(), obj.pk, "crisis.aanmelding")
    vandaag = timezone.localdate()
    formulieren = {
        # A second triage starts from the first, including who was consulted.
        "triage": uitkomst.formulier(
            "triage",
            lambda: forms.TriageForm(
                initial={
                    "ernst": obj.ernst,
                    "aard": obj.aard,
                    "geconsulteerd": [g.pk for g in obj.geconsulteerd.all()],
                }
            ),
        ),
        "geen_inzet": uitkomst.formulier("geen_inzet", forms.GeenInzetForm),
        "inzet": uitkomst.formulier(
            "inzet",
            lambda: forms.InzetForm(initial={"startdatum": vandaag}, aanmelding=obj),
        ),
        "weigeren": uitkomst.formulier("weigeren", lambda: forms.WeigerForm(auto_id="id_weigeren_%s")),
    }
    inzetten = list(obj.inzetten.all())
    for inzet in inzetten:
        if inzet.hulpvorm.verblijf and inzet.startdatum:
            inzet.plan_uiterlijk = regels.perspectiefplan_uiterlijk(inzet.startdatum)
            inzet.plan_status = regels.perspectiefplan_status(inzet.startdatum, inzet.plan_datum, vandaag)
        inzet.afsluitform = uitkomst.formulier(
            "afsluiten",
            lambda i=inzet: forms.AfsluitenForm(verblijf=i.hulpvorm.verblijf, prefix=f"inzet{i.pk}"),
            inzet,
        )
        inzet.planform = uitkomst.formulier("plan", lambda i=inzet: forms.PlanForm(auto_id=f"id_plan{i.pk}_%s"), inzet)
        inzet.kan_afsluiten = inzet.einddatum is None and request.user.has_perm("crisis.afsluiten", inzet)
        if request.user.has_perm("crisis.inzet_corrigeren", inzet):
            inzet.correctieform = uitkomst.formulier(
                "corrigeer", lambda i=inzet: forms.InzetCorrectieForm(inzet=i, prefix=f"corr{i.pk}"), inzet
            )
    toewijzingen = list(obj.toewijzingen.all())
    open_toewijzing = next((t for t in toewijzingen if t.status == Toewijzing.Status.TOEGEWEZEN), None)
    volgende = regels.VOLGENDE_STAPPEN.get(obj.status, ())
    # Only the next sensible steps of the life cycle, and only those the user may take.
    mag = {
        actie: toegestaan and _STAP.get(actie, actie) in volgende
        for actie, toegestaan in mogelijk(request.user, obj, ACTIES).items()
        if actie in _LEVENSLOOP
    }
    if uitkomst.naam in mag:  # a refused form is shown again with what the user typed
        mag[uitkomst.naam] = True
    if obj.status == Aanmelding.Status.VERDEELD or not obj.gemeente.ccp_loket:
        mag["verdelen"] = False
    if inzetten:
        mag["geen_inzet"] = False
    hoofd = _hoofdacties(obj, mag)
    return render(
        request,
        "crisis/aanmelding.html",
        {
            "a": obj,
            "inzetten": inzetten,
            "toewijzingen": toewijzingen,
            "formulieren": formulieren,
            "mag": mag,
            "termijn_status": regels.behandelen_status(
                obj.behandelen_voor, obj.getrieerd_op if obj.status != Aanmelding.Status.NIEUW else None, timezone.now()
            )
            if obj.status != Aanmelding.Status.AFGESLOTEN
            else None,
            "mag_afhandelen": open_toewijzing is not None
            and request.user.has_perm("crisis.toewijzing_afhandelen", open_toewijzing),
            "leeftijd": obj.jeugdige.leeftijd(vandaag),
            "correctieform": uitkomst.formulier(
                "corrigeer-aanmelding", lambda: forms.AanmeldingCorrectieForm(aanmelding=obj, prefix="corr-a")
            )
            if request.user.has_perm("crisis.aanmelding_corrigeren", obj)
            else None,
            # The earlier values of every corrected fact, with who, when and why.
            "geschiedenis": correcties.geschiedenis_van(obj, inzetten),
            "alternatieven": uitkomst.alternatieven,
            # The one or two next steps stand at the top; the other actions are folded, and
            # open when the user's refused form is among them.
            "hoofdacties": hoofd,
            "andere_acties": [a for a in _LEVENSLOOP if mag.get(a) and a not in hoofd],
            "andere_open": uitkomst.naam in mag and uitkomst.naam not in hoofd,
            "laatste_toewijzing": toewijzingen[-1] if toewijzingen else None,
            "lopend": [i for i in inzetten if i.einddatum is None],
        },
    )


def _hoofdacties(a: Aanmelding, mag: dict) -> list[str]:
    """The next step(s) the referral page puts first, by its state: triage a new referral; then
    distribute ambulant help (a loket municipality) or deploy help; a provider answers its
    assignment (accept/decline, shown apart); running help is ended on its own form."""
    S = Aanmelding.Status
    if a.status == S.NIEUW:
        voorkeur = ["triage"]
    elif a.status == S.GETRIEERD:
        voorkeur = ["verdelen"] if mag.get("verdelen") and a.hulpvraag == Aanmelding.Hulpvraag.AMBULANT else ["inzet"]
    elif a.status == S.VERDEELD:
        voorkeur = ["inzet"]
    else:
        voorkeur = []
    return [actie for actie in voorkeur if mag.get(actie)]


@login_required
@vary_on_headers("HX-Request")
def beschikbaarheid(request):
    vereist(request.user, "crisis.beschikbaarheid_zien")
    if request.method == "POST":
        from kern.models import Voorziening

        voorziening = get_object_or_404(Voorziening, pk=id_uit(request.POST.get("voorziening"), "voorziening"))
        vereist(request.user, "crisis.capaciteit_bevestigen", voorziening)
        services.bevestig_capaciteit(request.user, voorziening)
        messages.success(request, f"Capaciteit van {voorziening.naam} bevestigd.")
        return redirect("crisis:beschikbaarheid")
    instelling = Regioinstelling.huidige()
    lang_na = instelling.lang_verblijf_dagen
    bord = services.crisisbord(instelling=instelling)
    for v in bord:
        v.mag_bevestigen = request.user.has_perm("crisis.capaciteit_bevestigen", v)
    sjabloon = "crisis/_beschikbaarheid.html" if request.htmx else "crisis/beschikbaarheid.html"  # the poll
    return render(request, sjabloon, {"bord": bord, "lang_na": lang_na, "bijgewerkt": timezone.now()})


@jeugdpagina("crisis.toewijzingen_zien", onderwerp="crisis.toewijzing")
def toewijzingen(request):
    """A provider's assignments, newest first: the full history, one page at a time."""
    qs = (
        Toewijzing.objects.filter(aanbieder_id=request.user.aanbieder_id)
        .select_related("aanmelding__jeugdige", "aanmelding__gemeente", "weigerreden")
        .order_by("-toegewezen_op", "-id")
    )
    pagina = Paginator(qs, 25).get_page(request.GET.get("pagina"))
    log_lijst(request.user, "crisis.toewijzing", [t.aanmelding for t in pagina], "jeugdige_id", request)
    return render(request, "crisis/toewijzingen.html", {"toewijzingen": pagina, "pagina": pagina})


def _trendgrafiek(kwartaal, gemeente):
    from kern.grafieken import lijngrafiek

    from .cijfers import trend_aanmeldingen

    t = trend_aanmeldingen(kwartaal, gemeente)
    return lijngrafiek("Laatste acht kwartalen", t["kwartalen"], t["reeksen"])


@login_required
def cijfers(request):
    vereist(request.user, "crisis.cijfers_zien")
    standaard = Kwartaal.van_datum(timezone.localdate()).vorige()
    form = forms.KwartaalForm(request.GET or {"kwartaal": str(standaard)})
    data = None
    if form.is_valid():
        gemeente = form.cleaned_data["gemeente"]
        if request.user.gemeente_id:
            gemeente = request.user.gemeente
        from flevojeugd.routers import van_replica

        with van_replica():  # the figures from the replica when there is one (#14.5), like the API
            data = ccp_cijfers(Kwartaal.parse(form.cleaned_data["kwartaal"]), gemeente)
    tabellen = {}
    if data:
        tabellen = {
            "tabel2": vervolg_rijen(data, "vervolg_ambulant"),
            "tabel3": vervolg_rijen(data, "vervolg_verblijf"),
            "grafiek": verblijfsduur_grafiek(data["verblijfsduur"], dict(Gemeente.objects.values_list("code", "naam"))),
            # Declines by providers, counted per reason (for the CCP and the contract talks).
            "weigeringen": services.weigeringen_per_reden(
                datetime.date.fromisoformat(data["van"]), datetime.date.fromisoformat(data["tot_en_met"])
            ),
            "labels": alle_labels(),
            "trend": _trendgrafiek(Kwartaal.parse(data["kwartaal"]), gemeente),
            "inzet_totaal": sum(k["totaal"] for k in data["inzet"]["totaal"].values()),
        }
    return render(request, "crisis/cijfers.html", {"form": form, "c": data, **tabellen})


@login_required
@require_http_methods(["GET", "POST"])
def importeren(request):
    """The historical import for the functional administrator: the same code as `import_ccp`,
    run by a background task (a national history takes longer than a web request may)."""
    from . import importeren as imp
    from .models import Import

    vereist(request.user, "crisis.importeren")
    fouten = []
    if request.method == "POST":
        bestand = request.FILES.get("bestand")
        if bestand is None:
            fouten = ["Kies een CSV-bestand."]
        else:
            obj = imp.vraag_aan(request.user, bestand, request)
            return redirect("crisis:import", pk=obj.pk)
    recent = Import.objects.select_related("aangevraagd_door")[:10]
    return render(
        request, "crisis/importeren.html", {"fouten": fouten, "recent": recent, "codelijsten": _importcodes()}
    )


def _importcodes() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The codes the import accepts, per column, read from the same code lists it checks against."""
    from kern.models import Hulpvorm, RedenGeenInzet, VervolgAmbulant, VervolgVerblijf

    return [
        ("gemeente", "gemeente", list(Gemeente.objects.order_by("volgorde", "naam").values_list("code", "naam"))),
        ("hulpvorm", "hulpvorm (leeg bij geen inzet)", list(Hulpvorm.objects.values_list("code", "label"))),
        (
            "reden_geen",
            "reden_geen (alleen bij een lege hulpvorm)",
            list(RedenGeenInzet.objects.values_list("code", "label")),
        ),
        ("vervolg_ambulant", "vervolg na ambulante hulp", list(VervolgAmbulant.objects.values_list("code", "label"))),
        (
            "vervolg_verblijf",
            "vervolg na een verblijf (crisisbed, pleegzorg)",
            list(VervolgVerblijf.objects.values_list("code", "label")),
        ),
    ]


def _import(request, pk):
    from .models import Import

    vereist(request.user, "crisis.importeren")
    return get_object_or_404(Import, pk=pk)


@login_required
def import_resultaat(request, pk):
    return render(request, "crisis/import.html", {"i": _import(request, pk)})


@login_required
def import_status(request, pk):
    """The htmx poll: 286 stops polling once the import has finished or failed."""
    obj = _import(request, pk)
    response = render(request, "crisis/_import_status.html", {"i": obj})
    if obj.afgerond and request.htmx:
        response.status_code = 286
    return response
