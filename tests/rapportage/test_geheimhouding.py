"""The public variant protects every child: for every public table, each hidden cell's feasible
interval is computed by linear programming (scipy's linprog, independent of the module's own
simplex) from the published figures and the table's equations, and every "<5" must keep at
least three possible values. On the demo data, the test file, and files built to be nasty."""

import datetime
import math
import random
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from scipy.optimize import linprog

from kern import secties
from kern.aggregaties import Kwartaal
from kern.models import Gemeente
from rapportage import geheimhouding
from rapportage.geheimhouding import GEHEIM, MASKER, bescherm, lp_minimum, publiek, structuur
from tests.factories import persona

DATA = Path(__file__).parent.parent / "data"
Q3 = Kwartaal(2026, 3)
KOP = "registratienummer,jeugdige,aanmelddatum,geboortedatum,gemeente,hulpvorm,reden_geen,startdatum,einddatum,vervolg,perspectiefplan_datum"


def _waarde(cijfers, pad):
    for k in pad:
        cijfers = cijfers[k]
    return cijfers


def _bladeren(cijfers, pad=()):
    for k, v in cijfers.items():
        if isinstance(v, dict):
            yield from _bladeren(v, (*pad, k))
        else:
            yield (*pad, k), v


def lp_intervallen(exact: dict, openbaar: dict, code: str, alles: bool = False) -> dict:
    """Each hidden cell's interval by scipy's linprog: what a reader can work out. With `alles`:
    what the reader could work out if every cell of the table were hidden (the best possible)."""
    s = structuur(code, exact)
    vergelijkingen = []
    for links, rechts in s.vergelijkingen:
        if all(isinstance(_waarde(exact, p), int) for p in (*links, *rechts)):
            if sum(_waarde(exact, p) for p in links) == sum(_waarde(exact, p) for p in rechts):
                vergelijkingen.append((links, rechts))
    verborgen = sorted(
        {p for v in vergelijkingen for p in (*v[0], *v[1]) if _waarde(openbaar, p) in (MASKER, GEHEIM) or alles},
        key=str,
    )
    index = {p: i for i, p in enumerate(verborgen)}
    A, b = [], []
    for links, rechts in vergelijkingen:
        rij, c = [0.0] * len(verborgen), 0.0
        for teken, paden in ((1, links), (-1, rechts)):
            for p in paden:
                w = _waarde(exact if alles else openbaar, p)
                if p in index:
                    rij[index[p]] += teken
                else:
                    assert isinstance(w, int), (p, w)
                    c -= teken * w
        if any(rij):
            A.append(rij)
            b.append(c)
    grenzen = [(1, 4) if _waarde(openbaar, p) == MASKER else (0, None) for p in verborgen]
    if alles:
        grenzen = [(1, 4) if 1 <= _waarde(exact, p) <= 4 else (0, None) for p in verborgen]
    uit = {}
    for p in verborgen:
        if _waarde(openbaar, p) != MASKER:
            continue
        doel = [0.0] * len(verborgen)
        doel[index[p]] = 1.0
        laag = linprog(doel, A_eq=A or None, b_eq=b or None, bounds=grenzen, method="highs")
        doel[index[p]] = -1.0
        hoog = linprog(doel, A_eq=A or None, b_eq=b or None, bounds=grenzen, method="highs")
        assert laag.status == 0 and hoog.status == 0, (p, laag.message)  # the exact values are a solution
        uit[p] = (laag.fun, -hoog.fun)
    # A "<5" outside every equation stands alone: it keeps 1..4.
    for p, w in _bladeren(openbaar):
        if w == MASKER and p not in uit:
            uit[p] = (1, 4)
    return uit


def waarden_in(lo, hi):
    return math.floor(hi + 1e-6) - math.ceil(lo - 1e-6) + 1


