"""The decision's first placement start (Beschikking.geplaatst_op), defined once, and its
triggers on SQLite (#14.4).

On PostgreSQL migration 0007 lays the triggers; on SQLite (`make run`) kern/sqlitekopieen.py
after every migrate.
"""

from kern.sqlitekopieen import SqliteKopie

# The first placement start of the decision row `{b}`: what the waiting list and the two-week
# rule read instead of the decision's placements.
EERSTE_START = "(SELECT min(p.startdatum) FROM servicepunt_plaatsing p WHERE p.beschikking_id = {b})"
_ZET = "UPDATE servicepunt_beschikking SET geplaatst_op = " + EERSTE_START.format(b="servicepunt_beschikking.id")


def _trigger(naam: str, wanneer: str, tabel: str, *rijen: str) -> tuple[str, str]:
    stappen = " ".join(f"{_ZET} WHERE id = {rij};" for rij in rijen)
    return naam, f"CREATE TRIGGER {naam} AFTER {wanneer} ON {tabel} BEGIN {stappen} END"


# SQLite cannot change NEW in a BEFORE trigger: each trigger updates the decisions concerned. Its
# triggers do not fire themselves again (recursive_triggers is off), so the update of the copy
# inside a trigger on the decision ends there; and any write of a decision (a save of one read
# before its placement began) computes its copy again.
SQLITE_TRIGGERS = [
    _trigger("servicepunt_beschikking_geplaatst_in", "INSERT", "servicepunt_beschikking", "NEW.id"),
    _trigger("servicepunt_beschikking_geplaatst_bij", "UPDATE", "servicepunt_beschikking", "NEW.id"),
    _trigger("servicepunt_plaatsing_geplaatst_in", "INSERT", "servicepunt_plaatsing", "NEW.beschikking_id"),
    _trigger(
        "servicepunt_plaatsing_geplaatst_bij",
        "UPDATE OF startdatum, beschikking_id",
        "servicepunt_plaatsing",
        "OLD.beschikking_id",
        "NEW.beschikking_id",
    ),
    _trigger("servicepunt_plaatsing_geplaatst_uit", "DELETE", "servicepunt_plaatsing", "OLD.beschikking_id"),
]


# Laid on SQLite after every migrate (kern/sqlitekopieen.py, registered in servicepunt/apps.py).
SQLITE = SqliteKopie(
    triggers=SQLITE_TRIGGERS,
    tabellen=frozenset({"servicepunt_beschikking", "servicepunt_plaatsing"}),
    kolom=("servicepunt_beschikking", "geplaatst_op"),
    vullen=(_ZET,),
)
