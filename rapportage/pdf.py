"""The quarterly report as an accessible, tagged A4 PDF (WeasyPrint, PDF/UA-1)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from crisis.cijfers import vervolg_rijen
from crisis.grafiek import verblijfsduur_grafiek

from .geheimhouding import GEHEIM, MASKER
from .models import Rapport
from .secties import SECTIES


def _verschil(nu, vorig):
    if isinstance(nu, (int, float)) and isinstance(vorig, (int, float)):
        d = round(nu - vorig, 1)
        return f"+{d}" if d > 0 else str(d)
    return "–"


def render_rapport(rapport: Rapport, cijfers: dict) -> bytes:
    from weasyprint import HTML  # lazy: only the worker needs Pango

    from kern.models import Gemeente, RedenGeenInzet, VervolgAmbulant, VervolgVerblijf

    labels_ambulant = dict(VervolgAmbulant.objects.values_list("code", "label"))
    labels_verblijf = dict(VervolgVerblijf.objects.values_list("code", "label"))
    labels_reden = dict(RedenGeenInzet.objects.values_list("code", "label"))
    namen = dict(Gemeente.objects.values_list("code", "naam"))
    ccp = cijfers["secties"]["ccp"]
    kop = [
        ("Crisisaanmeldingen", "aanmeldingen"),
        ("Jeugdigen", "jeugdigen"),
        ("Ambulante inzet", "ambulant"),
        ("Crisisverblijven", "verblijven"),
        ("Gemiddelde verblijfsduur (dagen)", "gemiddelde_verblijfsduur"),
        ("Perspectiefplan binnen 14 dagen (%)", "perspectiefplan_op_tijd_pct"),
    ]
    context = {
        "rapport": rapport,
        "c": cijfers,
        "ccp": ccp,
        "namen": namen,
        "kop": [
            (label, cijfers["kop"][k], cijfers["kop_vorig"][k], _verschil(cijfers["kop"][k], cijfers["kop_vorig"][k]))
            for label, k in kop
        ],
        "tabel1": [
            (namen.get(g, "Totaal" if g == "totaal" else g), grp, waarden)
            for g, groepen in ccp["inzet"].items()
            for grp, waarden in groepen.items()
        ],
        "tabel2": [(labels_ambulant.get(c, "Totaal"), a, b) for c, a, b in vervolg_rijen(ccp, "vervolg_ambulant")],
        "tabel3": [(labels_verblijf.get(c, "Totaal"), a, b) for c, a, b in vervolg_rijen(ccp, "vervolg_verblijf")],
        "redenen": [(labels_reden.get(c, c), n) for c, n in ccp["redenen_geen"].items()],
        "duur": [(namen.get(g, g), d) for g, d in ccp["verblijfsduur"].items()],
        "grafiek": verblijfsduur_grafiek(ccp["verblijfsduur"], namen),
        "overige": [
            (s.code, s.titel, cijfers["secties"][s.code])
            for s in SECTIES
            if s.code != "ccp" and s.code in cijfers["secties"]
        ],
        "masker": MASKER,
        "geheim": GEHEIM,
        "gemaakt_op": timezone.localtime(),
        "font_regular": finders.find("fonts/LiberationSans-Regular.ttf"),
        "font_bold": finders.find("fonts/LiberationSans-Bold.ttf"),
    }
    html = render_to_string("rapportage/pdf.html", context)
    return HTML(string=html, base_url=str(finders.find("fonts") or ".")).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True
    )
