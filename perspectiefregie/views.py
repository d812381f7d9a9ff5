from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.permissions import vereist
from audit.services import log_lijst
from flevojeugd.toegang import jeugdpagina
from kern.fouten import Conflict, id_uit, leesbaar
from kern.tijdlijn import tijdlijn

from . import correcties, forms, services, werklijst
from .models import Traject


@jeugdpagina("perspectiefregie.werklijst_zien", onderwerp="perspectiefregie.traject")
def lijst(request):
    """The municipality's worklist: who lacks a regisseur or a plan stands at the top."""
    trajecten = Traject.objects.zichtbaar_voor(request.user).open()
    if request.GET.get("eigen") and request.user.rol == "toegang":
        trajecten = trajecten.filter(regisseurschappen__regisseur=request.user, regisseurschappen__tot__isnull=True)
    rijen = werklijst.rijen(trajecten.order_by("startdatum")[:500])
    rijen.sort(key=lambda r: (r.traject.regie_bij_gi, r.regisseur is not None, not r.signaal, r.traject.startdatum))
    log_lijst(request.user, "perspectiefregie.traject", [r.traject for r in rijen], "jeugdige_id", request)
    return render(request, "perspectiefregie/lijst.html", {"rijen": rijen, "eigen": bool(request.GET.get("eigen"))})


@jeugdpagina(
    "perspectiefregie.trajecten_zien",
    onderwerp="perspectiefregie.traject",
    record=Traject.objects.select_related("jeugdige", "gemeente"),
)
@require_http_methods(["GET", "POST"])
def traject(request, obj):
    """A trajectory with the youth's timeline across the four functions (kern.tijdlijn)."""
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "regisseur":
                vereist(request.user, "perspectiefregie.regisseur_toewijzen", obj)
                form = forms.RegisseurForm(request.POST, gemeente_id=obj.gemeente_id)
                if form.is_valid():
                    services.wijs_regisseur_toe(request.user, obj, request=request, **form.cleaned_data)
            elif actie == "plan":
                vereist(request.user, "perspectiefregie.plan_vastleggen", obj)
                form = forms.PlanForm(request.POST)
                if form.is_valid():
                    services.plan_vastleggen(request.user, obj, request=request, **form.cleaned_data)
            elif actie.startswith("corrigeer-"):
                vereist(request.user, "perspectiefregie.plan_vastleggen", obj)
                plan = get_object_or_404(obj.plannen, pk=id_uit(actie.removeprefix("corrigeer-"), "plan"))
                form = forms.PlanCorrectieForm(request.POST, instance_plan=plan, prefix=f"corr{plan.pk}")
                if form.is_valid():
                    correcties.plan_corrigeren(request.user, plan, request=request, **form.cleaned_data)
            elif actie == "sluiten":
                vereist(request.user, "perspectiefregie.traject_sluiten", obj)
                form = forms.SluitForm(request.POST)
                if form.is_valid():
                    services.traject_sluiten(request.user, obj, request=request, **form.cleaned_data)
            elif actie == "jim":
                vereist(request.user, "perspectiefregie.jim_zien", obj)
                form = forms.JimForm(request.POST)
                if form.is_valid():
                    services.jim_vastleggen(request.user, obj, request=request, **form.cleaned_data)
            else:
                raise PermissionDenied
            if form.is_valid():
                messages.success(request, "Opgeslagen.")
                return redirect("perspectiefregie:traject", pk=obj.pk)
            messages.error(request, "Niet opgeslagen: " + "; ".join(" ".join(v) for v in form.errors.values()))
        except (ValidationError, Conflict) as exc:
            messages.error(request, "Niet opgeslagen: " + leesbaar(exc))
    rij = werklijst.rijen(Traject.objects.filter(pk=obj.pk))[0]
    plannen = list(obj.plannen.all())
    return render(
        request,
        "perspectiefregie/traject.html",
        {
            "t": obj,
            "rij": rij,
            "historie": obj.regisseurschappen.select_related("regisseur"),
            "plannen": plannen,
            # A plan is edited with a reason (#12.6); every earlier version shows in the history.
            "plancorrecties": [(p, forms.PlanCorrectieForm(instance_plan=p, prefix=f"corr{p.pk}")) for p in plannen]
            if request.user.has_perm("perspectiefregie.plan_vastleggen", obj)
            else [],
            "geschiedenis": correcties.geschiedenis_van(plannen),
            "tijdlijn": tijdlijn(obj.jeugdige, request.user),
            "mag_toewijzen": request.user.has_perm("perspectiefregie.regisseur_toewijzen", obj),
            "mag_plan": request.user.has_perm("perspectiefregie.plan_vastleggen", obj),
            "mag_jim": request.user.has_perm("perspectiefregie.jim_zien", obj),
            "mag_sluiten": request.user.has_perm("perspectiefregie.traject_sluiten", obj),
            "sluit_form": forms.SluitForm(),
            "jim": getattr(obj, "jim", None),
            "regisseur_form": forms.RegisseurForm(gemeente_id=obj.gemeente_id),
            "plan_form": forms.PlanForm(),
            "jim_form": forms.JimForm(instance=getattr(obj, "jim", None)),
        },
    )