def controleer_alle_tabellen(kwartaal, gemeente=None) -> dict:
    """Every function's public table: no count of 1-4 shown, every "<5" keeps >= 3 values,
    no statistic or percentage over fewer than 5, and the structure's equations are real."""
    gecontroleerd = {}
    for sectie in secties.SECTIES:
        exact = sectie.cijfers(kwartaal, gemeente)
        openbaar = publiek(sectie.code, exact)
        s = structuur(sectie.code, exact)
        geen_telling = {stat for stat, _ in s.statistieken} | {v for v, *_ in s.verhoudingen}
        for p, w in _bladeren(openbaar):
            if p[-1] in geheimhouding.NIET_TELLINGEN or isinstance(w, float) or p in geen_telling:
                continue
            assert not (isinstance(w, int) and not isinstance(w, bool) and 1 <= w <= 4), (sectie.code, p, w)
        intervallen = lp_intervallen(exact, openbaar, sectie.code)
        # Where the "<5" cells bound each other (a table whose total is itself "<5"), not even
        # hiding every cell gives three values: there the cell must be as safe as that.
        best = lp_intervallen(exact, openbaar, sectie.code, alles=True)
        for p, (lo, hi) in intervallen.items():
            assert 1 <= _waarde(exact, p) <= 4
            nodig = min(3, waarden_in(*best.get(p, (1, 4))))
            assert waarden_in(lo, hi) >= nodig, f"{sectie.code} {p}: te herleiden tot [{lo}, {hi}]"
        for stat, n in s.statistieken:
            try:
                aantal = _waarde(exact, n)
            except KeyError:
                continue
            if isinstance(aantal, int) and aantal < 5:
                assert _waarde(openbaar, stat) is None, (sectie.code, stat)
        for verhouding, teller, noemer, jeugdigen in s.verhoudingen:
            try:
                n, t = _waarde(exact, noemer), _waarde(exact, teller)
            except KeyError:
                continue
            if jeugdigen and n < 5:
                assert _waarde(openbaar, verhouding) is None, (sectie.code, verhouding)
            elif _waarde(openbaar, teller) in (MASKER, GEHEIM) or _waarde(openbaar, noemer) in (MASKER, GEHEIM):
                assert _waarde(openbaar, verhouding) == GEHEIM, (sectie.code, verhouding, t, n)
        gecontroleerd[sectie.code] = (exact, openbaar, intervallen)
    return gecontroleerd


# --- the module's own LP against scipy ---------------------------------------------------------


def test_eigen_simplex_geeft_hetzelfde_als_scipy():
    rnd = random.Random(14)
    for _ in range(1500):
        n, m = rnd.randint(1, 7), rnd.randint(0, 5)
        A = [[rnd.choice([0, 0, 1, -1]) for _ in range(n)] for _ in range(m)]
        x0 = [rnd.randint(0, 6) for _ in range(n)]
        b = [sum(a * x for a, x in zip(r, x0, strict=False)) for r in A]
        if m and rnd.random() < 0.2:
            b[0] += rnd.randint(-3, 3)
        lo = [float(rnd.choice([0, 1])) for _ in range(n)]
        hi = [rnd.choice([None, 4.0, 8.0]) for _ in range(n)]
        c = [float(rnd.choice([0, 1, -1])) for _ in range(n)]
        eigen = lp_minimum(c, A, b, lo, hi)
        r = linprog(c, A_eq=A or None, b_eq=b or None, bounds=list(zip(lo, hi, strict=False)), method="highs")
        verwacht = None if r.status == 2 else -math.inf if r.status == 3 else r.fun
        if verwacht is None or eigen is None or math.isinf(verwacht):
            assert eigen == verwacht
        else:
            assert abs(eigen - verwacht) < 1e-6


def test_rijtotaal_min_de_rest_geeft_het_kleine_aantal_niet_terug():
    # Almere 12+ in the issue: 28 - 8 - 10 - 9 = 1.
    exact = {"inzet": {"almere": {"12+": {"ambulant": 8, "crisisbed": 1, "pleegzorg": 10, "geen": 9, "totaal": 28}}}}
    exact["inzet"]["totaal"] = {"12+": dict(exact["inzet"]["almere"]["12+"])}
    openbaar = publiek("ccp", {**exact, "redenen_geen": {}})
    rij = openbaar["inzet"]["almere"]["12+"]
    assert rij["crisisbed"] == MASKER
    assert sum(1 for v in rij.values() if v == GEHEIM) >= 1
    for p, (lo, hi) in lp_intervallen({**exact, "redenen_geen": {}}, openbaar, "ccp").items():
        assert waarden_in(lo, hi) >= 3, (p, lo, hi)


def test_een_verblijf_geeft_geen_gemiddelde_mediaan_min_of_max():
    exact = {"verblijfsduur": {"urk": {"aantal": 1, "gemiddeld": 29.0, "mediaan": 29.0, "min": 29, "max": 29}}}
    assert publiek("ccp", exact)["verblijfsduur"]["urk"] == {
        "aantal": MASKER,
        "gemiddeld": None,
        "mediaan": None,
        "min": None,
        "max": None,
    }


