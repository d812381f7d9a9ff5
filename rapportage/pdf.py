"""The quarterly report as an accessible, tagged A4 PDF (WeasyPrint, PDF/UA-1)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from crisis.cijfers import vervolg_rijen
from crisis.grafiek import verblijfsduur_grafiek
from kern.grafieken import lijngrafiek
from kern.labels import alle_labels, verschil
from kern.secties import SECTIES

from .geheimhouding import GEHEIM, MASKER
from .grafieken import kpi_grafiek
from .models import Rapport


def render_rapport(rapport: Rapport, cijfers: dict) -> bytes:
    from weasyprint import HTML  # lazy: only the worker needs Pango

    from kern.models import Gemeente, RedenGeenInzet, VervolgAmbulant, VervolgVerblijf

    labels_ambulant = dict(VervolgAmbulant.objects.values_list("code", "label"))
    labels_verblijf = dict(VervolgVerblijf.objects.values_list("code", "label"))
    labels_reden = dict(RedenGeenInzet.objects.values_list("code", "label"))
    namen = dict(Gemeente.objects.values_list("code", "naam"))
    ccp = cijfers["secties"]["ccp"]
    trends = cijfers.get("trend") or {}

    def trendgrafiek(code):
        t = trends.get(code)
        if not t:
            return None
        return lijngrafiek(f"Laatste {len(t['kwartalen'])} kwartalen", t["kwartalen"], t["reeksen"])

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
            (label, cijfers["kop"][k], cijfers["kop_vorig"][k], verschil(cijfers["kop"][k], cijfers["kop_vorig"][k]))
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
        "kpi": cijfers.get("kpi"),
        "kpi_grafiek": kpi_grafiek(cijfers["kpi_trend"], namen) if cijfers.get("kpi_trend") else None,
        "overige": [
            (s.code, s.titel, cijfers["secties"][s.code], trendgrafiek(s.code))
            for s in SECTIES
            if s.code != "ccp" and s.code in cijfers["secties"]
        ],
        "ccp_trend": trendgrafiek("ccp"),
        "masker": MASKER,
        "labels": alle_labels(),
        "geheim": GEHEIM,
        "gemaakt_op": timezone.localtime(),
        "font_regular": finders.find("fonts/LiberationSans-Regular.ttf"),
        "font_bold": finders.find("fonts/LiberationSans-Bold.ttf"),
    }
    html = render_to_string("rapportage/pdf.html", context)
    pdf = HTML(string=html, base_url=str(finders.find("fonts") or ".")).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True
    )
    return met_scope(pdf)


def met_scope(pdf: bytes) -> bytes:
    """PDF/UA in substance: WeasyPrint tags header cells as TH without /Scope (outloud TBL-002,
    pdfua UA-15-003). Every TH of a table head gets /Column, every TH in a body row /Row."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    boom = writer._root_object.get("/StructTreeRoot")
    if boom is None:
        return pdf

    def loop(knoop, in_kop: bool) -> None:
        knoop = knoop.get_object() if hasattr(knoop, "get_object") else knoop
        if isinstance(knoop, ArrayObject):
            for kind in knoop:
                loop(kind, in_kop)
            return
        if not isinstance(knoop, DictionaryObject) or "/S" not in knoop:
            return
        soort = knoop["/S"]
        if soort == "/THead":
            in_kop = True
        elif soort in ("/TBody", "/TFoot"):
            in_kop = False
        if soort == "/TH":
            a = knoop.get("/A")
            a = a.get_object() if a is not None else DictionaryObject({NameObject("/O"): NameObject("/Table")})
            if isinstance(a, DictionaryObject):
                a[NameObject("/Scope")] = NameObject("/Column" if in_kop else "/Row")
                knoop[NameObject("/A")] = a
        if "/K" in knoop:
            loop(knoop["/K"], in_kop)

    loop(boom.get_object()["/K"], False)
    uit = io.BytesIO()
    writer.write(uit)
    return uit.getvalue()
