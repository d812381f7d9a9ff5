"""The decision's first placement start (Beschikking.geplaatst_op), defined once, and its
triggers on SQLite (#14.4).

On PostgreSQL migration 0007 lays the triggers. SQLite (the database of `make run`) rebuilds a
table for many schema changes and then refuses, or silently drops, triggers that name it; so
there no migration lays them: before every `migrate` they are removed and after it laid again
and every copy computed afresh (`apps.py` connects this to pre_migrate and post_migrate, as
crisis/kopieen.py does for the crisis copies).
"""

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


def sqlite_weghalen(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as c:
        for naam, _ in SQLITE_TRIGGERS:
            c.execute(f"DROP TRIGGER IF EXISTS {naam}")


def sqlite_aanleggen(connection) -> None:
    """Lay the triggers and compute every copy afresh (a moment for a demo database)."""
    if connection.vendor != "sqlite":
        return
    if not {"servicepunt_beschikking", "servicepunt_plaatsing"} <= set(connection.introspection.table_names()):
        return  # a partial migrate: the next full one lays them
    with connection.cursor() as c:
        kolommen = {k.name for k in connection.introspection.get_table_description(c, "servicepunt_beschikking")}
    if "geplaatst_op" not in kolommen:
        return
    sqlite_weghalen(connection)
    with connection.cursor() as c:
        for _, sql in SQLITE_TRIGGERS:
            c.execute(sql)
        c.execute(_ZET)