def test_percentage_over_minder_dan_vijf_is_null_en_met_verborgen_teller_geheim():
    p = "perspectiefplan_binnen_14_dagen"
    assert publiek("ccp", {p: {"opnames": 4, "op_tijd": 4, "percentage": 100.0}})[p]["percentage"] is None
    assert publiek("ccp", {p: {"opnames": 0, "op_tijd": 0, "percentage": 0.0}})[p]["percentage"] is None
    assert publiek("ccp", {p: {"opnames": 20, "op_tijd": 2, "percentage": 10.0}})[p] == {
        "opnames": 20,
        "op_tijd": MASKER,
        "percentage": GEHEIM,
    }
    assert publiek("ccp", {p: {"opnames": 20, "op_tijd": 10, "percentage": 50.0}})[p]["percentage"] == 50.0


def test_onbekend_getal_krijgt_toch_primaire_geheimhouding():
    assert bescherm({"nieuw_cijfer": 2, "groot": 7, "gemeente": "urk"}, None) == {
        "nieuw_cijfer": MASKER,
        "groot": 7,
        "gemeente": "urk",
    }


# --- every public table, on real and nasty data ------------------------------------------------


@pytest.mark.django_db
def test_testbestand_alle_tabellen_beschermd():
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    tabellen = controleer_alle_tabellen(Q3)
    exact, openbaar, intervallen = tabellen["ccp"]
    assert openbaar["inzet"]["almere"]["12+"]["crisisbed"] == MASKER
    assert intervallen  # there was something to protect
    # The hierarchical totals carry the protection too: no exact total beside a lone "<5".
    assert openbaar["aanmeldingen"] == 6 and openbaar["jeugdigen"] == 5
    for g in Gemeente.objects.values_list("code", flat=True):
        controleer_alle_tabellen(Q3, Gemeente.objects.get(code=g))


def _schrijf(tmp_path, rijen) -> Path:
    bestand = tmp_path / "nasty.csv"
    bestand.write_text("\n".join([KOP, *rijen]) + "\n", encoding="utf-8")
    return bestand


@pytest.mark.django_db
def test_een_kind_per_cel_alle_tabellen_beschermd(tmp_path):
    """One child per cell: every count is 1, everything is primary, totals must give nothing away."""
    rijen, n = [], 0
    gemeenten = list(Gemeente.objects.values_list("code", flat=True))
    for g in gemeenten:
        for geboren in ("2018-01-01", "2010-01-01"):  # 12- and 12+
            for vorm, vervolg in (
                ("ambulant", "casusregie"),
                ("crisisbed", "naar_huis_met_hulp"),
                ("pleegzorg", "uhp_groep"),
            ):
                n += 1
                rijen.append(
                    f"N{n},K{n},2026-07-02,{geboren},{g},{vorm},,2026-07-02,2026-07-{10 + n % 15},{vervolg},2026-07-05"
                )
            n += 1
            rijen.append(f"N{n},K{n},2026-07-02,{geboren},{g},,alternatief,,,,")
    call_command("import_ccp", str(_schrijf(tmp_path, rijen)))
    tabellen = controleer_alle_tabellen(Q3)
    openbaar = tabellen["ccp"][1]
    assert openbaar["inzet"]["urk"]["12-"]["ambulant"] == MASKER
    controleer_alle_tabellen(Q3, Gemeente.objects.get(code="urk"))


@pytest.mark.django_db
def test_een_gemeente_met_een_kind(tmp_path):
    """A single municipality with a single child: the region's totals are that child."""
    rijen = ["U1,K1,2026-08-03,2012-03-03,urk,crisisbed,,2026-08-03,2026-09-01,naar_huis_met_hulp,2026-08-10"]
    call_command("import_ccp", str(_schrijf(tmp_path, rijen)))
    tabellen = controleer_alle_tabellen(Q3)
    openbaar = tabellen["ccp"][1]
    assert openbaar["aanmeldingen"] == MASKER
    assert openbaar["inzet"]["totaal"]["12+"]["crisisbed"] in (MASKER, GEHEIM)
    assert openbaar["verblijfsduur"]["urk"]["gemiddeld"] is None  # not that child's 29 days
    assert openbaar["perspectiefplan_binnen_14_dagen"]["percentage"] is None
    controleer_alle_tabellen(Q3, Gemeente.objects.get(code="urk"))


