"""The copy triggers of 0014 on perspective direction's and kern's tables per statement, not per row.

A row trigger on a plan, a stay's link or a youth runs one UPDATE of crisis rows for every row
written: loading 243,000 plans in one INSERT took over ten minutes. Statement triggers with
transition tables (PostgreSQL 10+) touch the crisis rows concerned in one set-based UPDATE,
whatever the statement wrote; for one row it is the same work as before. The BEFORE triggers on
crisis_inzet and crisis_aanmelding stay per row: they set the row's own copy.
"""

import importlib

from django.db import migrations

RAAK_INZETTEN = "UPDATE crisis_inzet SET aanmelding_id = aanmelding_id WHERE id IN ({ids})"
RAAK_AANMELDINGEN = "UPDATE crisis_aanmelding SET jeugdige_id = jeugdige_id WHERE jeugdige_id IN ({ids})"
VERBLIJVEN = "SELECT verblijf_id FROM perspectiefregie_verblijf WHERE soort = 'crisis' AND traject_id IN ({t})"
JEUGDIGEN = "SELECT id FROM kern_jeugdige WHERE bsn IN ({b})"
# In an UPDATE only the rows whose copied facts changed count (transition tables take no column list).
_GEWIJZIGD = "FROM nieuw n JOIN oud o ON o.id = n.id WHERE ({k}) IS DISTINCT FROM ({k2})"


def _gewijzigd(kolommen: str, kant: str, kolom: str) -> str:
    k = ", ".join(f"o.{c}" for c in kolommen.split(", "))
    k2 = ", ".join(f"n.{c}" for c in kolommen.split(", "))
    return f"SELECT {kant}.{kolom} " + _GEWIJZIGD.format(k=k, k2=k2)


PLAN = "traject_id, soort, vastgesteld_op"
VERBLIJF = "traject_id, soort, verblijf_id"


def _functie(naam: str, bij_invoegen: str, bij_verwijderen: str, bij_wijzigen: str) -> str:
    return f"""
    CREATE FUNCTION {naam}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            {bij_invoegen};
        ELSIF TG_OP = 'DELETE' THEN
            {bij_verwijderen};
        ELSE
            {bij_wijzigen};
        END IF;
        RETURN NULL;
    END $$"""


def _triggers(naam: str, tabel: str) -> list[str]:
    return [
        f"CREATE TRIGGER {naam}_in AFTER INSERT ON {tabel} REFERENCING NEW TABLE AS nieuw "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {naam}()",
        f"CREATE TRIGGER {naam}_uit AFTER DELETE ON {tabel} REFERENCING OLD TABLE AS oud "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {naam}()",
        f"CREATE TRIGGER {naam}_bij AFTER UPDATE ON {tabel} REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {naam}()",
    ]


POSTGRES = [
    # the row triggers of 0014
    "DROP TRIGGER IF EXISTS crisis_plan_kopie ON perspectiefregie_perspectiefplan",
    "DROP TRIGGER IF EXISTS crisis_plan_kopie_bij ON perspectiefregie_perspectiefplan",
    "DROP FUNCTION IF EXISTS crisis_plan_kopie()",
    "DROP TRIGGER IF EXISTS crisis_verblijf_kopie ON perspectiefregie_verblijf",
    "DROP TRIGGER IF EXISTS crisis_verblijf_kopie_bij ON perspectiefregie_verblijf",
    "DROP FUNCTION IF EXISTS crisis_verblijf_kopie()",
    "DROP TRIGGER IF EXISTS crisis_jeugdige_persoon_in ON kern_jeugdige",
    "DROP TRIGGER IF EXISTS crisis_jeugdige_persoon_uit ON kern_jeugdige",
    "DROP TRIGGER IF EXISTS crisis_jeugdige_persoon_bij ON kern_jeugdige",
    "DROP FUNCTION IF EXISTS crisis_jeugdige_persoon()",
    # a plan: the crisis stays of the trajectories it was or is in
    _functie(
        "crisis_plan_kopie_st",
        RAAK_INZETTEN.format(ids=VERBLIJVEN.format(t="SELECT traject_id FROM nieuw")),
        RAAK_INZETTEN.format(ids=VERBLIJVEN.format(t="SELECT traject_id FROM oud")),
        RAAK_INZETTEN.format(
            ids=VERBLIJVEN.format(
                t=_gewijzigd(PLAN, "n", "traject_id") + " UNION " + _gewijzigd(PLAN, "o", "traject_id")
            )
        ),
    ),
    *_triggers("crisis_plan_kopie_st", "perspectiefregie_perspectiefplan"),
    # a stay's link to its trajectory: that crisis stay
    _functie(
        "crisis_verblijf_kopie_st",
        RAAK_INZETTEN.format(ids="SELECT verblijf_id FROM nieuw WHERE soort = 'crisis'"),
        RAAK_INZETTEN.format(ids="SELECT verblijf_id FROM oud WHERE soort = 'crisis'"),
        RAAK_INZETTEN.format(
            ids=f"SELECT x.verblijf_id FROM ({_gewijzigd(VERBLIJF, 'n', 'verblijf_id')}"
            f" AND n.soort = 'crisis' UNION {_gewijzigd(VERBLIJF, 'o', 'verblijf_id')} AND o.soort = 'crisis') x"
        ),
    ),
    *_triggers("crisis_verblijf_kopie_st", "perspectiefregie_verblijf"),
    # a youth record: the referrals of every record of the BSNs it had or has, and its own
    _functie(
        "crisis_jeugdige_persoon_st",
        RAAK_AANMELDINGEN.format(
            ids=JEUGDIGEN.format(b="SELECT bsn FROM nieuw WHERE bsn IS NOT NULL") + " UNION ALL SELECT id FROM nieuw"
        ),
        RAAK_AANMELDINGEN.format(ids=JEUGDIGEN.format(b="SELECT bsn FROM oud WHERE bsn IS NOT NULL")),
        RAAK_AANMELDINGEN.format(
            ids=JEUGDIGEN.format(
                b="SELECT n.bsn FROM nieuw n JOIN oud o ON o.id = n.id WHERE o.bsn IS DISTINCT FROM n.bsn "
                "UNION SELECT o.bsn FROM nieuw n JOIN oud o ON o.id = n.id WHERE o.bsn IS DISTINCT FROM n.bsn"
            )
            + " UNION ALL SELECT n.id FROM nieuw n JOIN oud o ON o.id = n.id WHERE o.bsn IS DISTINCT FROM n.bsn"
        ),
    ),
    *_triggers("crisis_jeugdige_persoon_st", "kern_jeugdige"),
]


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for naam, tabel in (
        ("crisis_plan_kopie_st", "perspectiefregie_perspectiefplan"),
        ("crisis_verblijf_kopie_st", "perspectiefregie_verblijf"),
        ("crisis_jeugdige_persoon_st", "kern_jeugdige"),
    ):
        for deel in ("in", "uit", "bij"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {naam}_{deel} ON {tabel}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {naam}()")
    # 0014's row functions and triggers again
    vorige = importlib.import_module("crisis.migrations.0014_plan_en_persoon_kopie")
    for sql in vorige.POSTGRES:
        if any(n in sql for n in ("crisis_plan_kopie", "crisis_verblijf_kopie", "crisis_jeugdige_persoon")):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("crisis", "0014_plan_en_persoon_kopie")]

    operations = [migrations.RunPython(vooruit, terug)]
