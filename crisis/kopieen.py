"""The copies the quarterly figures read (#14.4), defined once, and their triggers on SQLite.

On PostgreSQL the triggers are laid by migrations 0011 and 0014; on SQLite (`make run`) by
kern/sqlitekopieen.py after every migrate.
"""

from kern.sqlitekopieen import SqliteKopie

# For a deployment row `{i}`: the stay's plan date as met_perspectiefplan's plan_datum reads it,
# the first perspective plan of its trajectory, or without one the historical registration's.
PLANDATUM = """coalesce((SELECT min(p.vastgesteld_op) FROM perspectiefregie_verblijf pv
    JOIN perspectiefregie_perspectiefplan p ON p.traject_id = pv.traject_id
    WHERE pv.soort = 'crisis' AND pv.verblijf_id = {i}.id AND p.soort = 'perspectief'),
    {i}.historisch_perspectiefplan)"""
# For a referral row `{a}`: the person its youth record belongs to (kern.querysets.persoon):
# records sharing a BSN share their smallest id; a record without a BSN is its own person.
PERSOON = """(SELECT coalesce(min(j2.id), j.id) FROM kern_jeugdige j
    LEFT JOIN kern_jeugdige j2 ON j2.bsn = j.bsn WHERE j.id = {a}.jeugdige_id GROUP BY j.id)"""
# The crisis stays of trajectories `{t}`, and the youth records of BSNs `{b}`.
VERBLIJVEN = "SELECT verblijf_id FROM perspectiefregie_verblijf WHERE soort = 'crisis' AND traject_id IN ({t})"
JEUGDIGEN = "SELECT id FROM kern_jeugdige WHERE bsn IN ({b})"

_ZET_AANMELDING = """UPDATE crisis_inzet SET
    kopie_aanmelddatum = (SELECT aanmelddatum FROM crisis_aanmelding WHERE id = crisis_inzet.aanmelding_id),
    kopie_gemeente = (SELECT gemeente_id FROM crisis_aanmelding WHERE id = crisis_inzet.aanmelding_id),
    kopie_leeftijdsgroep = (SELECT leeftijdsgroep FROM crisis_aanmelding WHERE id = crisis_inzet.aanmelding_id)
    WHERE {waar};"""
_ZET_PLAN = "UPDATE crisis_inzet SET kopie_plandatum = " + PLANDATUM.format(i="crisis_inzet") + " WHERE id IN ({ids});"
_ZET_PERSOON = (
    "UPDATE crisis_aanmelding SET kopie_persoon = " + PERSOON.format(a="crisis_aanmelding") + " WHERE {waar};"
)


def _trigger(naam: str, wanneer: str, tabel: str, *stappen: str) -> tuple[str, str]:
    return naam, f"CREATE TRIGGER {naam} AFTER {wanneer} ON {tabel} BEGIN {' '.join(stappen)} END"


# SQLite cannot change NEW in a BEFORE trigger: each trigger updates the rows concerned. Its
# triggers do not fire themselves again (recursive_triggers is off), so an UPDATE of a copy
# inside a trigger on the same table ends there.
SQLITE_TRIGGERS = [
    _trigger(
        "crisis_inzet_kopie_in",
        "INSERT",
        "crisis_inzet",
        _ZET_AANMELDING.format(waar="id = NEW.id"),
        _ZET_PLAN.format(ids="NEW.id"),
    ),
    _trigger(
        "crisis_inzet_kopie_bij",
        "UPDATE OF aanmelding_id, historisch_perspectiefplan",
        "crisis_inzet",
        _ZET_AANMELDING.format(waar="id = NEW.id"),
        _ZET_PLAN.format(ids="NEW.id"),
    ),
    _trigger(
        "crisis_aanmelding_kopie",
        "UPDATE OF aanmelddatum, gemeente_id, leeftijdsgroep",
        "crisis_aanmelding",
        _ZET_AANMELDING.format(waar="aanmelding_id = NEW.id"),
    ),
    _trigger("crisis_aanmelding_persoon_in", "INSERT", "crisis_aanmelding", _ZET_PERSOON.format(waar="id = NEW.id")),
    _trigger(
        "crisis_aanmelding_persoon_bij",
        "UPDATE OF jeugdige_id",
        "crisis_aanmelding",
        _ZET_PERSOON.format(waar="id = NEW.id"),
    ),
    # Per source table, for its inserted (NEW), changed (OLD and NEW) and deleted (OLD) rows.
    *[
        _trigger(f"{naam}_{deel}", f"{wanneer}{kolommen}" if deel == "bij" else wanneer, tabel, *map(stap, rijen))
        for naam, tabel, kolommen, stap in (
            (
                "crisis_plan_kopie",
                "perspectiefregie_perspectiefplan",
                " OF traject_id, soort, vastgesteld_op",
                lambda rij: _ZET_PLAN.format(ids=VERBLIJVEN.format(t=f"{rij}.traject_id")),
            ),
            (
                "crisis_verblijf_kopie",
                "perspectiefregie_verblijf",
                " OF traject_id, soort, verblijf_id",
                lambda rij: _ZET_PLAN.format(ids=f"SELECT {rij}.verblijf_id WHERE {rij}.soort = 'crisis'"),
            ),
            (
                "crisis_jeugdige_persoon",
                "kern_jeugdige",
                " OF bsn",
                lambda rij: _ZET_PERSOON.format(
                    waar=f"jeugdige_id IN ({JEUGDIGEN.format(b=f'{rij}.bsn')} UNION ALL SELECT {rij}.id)"
                ),
            ),
        )
        for deel, wanneer, rijen in (
            ("in", "INSERT", ["NEW"]),
            ("bij", "UPDATE", ["OLD", "NEW"]),
            ("uit", "DELETE", ["OLD"]),
        )
    ],
]
# Laid on SQLite after every migrate (kern/sqlitekopieen.py, registered in crisis/apps.py).
SQLITE = SqliteKopie(
    triggers=SQLITE_TRIGGERS,
    tabellen=frozenset(
        {
            "crisis_inzet",
            "crisis_aanmelding",
            "kern_jeugdige",
            "perspectiefregie_perspectiefplan",
            "perspectiefregie_verblijf",
        }
    ),
    kolom=("crisis_inzet", "kopie_plandatum"),
    vullen=(
        _ZET_AANMELDING.format(waar="1 = 1"),
        _ZET_PLAN.format(ids="SELECT id FROM crisis_inzet"),
        _ZET_PERSOON.format(waar="1 = 1"),
    ),
)