@pytest.mark.django_db
def test_willekeurige_bestanden_alle_tabellen_beschermd(tmp_path):
    """Random small files: many small cells in many shapes."""
    rnd = random.Random(2026)
    gemeenten = list(Gemeente.objects.values_list("code", flat=True))
    for ronde in range(4):
        jaar = 2020 + ronde  # each round its own quarter
        rijen = []
        for n in range(rnd.randint(5, 60)):
            g = rnd.choice(gemeenten[: rnd.randint(1, len(gemeenten))])
            geboren = rnd.choice(["2018-01-01", "2010-01-01"])
            vorm = rnd.choice(["ambulant", "ambulant", "crisisbed", "pleegzorg", ""])
            if vorm:
                rijen.append(f"W{ronde}-{n},K{ronde}-{n},{jaar}-07-0{1 + n % 9},{geboren},{g},{vorm},,{jaar}-07-10,,,")
            else:
                reden = rnd.choice(["alternatief", "ingetrokken", "geen_plek"])
                rijen.append(f"W{ronde}-{n},K{ronde}-{n},{jaar}-07-0{1 + n % 9},{geboren},{g},,{reden},,,,")
        call_command("import_ccp", str(_schrijf(tmp_path, rijen)))
        controleer_alle_tabellen(Kwartaal(jaar, 3))


@pytest.mark.django_db
def test_demodata_alle_tabellen_beschermd():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC), tick=False):
        call_command("seed_demo")
        huidig = Kwartaal(2026, 4)
        for k in (huidig, huidig.vorige(), huidig.vorige().vorige()):
            controleer_alle_tabellen(k)
        controleer_alle_tabellen(huidig.vorige(), Gemeente.objects.get(code="urk"))


@pytest.mark.django_db
def test_api_publiek_geeft_de_publieke_variant(api):
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    beleid = persona("beleid", username="beleid")
    c = api(beleid).get("/api/v1/rapportage/ccp/2026-Q3/?publiek=1").json()
    assert c["inzet"]["almere"]["12+"]["crisisbed"] == MASKER
    assert c["verblijfsduur"]["almere"]["gemiddeld"] is None
    assert c["perspectiefplan_binnen_14_dagen"]["percentage"] is None
    exact = api(beleid).get("/api/v1/rapportage/ccp/2026-Q3/").json()
    assert exact["inzet"]["almere"]["12+"]["crisisbed"] == 1
    csv = api(beleid).get("/api/v1/rapportage/ccp/2026-Q3/?publiek=1&formaat=csv").content.decode()
    assert "inzet,almere,12+,crisisbed,<5" in csv
    for sectie in ("experttafel", "perspectiefregie", "servicepunt"):
        assert api(beleid).get(f"/api/v1/rapportage/{sectie}/2026-Q3/?publiek=1").status_code == 200
    assert api(beleid).get("/api/v1/rapportage/ccp/2026-Q3/?publiek=ja").status_code == 400


@pytest.mark.django_db
def test_publieke_pdf_toont_geen_klein_aantal_en_dezelfde_variant(tmp_path, settings, monkeypatch):
    """The public PDF, read back with pdftotext: no count of 1-4 in Table 1, and it prints the
    very figures the LP test checked (one module for API, CSV, JSON and PDF)."""
    from rapportage import services
    from tests.rapportage.test_rapport import pdf_tekst

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("rapportage.services.transaction.on_commit", lambda fn, using=None, robust=False: fn())
    rijen, n = [], 0
    for g in Gemeente.objects.values_list("code", flat=True):
        for geboren in ("2018-01-01", "2010-01-01"):
            for vorm in ("ambulant", "crisisbed", "pleegzorg"):
                n += 1
                rijen.append(f"P{n},K{n},2026-07-02,{geboren},{g},{vorm},,2026-07-02,,,")
    call_command("import_ccp", str(_schrijf(tmp_path, rijen)))
    rapport = services.vraag_aan(None, Q3, publiek=True)
    rapport.refresh_from_db()
    assert rapport.status == "klaar", rapport.fout
    for code, cijfers in rapport.cijfers["secties"].items():
        assert cijfers == publiek(code, secties.sectie(code).cijfers(Q3, None))
    tekst = pdf_tekst(rapport.pdf.path)
    namen = set(Gemeente.objects.values_list("naam", flat=True)) | {"Totaal"}
    tabel1 = [
        r.split() for r in tekst.splitlines() if r.split() and r.split()[0] in namen and ("12-" in r or "12+" in r)
    ]
    assert len(tabel1) >= 14
    for rij in tabel1:
        cellen = rij[rij.index("12-" if "12-" in rij else "12+") + 1 :]
        assert all(c in ("<5", "x", "0") or (c.isdigit() and int(c) >= 5) for c in cellen), rij
