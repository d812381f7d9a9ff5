from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.models import Rol
from audit.services import log_lijst
from flevojeugd.paginaacties import Actie, Afhandeling, afhandelen, mogelijk
from flevojeugd.toegang import jeugdpagina
from kern.tijdlijn import tijdlijn

from . import correcties, forms, services, werklijst
from .models import Traject


@jeugdpagina("perspectiefregie.werklijst_zien", onderwerp="perspectiefregie.traject")
def lijst(request):
    """The municipality's worklist: who lacks a regisseur or a plan stands at the top."""
    trajecten = Traject.objects.zichtbaar_voor(request.user).open()
    if request.GET.get("eigen") and request.user.rol == Rol.TOEGANG:
        trajecten = trajecten.filter(regisseurschappen__regisseur=request.user, regisseurschappen__tot__isnull=True)
    # The whole list ordered by its signals, only the page shown read in full and audited.
    pagina, rijen = werklijst.pagina(trajecten, request.GET.get("pagina"))
    log_lijst(request.user, "perspectiefregie.traject", [r.traject for r in rijen], "jeugdige_id", request)
    return render(
        request,
        "perspectiefregie/lijst.html",
        {"rijen": rijen, "pagina": pagina, "eigen": bool(request.GET.get("eigen"))},
    )


def _plan_van(traject: Traject, pk: int):
    return get_object_or_404(traject.plannen, pk=pk)


# The trajectory page's actions (flevojeugd.paginaacties): permission, form, service call.
ACTIES = {
    "regisseur": Actie(
        "perspectiefregie.regisseur_toewijzen",
        lambda r, t, d: services.wijs_regisseur_toe(r.user, t, request=r, **d),
        form=lambda data, t: forms.RegisseurForm(data, gemeente_id=t.gemeente_id),
    ),
    "plan": Actie(
        "perspectiefregie.plan_vastleggen",
        lambda r, t, d: services.plan_vastleggen(r.user, t, request=r, **d),
        form=forms.PlanForm,
    ),
    # A plan is edited with a reason (#12.6); every earlier version shows in the history.
    "corrigeer": Actie(
        "perspectiefregie.plan_vastleggen",
        lambda r, p, d: correcties.plan_corrigeren(r.user, p, request=r, **d),
        form=lambda data, p: forms.PlanCorrectieForm(data, instance_plan=p, prefix=f"corr{p.pk}"),
        doel=_plan_van,
        doel_naam="plan",
        recht_op_record=True,
    ),
    "sluiten": Actie(
        "perspectiefregie.traject_sluiten",
        lambda r, t, d: services.traject_sluiten(r.user, t, request=r, **d),
        form=lambda data, t: forms.SluitForm(data, auto_id="id_sluiten_%s"),
    ),
    "jim": Actie(
        "perspectiefregie.jim_zien",
        lambda r, t, d: services.jim_vastleggen(r.user, t, request=r, **d),
        form=lambda data, t: forms.JimForm(data, auto_id="id_jim_%s"),
    ),
}


@jeugdpagina(
    "perspectiefregie.trajecten_zien",
    onderwerp="perspectiefregie.traject",
    record=Traject.objects.select_related("jeugdige", "gemeente"),
)
@require_http_methods(["GET", "POST"])
def traject(request, obj):
    """A trajectory with the youth's timeline across the four functions (kern.tijdlijn)."""
    uitkomst = Afhandeling()
    if request.method == "POST":
        uitkomst = afhandelen(request, obj, ACTIES, terug=reverse("perspectiefregie:traject", args=[obj.pk]))
        if not isinstance(uitkomst, Afhandeling):
            return uitkomst
    f = uitkomst.formulier
    rij = werklijst.rijen(Traject.objects.filter(pk=obj.pk))[0]
    plannen = list(obj.plannen.all())
    mag = mogelijk(request.user, obj, ACTIES)
    jim = getattr(obj, "jim", None)
    return render(
        request,
        "perspectiefregie/traject.html",
        {
            "t": obj,
            "rij": rij,
            "historie": obj.regisseurschappen.select_related("regisseur"),
            "plannen": plannen,
            "plancorrecties": [
                (p, f("corrigeer", lambda p=p: forms.PlanCorrectieForm(instance_plan=p, prefix=f"corr{p.pk}"), p))
                for p in plannen
            ]
            if mag["plan"]
            else [],
            "geschiedenis": correcties.geschiedenis_van(plannen),
            "tijdlijn": tijdlijn(obj.jeugdige, request.user),
            "mag_toewijzen": mag["regisseur"],
            "mag_plan": mag["plan"],
            "mag_jim": mag["jim"],
            "mag_sluiten": mag["sluiten"],
            "sluit_form": f("sluiten", lambda: forms.SluitForm(auto_id="id_sluiten_%s")),
            "jim": jim,
            "regisseur_form": f("regisseur", lambda: forms.RegisseurForm(gemeente_id=obj.gemeente_id)),
            "plan_form": f("plan", forms.PlanForm),
            "jim_form": f("jim", lambda: forms.JimForm(instance=jim, auto_id="id_jim_%s")),
        },
    )
