"""Statistical disclosure control of the public variant, the way CBS protects its tables
(τ-ARGUS is the anchor): one module for every function's figures, read by the API
(`?publiek=1`), the CSV, the JSON export and the public PDF alike.

1. Primary suppression: a count of 1 to 4 children becomes ``"<5"``; in Urk a single child
   is recognisable.
2. Secondary suppression: a table publishes its equations too (row, column and grand totals,
   the hierarchical `inzet` table, the reasons that add up to the 'geen' column). Masking only
   the small cells lets a reader compute them back (28 − 8 − 10 − 9 = 1). So further cells,
   totals included, become ``"x"`` (CBS's sign for secret) until no ``"<5"`` cell can be
   narrowed by those equations to fewer than three possible values. A reader knows a "<5" cell
   lies in 1..4 and an "x" cell is at least 0; each cell's feasible interval is computed by
   linear programming (a small exact-enough simplex below: the tables have tens of cells, and
   the production image should not carry scipy for it). Candidates are chosen greedily, fewest
   and smallest first, the way τ-ARGUS' hypercube method prefers cheap cells.
3. A statistic (mean, median, min, max) over fewer than 5 youths is ``None``; a percentage or
   ratio over fewer than 5 is ``None`` too, and one whose numerator or denominator is hidden
   is ``"x"`` (it would give the hidden count back).

Each function declares its table structure here (`STRUCTUREN`): which numbers count children,
which equations the published table carries. An integer a structure does not know still gets
primary suppression, so a figure someone adds later is never published raw below 5.
"""

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field

MASKER = "<5"
GEHEIM = "x"
DREMPEL = 5  # counts of 1..DREMPEL-1 are masked
MIN_WAARDEN = 3  # a hidden count must keep at least this many possible values
_EPS = 1e-7

Pad = tuple


# Keys that are never counts of children (the fallback leaves them alone).
NIET_TELLINGEN = {
    "kwartaal",
    "van",
    "tot_en_met",
    "gemeente",
    "peildatum",
    "capaciteit",
    "vrij",
}


@dataclass
class Structuur:
    """The published table of one function: counts, equations, statistics and ratios."""

    tellingen: list[Pad] = field(default_factory=list)  # counts of children: primary suppression
    overig: dict[Pad, int] = field(default_factory=dict)  # other numbers in equations (beds): cost factor
    vergelijkingen: list[tuple[list[Pad], list[Pad]]] = field(default_factory=list)  # sum(links) == sum(rechts)
    statistieken: list[tuple[Pad, Pad]] = field(default_factory=list)  # (statistic, count it is over)
    verhoudingen: list[tuple[Pad, Pad, Pad, bool]] = field(
        default_factory=list
    )  # (ratio, teller, noemer, noemer telt jeugdigen)

    def telling(self, *paden: Pad) -> None:
        self.tellingen += [p for p in paden if p not in self.tellingen]

    def som(self, totaal: Pad, delen: list[Pad]) -> None:
        self.vergelijkingen.append(([totaal], list(delen)))


def _haal(cijfers: dict, pad: Pad):
    for k in pad:
        if not isinstance(cijfers, dict) or k not in cijfers:
            return None
        cijfers = cijfers[k]
    return cijfers


def _zet(cijfers: dict, pad: Pad, waarde) -> None:
    for k in pad[:-1]:
        cijfers = cijfers[k]
    cijfers[pad[-1]] = waarde


