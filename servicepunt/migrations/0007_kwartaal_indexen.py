"""#14.4: a quarter's service-point figures cost what the quarter costs.

Indexes on the placements' start and end (the quarter's in- and outflow, the stays running on a
reference date), on the bridging help per decision (the two-week rule's first start) and on the
capacity confirmations per facility (the capacity of a past reference date).

The waiting list of a day is every decision with a stay not placed by then, issued in any year;
instead of testing every decision ever issued against its placements, a decision keeps its first
placement's start (geplaatst_op) and one partial index finds the waiting ones. On PostgreSQL
database triggers keep that copy whatever writes: every insert, correction (date, decision) or
removal of a placement recomputes it for the decisions involved, and every write of a decision
recomputes its own, so a save of a decision read before its placement began cannot put an old
value back. SQLite (`make run`) gets the same triggers after every migrate (servicepunt/kopie.py).
"""

from django.conf import settings
from django.db import migrations, models

_EERSTE = "(SELECT min(p.startdatum) FROM servicepunt_plaatsing p WHERE p.beschikking_id = {id})"

POSTGRES = [
    f"""
    CREATE FUNCTION servicepunt_beschikking_geplaatst() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.geplaatst_op := {_EERSTE.format(id="NEW.id")};
        RETURN NEW;
    END $$""",
    """
    CREATE TRIGGER servicepunt_beschikking_geplaatst BEFORE INSERT OR UPDATE ON servicepunt_beschikking
    FOR EACH ROW EXECUTE FUNCTION servicepunt_beschikking_geplaatst()""",
    """
    CREATE FUNCTION servicepunt_plaatsing_geplaatst() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- The decision's own trigger recomputes the copy.
        IF TG_OP <> 'INSERT' THEN
            UPDATE servicepunt_beschikking SET geplaatst_op = NULL WHERE id = OLD.beschikking_id;
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.beschikking_id <> OLD.beschikking_id) THEN
            UPDATE servicepunt_beschikking SET geplaatst_op = NULL WHERE id = NEW.beschikking_id;
        END IF;
        RETURN NULL;
    END $$""",
    """
    CREATE TRIGGER servicepunt_plaatsing_geplaatst AFTER INSERT OR DELETE OR UPDATE OF startdatum, beschikking_id
    ON servicepunt_plaatsing FOR EACH ROW EXECUTE FUNCTION servicepunt_plaatsing_geplaatst()""",
]
POSTGRES_TERUG = [
    "DROP TRIGGER IF EXISTS servicepunt_plaatsing_geplaatst ON servicepunt_plaatsing",
    "DROP FUNCTION IF EXISTS servicepunt_plaatsing_geplaatst()",
    "DROP TRIGGER IF EXISTS servicepunt_beschikking_geplaatst ON servicepunt_beschikking",
    "DROP FUNCTION IF EXISTS servicepunt_beschikking_geplaatst()",
]
VULLEN = f"UPDATE servicepunt_beschikking SET geplaatst_op = {_EERSTE.format(id='servicepunt_beschikking.id')}"


def triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)
        schema_editor.execute(VULLEN)


def weg(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_TERUG:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("kern", "0010_regioinstelling_overnemen"),
        ("servicepunt", "0006_verblijf_elke_dag"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="beschikking",
            name="geplaatst_op",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="eerste plaatsing gestart op"),
        ),
        migrations.RunPython(triggers, weg),
        migrations.AddIndex(
            model_name="beschikking",
            index=models.Index(
                condition=models.Q(("zorgtype__isnull", False)),
                fields=["geplaatst_op"],
                include=("afgegeven_op",),
                name="beschikking_wachtend_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="capaciteitsmelding",
            index=models.Index(fields=["voorziening", "gemeld_op"], name="capaciteitsmelding_peil_idx"),
        ),
        migrations.AddIndex(
            model_name="overbrugging",
            index=models.Index(fields=["beschikking", "startdatum"], name="overbrugging_eerste_idx"),
        ),
        migrations.AddIndex(
            model_name="plaatsing",
            index=models.Index(fields=["startdatum"], name="plaatsing_start_idx"),
        ),
        migrations.AddIndex(
            model_name="plaatsing",
            index=models.Index(fields=["einddatum"], include=("startdatum",), name="plaatsing_einde_idx"),
        ),
    ]
