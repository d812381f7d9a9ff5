"""The picture in docs/architecture.md matches the code: every import between the apps (at module
level or inside a function) goes down the layers, and no module imports itself round a cycle.
Read with ast, so nothing is imported to check it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Shared concerns at the bottom: they may use each other, never a function above them.
BASIS = {"kern", "accounts", "audit", "flevojeugd"}
# The four regional functions. A stay that starts or ends in crisis or servicepunt is handed to
# perspectiefregie (the trajectory) and to experttafel (the learning evaluation); those two
# import no other function.
FUNCTIES = {
    "crisis": {"perspectiefregie", "experttafel"},
    "servicepunt": {"perspectiefregie", "experttafel"},
    "perspectiefregie": set(),
    "experttafel": set(),
}
TOP = {"rapportage"}  # reads every function's figures
APPS = BASIS | set(FUNCTIES) | TOP

# Known exceptions, each with its reason (docs/architecture.md, "Uitzonderingen").
UITZONDERINGEN = {
    # The demo data command fills every function: a command on top, not part of kern's rules.
    ("kern.management.commands.seed_demo", "*"),
}


def _modules() -> dict[str, Path]:
    uit = {}
    for app in APPS:
        for pad in (ROOT / app).rglob("*.py"):
            deel = pad.relative_to(ROOT).with_suffix("").parts
            if "migrations" in deel:
                continue
            naam = ".".join(deel[:-1] if deel[-1] == "__init__" else deel)
            uit[naam] = pad
    return uit


MODULES = _modules()


def _doel(naam: str) -> str | None:
    """The module an import names (a name imported from a package may be a module itself)."""
    while naam and naam not in MODULES:
        naam = naam.rpartition(".")[0]
    return naam or None


def _imports(naam: str, pad: Path) -> tuple[set[str], set[str]]:
    """(imports at module level, imports inside a function) of one module."""
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    boom = ast.parse(pad.read_text(), str(pad))
    bovenaan = {id(k) for k in ast.walk(ast.Module(body=[s for s in boom.body if not _is_def(s)], type_ignores=[]))}
    boven, binnen = set(), set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            namen = [a.name for a in knoop.names]
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                onder = pakket.split(".")[: len(pakket.split(".")) - (knoop.level - 1)]
                basis = ".".join([*onder, basis] if basis else onder)
            namen = [f"{basis}.{a.name}" for a in knoop.names] + [basis]
        else:
            continue
        doelen = {d for n in namen if (d := _doel(n)) and d != naam}
        (boven if id(knoop) in bovenaan else binnen).update(doelen)
    return boven, binnen


def _is_def(stelling) -> bool:
    return isinstance(stelling, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))


_IMPORTS = {naam: _imports(naam, pad) for naam, pad in MODULES.items()}
# Every import, wherever it stands: what the layers are checked against.
GRAAF = {naam: boven | binnen for naam, (boven, binnen) in _IMPORTS.items()}


def _app(module: str) -> str:
    return module.split(".")[0]


def _model_en_queryset(van: str, naar: str) -> bool:
    """Django's pairing: models.py imports its QuerySets for `objects = XQuerySet.as_manager()`,
    and a queryset method reaches the models of its app inside the function."""
    app = _app(van)
    return van == f"{app}.querysets" and naar == f"{app}.models"


# The cycle check: every import, at module level or inside a function, within an app and across
# apps. The one exception is Django's models <-> querysets pairing (`_model_en_queryset`); a
# dispatcher sends its Celery task by name (flevojeugd.celery.app.tasks[...]) instead of
# importing the task module that imports it.
CYCLUSGRAAF = {
    naam: boven | {d for d in binnen if not _model_en_queryset(naam, d)} for naam, (boven, binnen) in _IMPORTS.items()
}


def _mag(van: str, naar: str) -> bool:
    a, b = van.split(".")[0], naar.split(".")[0]
    if a == b or b in BASIS:
        return True
    if a in TOP:
        return True
    if a in FUNCTIES:
        return b in FUNCTIES[a]
    return False


def test_imports_tussen_apps_gaan_alleen_naar_beneden():
    fout = sorted(
        f"{van} -> {naar}"
        for van, doelen in GRAAF.items()
        for naar in doelen
        if not _mag(van, naar) and (van, naar) not in UITZONDERINGEN and (van, "*") not in UITZONDERINGEN
    )
    assert not fout, "Imports tegen de lagen van docs/architecture.md in:\n" + "\n".join(fout)


def test_uitzonderingen_bestaan_nog():
    """An exception that the code no longer needs goes from the list (and from the page)."""
    weg = [u for u in UITZONDERINGEN if u[1] != "*" and u[1] not in GRAAF.get(u[0], set())]
    assert not weg, f"Uitzonderingen die niet meer nodig zijn: {weg}"


def test_geen_importcycli_tussen_modules():
    """Tarjan's strongly connected components over CYCLUSGRAAF: a component of more than one
    module is a cycle (as crisis.services <-> perspectiefregie.services once was)."""
    index, laag, stapel, op_stapel, cycli = {}, {}, [], set(), []

    def bezoek(v):
        index[v] = laag[v] = len(index)
        stapel.append(v)
        op_stapel.add(v)
        for w in CYCLUSGRAAF.get(v, ()):
            if w not in index:
                bezoek(w)
                laag[v] = min(laag[v], laag[w])
            elif w in op_stapel:
                laag[v] = min(laag[v], index[w])
        if laag[v] == index[v]:
            deel = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                deel.append(w)
                if w == v:
                    break
            if len(deel) > 1:
                cycli.append(sorted(deel))

    for v in sorted(CYCLUSGRAAF):
        if v not in index:
            bezoek(v)
    assert not cycli, f"Importcycli: {cycli}"