def _is_getal(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# ---------------------------------------------------------------------------------------------
# A small simplex: min c·x subject to A x = b, lo <= x <= hi (hi None: unbounded above).


def _pivot(T: list[list[float]], r: int, k: int) -> None:
    rij = T[r]
    p = rij[k]
    T[r] = rij = [v / p for v in rij]
    for i, andere in enumerate(T):
        if i != r:
            f = andere[k]
            if abs(f) > _EPS:
                T[i] = [a - f * b for a, b in zip(andere, rij, strict=False)]


def _simplex(T: list[list[float]], basis: list[int], toegestaan: int) -> bool:
    """Bland's rule on the tableau whose last row holds the reduced costs. False: unbounded."""
    m = len(T) - 1
    while True:
        k = next((j for j in range(toegestaan) if T[m][j] < -_EPS), None)
        if k is None:
            return True
        beste, r = None, None
        for i in range(m):
            if T[i][k] > _EPS:
                ratio = T[i][-1] / T[i][k]
                if beste is None or ratio < beste - _EPS or (abs(ratio - beste) <= _EPS and basis[i] < basis[r]):
                    beste, r = ratio, i
        if r is None:
            return False
        _pivot(T, r, k)
        basis[r] = k


def lp_minimum(c: list[float], A: list[list[float]], b: list[float], lo: list[float], hi: list[float | None]):
    """The minimum of c·x, or None when infeasible, or -inf when unbounded below."""
    n = len(c)
    begrensd = [j for j in range(n) if hi[j] is not None]
    N = n + len(begrensd)
    rijen = []
    for ai, bi in zip(A, b, strict=False):
        rijen.append(
            (list(ai) + [0.0] * len(begrensd), bi - sum(a * ondergrens for a, ondergrens in zip(ai, lo, strict=True)))
        )
    for s, j in enumerate(begrensd):
        rij = [0.0] * N
        rij[j] = 1.0
        rij[n + s] = 1.0
        rijen.append((rij, hi[j] - lo[j]))
    m = len(rijen)
    T = []
    for i, (rij, rhs) in enumerate(rijen):
        teken = -1.0 if rhs < 0 else 1.0
        kunstmatig = [0.0] * m
        kunstmatig[i] = 1.0
        T.append([teken * v for v in rij] + kunstmatig + [teken * rhs])
    basis = [N + i for i in range(m)]
    # Phase 1: minimise the artificial variables.
    T.append([-sum(T[i][j] for i in range(m)) if j < N else 0.0 for j in range(N + m)] + [-sum(r[-1] for r in T)])
    _simplex(T, basis, N)
    if -T[m][-1] > 1e-6:
        return None
    # Drive artificial variables out of the basis; a row that cannot is redundant.
    i = 0
    while i < len(basis):
        if basis[i] >= N:
            k = next((j for j in range(N) if abs(T[i][j]) > _EPS), None)
            if k is None:
                del T[i], basis[i]
                continue
            _pivot(T, i, k)
            basis[i] = k
        i += 1
    m = len(basis)
    kosten = list(c) + [0.0] * (N - n)
    breedte = len(T[0]) - 1
    T[m] = [(kosten[j] - sum(kosten[basis[i]] * T[i][j] for i in range(m))) if j < N else 0.0 for j in range(breedte)]
    T[m].append(-sum(kosten[basis[i]] * T[i][-1] for i in range(m)))
    if not _simplex(T, basis, N):
        return -math.inf
    return -T[m][-1] + sum(cj * lj for cj, lj in zip(c, lo, strict=False))


# ---------------------------------------------------------------------------------------------
# Secondary suppression.


def _grenzen(pad, primair):
    return (1.0, float(DREMPEL - 1)) if pad in primair else (0.0, None)


def interval(doel: Pad, waarden: dict, vergelijkingen, verborgen: set, primair: set) -> tuple[float, float]:
    """What a reader can work out about a hidden cell from the published table: its feasible
    interval, given that "<5" lies in 1..4 and "x" is at least 0."""
    # Only the equations connected to the target through hidden cells matter.
    component, rand = {doel}, [doel]
    relevant = []
    gezien = set()
    while rand:
        cel = rand.pop()
        for i, (links, rechts) in enumerate(vergelijkingen):
            if i in gezien or cel not in links and cel not in rechts:
                continue
            gezien.add(i)
            relevant.append((links, rechts))
            for p in (*links, *rechts):
                if p in verborgen and p not in component:
                    component.add(p)
                    rand.append(p)
    variabelen = sorted(component, key=str)
    index = {p: j for j, p in enumerate(variabelen)}
    A, b = [], []
    for links, rechts in relevant:
        rij, constante = [0.0] * len(variabelen), 0.0
        for teken, paden in ((1.0, links), (-1.0, rechts)):
            for p in paden:
                if p in index:
                    rij[index[p]] += teken
                else:
                    constante -= teken * waarden[p]
        A.append(rij)
        b.append(constante)
    lo, hi = zip(*(_grenzen(p, primair) for p in variabelen), strict=False)
    c = [0.0] * len(variabelen)
    c[index[doel]] = 1.0
    laag = lp_minimum(c, A, b, list(lo), list(hi))
    c[index[doel]] = -1.0
    hoog = lp_minimum(c, A, b, list(lo), list(hi))
    if laag is None or hoog is None:  # the published equations do not hold: nothing to deduce
        return _grenzen(doel, primair)[0], math.inf
    return laag, -hoog


def mogelijke_waarden(lo: float, hi: float) -> int:
    return max(0, math.floor(hi + 1e-6) - math.ceil(lo - 1e-6) + 1) if hi != math.inf else 1_000_000


def _beschermd(p, waarden, vergelijkingen, verborgen, primair) -> int:
    return min(mogelijke_waarden(*interval(p, waarden, vergelijkingen, verborgen, primair)), MIN_WAARDEN)


def secundair(waarden: dict, primair: set, vergelijkingen, kosten: Callable[[Pad], float]) -> set:
    """The cells to hide besides the primary ones so that every primary cell keeps at least
    MIN_WAARDEN possible values (or as many as hiding everything would leave it). Greedy,
    cheapest first."""
    verborgen = set(primair)
    in_vergelijking: dict[Pad, list[int]] = {}
    for i, (links, rechts) in enumerate(vergelijkingen):
        for p in (*links, *rechts):
            in_vergelijking.setdefault(p, []).append(i)

    def cellen(i):
        links, rechts = vergelijkingen[i]
        return [*links, *rechts]

    def sluiting(extra: set) -> set:
        """Close every equation left with one hidden cell (it would be given back exactly),
        preferring cells whose other equations already hide something: that closes a cycle."""
        erbij = set(extra)
        while True:
            alle = verborgen | erbij
            open_ = [
                i
                for i in range(len(vergelijkingen))
                if sum(1 for p in cellen(i) if p in alle) == 1 and any(p not in alle for p in cellen(i))
            ]
            if not open_:
                return erbij
            i = open_[0]
            keuze = min(
                (p for p in cellen(i) if p not in alle),
                key=lambda p: (
                    not any(q in alle for j in in_vergelijking[p] if j != i for q in cellen(j)),
                    kosten(p),
                    str(p),
                ),
            )
            erbij.add(keuze)

    # What hiding everything would achieve: where the "<5" cells themselves bound each other
    # (four children in a table whose total is "<5"), no further "x" can do better, so hiding
    # more would only cost figures.
    alles = set(waarden)
    haalbaar = {p: _beschermd(p, waarden, vergelijkingen, alles, primair) for p in primair}

    # Equations with a single hidden cell give it back at once: close them first.
    verborgen |= sluiting(set())
    for _ in range(len(waarden) + 1):
        zwak = [
            p
            for p in sorted(primair, key=str)
            if _beschermd(p, waarden, vergelijkingen, verborgen, primair) < haalbaar[p]
        ]
        if not zwak:
            break
        p = zwak[0]
        nu = _beschermd(p, waarden, vergelijkingen, verborgen, primair)
        buren = {q for i in in_vergelijking.get(p, []) for q in cellen(i)}
        kandidaten = sorted((q for q in buren if q not in verborgen), key=lambda q: (kosten(q), str(q)))
        if not kandidaten:  # widen to anything in the equations of hidden cells
            buren = {q for v in verborgen for i in in_vergelijking.get(v, []) for q in cellen(i)}
            kandidaten = sorted((q for q in buren if q not in verborgen), key=lambda q: (kosten(q), str(q)))
        if not kandidaten:
            break
        beste = None
        for q in kandidaten:
            erbij = sluiting({q})
            verborgen_proef = verborgen | erbij
            score = _beschermd(p, waarden, vergelijkingen, verborgen_proef, primair)
            sleutel = (-score, sum(kosten(e) for e in erbij), len(erbij))
            if beste is None or sleutel < beste[0]:
                beste = (sleutel, erbij)
            if score >= haalbaar[p] and len(erbij) == 1:
                break  # the cheapest single cell that does it
        if -beste[0][0] <= nu and len(kandidaten) > 0:
            # No single step helps (yet): take the cheapest anyway, the next round builds on it.
            verborgen |= sluiting({kandidaten[0]})
        else:
            verborgen |= beste[1]
    return verborgen - primair


# ---------------------------------------------------------------------------------------------
# Applying it to a function's figures.


def bescherm(cijfers: dict, structuur: Structuur | None) -> dict:
    """The public variant of one function's figures (a copy)."""
    uit = copy.deepcopy(cijfers)
    structuur = structuur or Structuur()
    bekend = set(structuur.tellingen) | set(structuur.overig)
    bekend |= {s for s, _ in structuur.statistieken} | {v for v, *_ in structuur.verhoudingen}

    # Equations that do not hold in the data are not published equations: leave them out.
    vergelijkingen = []
    for links, rechts in structuur.vergelijkingen:
        paden = [*links, *rechts]
        if all(_is_getal(_haal(cijfers, p)) for p in paden) and sum(_haal(cijfers, p) for p in links) == sum(
            _haal(cijfers, p) for p in rechts
        ):
            vergelijkingen.append((links, rechts))
    waarden = {p: _haal(cijfers, p) for p in bekend | {p for v in vergelijkingen for p in (*v[0], *v[1])}}
    primair = {p for p in structuur.tellingen if _is_getal(waarden.get(p)) and 1 <= waarden[p] < DREMPEL}

    def kosten(p):
        return (waarden.get(p) or 0) * structuur.overig.get(p, 1) + 1

    verborgen = secundair(waarden, primair, vergelijkingen, kosten) if primair else set()
    for p in primair:
        _zet(uit, p, MASKER)
    for p in verborgen:
        _zet(uit, p, GEHEIM)
    verborgen |= primair

    for stat, n in structuur.statistieken:
        aantal = _haal(cijfers, n)
        if _haal(cijfers, stat) is not None and (not _is_getal(aantal) or aantal < DREMPEL):
            _zet(uit, stat, None)
    for verhouding, teller, noemer, noemer_telt_jeugdigen in structuur.verhoudingen:
        if _haal(cijfers, verhouding) is None:
            continue
        n = _haal(cijfers, noemer)
        if noemer_telt_jeugdigen and (not _is_getal(n) or n < DREMPEL):
            _zet(uit, verhouding, None)
        elif teller in verborgen or noemer in verborgen:
            _zet(uit, verhouding, GEHEIM)

    _vangnet(uit, cijfers, (), bekend)
    return uit


def _vangnet(uit, cijfers, pad: Pad, bekend: set) -> None:
    """Primary suppression for any count the structure does not declare."""
    if not isinstance(cijfers, dict):
        return
    for k, v in cijfers.items():
        p = (*pad, k)
        if isinstance(v, dict):
            _vangnet(uit[k], v, p, bekend)
        elif p not in bekend and k not in NIET_TELLINGEN and _is_getal(v) and 1 <= v < DREMPEL:
            uit[k] = MASKER


# ---------------------------------------------------------------------------------------------
# The structure of each function's published tables.


def _ccp(c: dict) -> Structuur:
    s = Structuur()
    s.telling(("aanmeldingen",), ("jeugdigen",))
    inzet = c.get("inzet", {})
    gemeenten = [g for g in inzet if g != "totaal"]
    for g, groepen in inzet.items():
        for grp, kolommen in groepen.items():
            delen = [("inzet", g, grp, k) for k in kolommen if k != "totaal"]
            s.telling(*delen, ("inzet", g, grp, "totaal"))
            s.som(("inzet", g, grp, "totaal"), delen)
    for grp, kolommen in inzet.get("totaal", {}).items():
        for k in kolommen:  # the 'totaal' rows: every column, the row totals included
            s.som(("inzet", "totaal", grp, k), [("inzet", g, grp, k) for g in gemeenten])
    redenen = [("redenen_geen", r) for r in c.get("redenen_geen", {})]
    s.telling(*redenen)
    # Every referral without deployment has a reason: the reasons add up to the 'geen' column.
    s.vergelijkingen.append((redenen, [("inzet", "totaal", grp, "geen") for grp in inzet.get("totaal", {})]))
    # Referral type adds up to the referrals; the alternatives to the reason 'alternatief'.
    bron = [("bron", b) for b in c.get("bron", {})]
    s.telling(*bron)
    if bron:
        s.som(("aanmeldingen",), bron)
    alternatieven = [("alternatieven", a) for a in c.get("alternatieven", {})]
    s.telling(*alternatieven)
    if alternatieven and "alternatief" in c.get("redenen_geen", {}):
        s.som(("redenen_geen", "alternatief"), alternatieven)
    for tabel in ("vervolg_ambulant", "vervolg_verblijf"):
        for grp, kolommen in c.get(tabel, {}).items():
            delen = [(tabel, grp, k) for k in kolommen if k != "totaal"]
            s.telling(*delen, (tabel, grp, "totaal"))
            s.som((tabel, grp, "totaal"), delen)
    for g in c.get("verblijfsduur", {}):
        s.telling(("verblijfsduur", g, "aantal"))
        for stat in ("gemiddeld", "mediaan", "min", "max"):
            s.statistieken.append((("verblijfsduur", g, stat), ("verblijfsduur", g, "aantal")))
    p = "perspectiefplan_binnen_14_dagen"
    s.telling((p, "opnames"), (p, "op_tijd"))
    # Stays started in the quarter by ambulant partner add up to the same stays (opnames).
    partners = [("verblijf_ambulant_door", a) for a in c.get("verblijf_ambulant_door", {})]
    s.telling(*partners)
    if partners:
        s.som((p, "opnames"), partners)
    s.telling(("boven_capaciteit",))
    s.verhoudingen.append(((p, "percentage"), (p, "op_tijd"), (p, "opnames"), True))
    return s


def _experttafel(c: dict) -> Structuur:
    s = Structuur()
    per = c.get("per_gemeente", {})
    for k, v in c.items():
        if _is_getal(v) and k not in NIET_TELLINGEN:
            s.telling((k,))
            delen = [("per_gemeente", g, k) for g in per if k in per[g]]
            if delen:
                s.som((k,), delen)
    for g, waarden in per.items():
        s.telling(*[("per_gemeente", g, k) for k, v in waarden.items() if _is_getal(v)])
    s.statistieken.append((("mediaan_dagen_tot_advies",), ("adviezen",)))
    for groep in ("lessen_per_doel", "actieleren", "actieleren_per_doel"):  # the learning circle's counts
        s.telling(*[(groep, k) for k, v in c.get(groep, {}).items() if _is_getal(v)])
    return s


def _perspectiefregie(c: dict) -> Structuur:
    s = Structuur()
    s.telling(*[(k,) for k, v in c.items() if _is_getal(v)])
    s.verhoudingen += [
        (("percentage_met_regisseur",), ("met_regisseur",), ("trajecten",), True),
        (("percentage_plan_op_tijd",), ("plannen_op_tijd",), ("plannen_verwacht",), True),
        (("wissels_per_jeugdige",), ("regisseurwissels",), ("jeugdigen_vrijwillig_verblijf",), True),
    ]
    s.statistieken.append((("mediaan_dagen_tot_regisseur",), ("gestart_met_regisseur",)))
    return s


def _servicepunt(c: dict) -> Structuur:
    s = Structuur()
    for soort in c.get("capaciteit", {}):
        pad = ("capaciteit", soort)
        s.telling((*pad, "bezet"))
        # Beds are public knowledge: hide them only when nothing else will do.
        s.overig[(*pad, "capaciteit")] = 1000
        s.overig[(*pad, "vrij")] = 1
        s.som((*pad, "capaciteit"), [(*pad, "bezet"), (*pad, "vrij")])
        s.verhoudingen.append(((*pad, "bezettingsgraad"), (*pad, "bezet"), (*pad, "capaciteit"), False))
    s.telling(("wachtlijst", "aantal"))
    s.statistieken.append((("wachtlijst", "mediaan_wachtdagen"), ("wachtlijst", "aantal")))
    t = "tweewekenregel"
    s.telling((t, "beoordeeld"), (t, "gehaald"))
    s.verhoudingen.append(((t, "percentage"), (t, "gehaald"), (t, "beoordeeld"), True))
    for per in ("per_gemeente", "per_aanbieder"):
        for sleutel in c.get(t, {}).get(per, {}):
            pad = (t, per, sleutel)
            s.telling((*pad, "beoordeeld"), (*pad, "gehaald"))
            s.verhoudingen.append(((*pad, "percentage"), (*pad, "gehaald"), (*pad, "beoordeeld"), True))
        for k in ("beoordeeld", "gehaald"):
            s.som((t, k), [(t, per, sleutel, k) for sleutel in c.get(t, {}).get(per, {})])
    pl = "plaatsingen"
    s.telling(*[(pl, k) for k, v in c.get(pl, {}).items() if _is_getal(v)])
    s.verhoudingen.append(((pl, "eerste_keus_percentage"), (pl, "eerste_keus"), (pl, "instroom"), True))
    s.statistieken.append(((pl, "gemiddelde_verblijfsduur"), (pl, "uitstroom")))
    s.telling(("beschikkingen", "totaal"), ("beschikkingen", "met_verblijf"))
    s.verhoudingen.append(
        (("verblijf_aandeel_percentage",), ("beschikkingen", "met_verblijf"), ("beschikkingen", "totaal"), True)
    )
    return s


def _kpi(c: dict) -> Structuur:
    """The KPI: trajectories with a stay per municipality and the region (their sum) over an
    entered denominator; a percentage whose numerator is hidden is hidden too."""
    s = Structuur()
    per = c.get("per_gemeente", {})
    for g in per:
        s.telling(("per_gemeente", g, "met_verblijf"))
        s.overig[("per_gemeente", g, "jeugdzorgtrajecten")] = 1000
        s.verhoudingen.append(
            (
                ("per_gemeente", g, "percentage"),
                ("per_gemeente", g, "met_verblijf"),
                ("per_gemeente", g, "jeugdzorgtrajecten"),
                True,
            )
        )
    if "regio" in c:
        s.telling(("regio", "met_verblijf"))
        s.som(("regio", "met_verblijf"), [("per_gemeente", g, "met_verblijf") for g in per])
        s.verhoudingen.append(
            (("regio", "percentage"), ("regio", "met_verblijf"), ("regio", "jeugdzorgtrajecten"), True)
        )
    return s


STRUCTUREN: dict[str, Callable[[dict], Structuur]] = {
    "kpi": _kpi,
    "ccp": _ccp,
    "experttafel": _experttafel,
    "perspectiefregie": _perspectiefregie,
    "servicepunt": _servicepunt,
}


def structuur(code: str, cijfers: dict) -> Structuur:
    maker = STRUCTUREN.get(code)
    return maker(cijfers) if maker else Structuur()


def publiek(code: str, cijfers: dict) -> dict:
    """The public variant of a function's figures: the one entry point for API, CSV, JSON, PDF."""
    return bescherm(cijfers, structuur(code, cijfers))
