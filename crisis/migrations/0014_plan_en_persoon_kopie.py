"""#14.4: the CCP's quarter costs what the quarter costs, also with perspective plans and persons.

Two more copies, kept by database triggers whatever writes (a correction, the admin, the
import's COPY, perspective direction linking a stay to a trajectory or recording a plan):

- crisis_inzet.kopie_plandatum: the stay's plan date as the figures read it, the first
  perspective plan of its trajectory or else the historical registration's date. 'Plan within
  14 days' becomes one index range instead of two look-ups per stay (56 ms to 6 ms at national
  scale). Followed on every write of the deployment, of a plan and of a stay's link to its
  trajectory (perspectiefregie_verblijf), the trajectory merge included.
- crisis_aanmelding.kopie_persoon: the person the youth record belongs to (records sharing a BSN
  share their smallest id), so a quarter's distinct youths need no join to every youth ever
  registered (36 ms to 9 ms). Followed on every write of a referral and every insert, BSN change
  and delete of a youth.

The triggers on perspective direction's and kern's tables live here because the copies are the
CCP's; they only touch crisis rows. What each copy is, is defined once in crisis/kopieen.py,
which also lays the same triggers on the SQLite of `make run`.
"""

from django.conf import settings
from django.db import migrations, models

from crisis.kopieen import JEUGDIGEN, PERSOON, PLANDATUM, VERBLIJVEN

# Touching a row makes its own trigger compute the copy again.
RAAK_INZETTEN = "UPDATE crisis_inzet SET aanmelding_id = aanmelding_id WHERE id IN ({ids})"
RAAK_AANMELDINGEN = "UPDATE crisis_aanmelding SET jeugdige_id = jeugdige_id WHERE jeugdige_id IN ({ids})"

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION crisis_inzet_kopie() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT a.aanmelddatum, a.gemeente_id, a.leeftijdsgroep
          INTO NEW.kopie_aanmelddatum, NEW.kopie_gemeente, NEW.kopie_leeftijdsgroep
          FROM crisis_aanmelding a WHERE a.id = NEW.aanmelding_id;
        NEW.kopie_plandatum := {PLANDATUM.format(i="NEW")};
        RETURN NEW;
    END $$""",
    f"""
    CREATE FUNCTION crisis_aanmelding_persoon() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.kopie_persoon := {PERSOON.format(a="NEW")};
        RETURN NEW;
    END $$""",
    """
    CREATE TRIGGER crisis_aanmelding_persoon BEFORE INSERT OR UPDATE ON crisis_aanmelding
    FOR EACH ROW EXECUTE FUNCTION crisis_aanmelding_persoon()""",
    f"""
    CREATE FUNCTION crisis_plan_kopie() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            {RAAK_INZETTEN.format(ids=VERBLIJVEN.format(t="OLD.traject_id"))};
        END IF;
        IF TG_OP <> 'DELETE' THEN
            {RAAK_INZETTEN.format(ids=VERBLIJVEN.format(t="NEW.traject_id"))};
        END IF;
        RETURN NULL;
    END $$""",
    """
    CREATE TRIGGER crisis_plan_kopie AFTER INSERT OR DELETE ON perspectiefregie_perspectiefplan
    FOR EACH ROW EXECUTE FUNCTION crisis_plan_kopie()""",
    """
    CREATE TRIGGER crisis_plan_kopie_bij AFTER UPDATE OF traject_id, soort, vastgesteld_op
    ON perspectiefregie_perspectiefplan FOR EACH ROW
    WHEN (OLD.traject_id IS DISTINCT FROM NEW.traject_id OR OLD.soort IS DISTINCT FROM NEW.soort
          OR OLD.vastgesteld_op IS DISTINCT FROM NEW.vastgesteld_op)
    EXECUTE FUNCTION crisis_plan_kopie()""",
    f"""
    CREATE FUNCTION crisis_verblijf_kopie() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.soort = 'crisis' THEN
            {RAAK_INZETTEN.format(ids="OLD.verblijf_id")};
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.soort = 'crisis' THEN
            {RAAK_INZETTEN.format(ids="NEW.verblijf_id")};
        END IF;
        RETURN NULL;
    END $$""",
    """
    CREATE TRIGGER crisis_verblijf_kopie AFTER INSERT OR DELETE ON perspectiefregie_verblijf
    FOR EACH ROW EXECUTE FUNCTION crisis_verblijf_kopie()""",
    """
    CREATE TRIGGER crisis_verblijf_kopie_bij AFTER UPDATE OF traject_id, soort, verblijf_id
    ON perspectiefregie_verblijf FOR EACH ROW
    WHEN (OLD.traject_id IS DISTINCT FROM NEW.traject_id OR OLD.soort IS DISTINCT FROM NEW.soort
          OR OLD.verblijf_id IS DISTINCT FROM NEW.verblijf_id)
    EXECUTE FUNCTION crisis_verblijf_kopie()""",
    f"""
    CREATE FUNCTION crisis_jeugdige_persoon() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            {RAAK_AANMELDINGEN.format(ids=JEUGDIGEN.format(b="OLD.bsn") + " UNION ALL SELECT OLD.id")};
        END IF;
        IF TG_OP <> 'DELETE' THEN
            {RAAK_AANMELDINGEN.format(ids=JEUGDIGEN.format(b="NEW.bsn") + " UNION ALL SELECT NEW.id")};
        END IF;
        RETURN NULL;
    END $$""",
    """
    CREATE TRIGGER crisis_jeugdige_persoon_in AFTER INSERT ON kern_jeugdige FOR EACH ROW
    WHEN (NEW.bsn IS NOT NULL) EXECUTE FUNCTION crisis_jeugdige_persoon()""",
    """
    CREATE TRIGGER crisis_jeugdige_persoon_uit AFTER DELETE ON kern_jeugdige FOR EACH ROW
    WHEN (OLD.bsn IS NOT NULL) EXECUTE FUNCTION crisis_jeugdige_persoon()""",
    """
    CREATE TRIGGER crisis_jeugdige_persoon_bij AFTER UPDATE OF bsn ON kern_jeugdige FOR EACH ROW
    WHEN (OLD.bsn IS DISTINCT FROM NEW.bsn) EXECUTE FUNCTION crisis_jeugdige_persoon()""",
]

POSTGRES_TERUG = [
    "DROP TRIGGER IF EXISTS crisis_jeugdige_persoon_bij ON kern_jeugdige",
    "DROP TRIGGER IF EXISTS crisis_jeugdige_persoon_uit ON kern_jeugdige",
    "DROP TRIGGER IF EXISTS crisis_jeugdige_persoon_in ON kern_jeugdige",
    "DROP FUNCTION IF EXISTS crisis_jeugdige_persoon()",
    "DROP TRIGGER IF EXISTS crisis_verblijf_kopie_bij ON perspectiefregie_verblijf",
    "DROP TRIGGER IF EXISTS crisis_verblijf_kopie ON perspectiefregie_verblijf",
    "DROP FUNCTION IF EXISTS crisis_verblijf_kopie()",
    "DROP TRIGGER IF EXISTS crisis_plan_kopie_bij ON perspectiefregie_perspectiefplan",
    "DROP TRIGGER IF EXISTS crisis_plan_kopie ON perspectiefregie_perspectiefplan",
    "DROP FUNCTION IF EXISTS crisis_plan_kopie()",
    "DROP TRIGGER IF EXISTS crisis_aanmelding_persoon ON crisis_aanmelding",
    "DROP FUNCTION IF EXISTS crisis_aanmelding_persoon()",
    # migration 0011's function, without the plan date
    """
    CREATE OR REPLACE FUNCTION crisis_inzet_kopie() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT a.aanmelddatum, a.gemeente_id, a.leeftijdsgroep
          INTO NEW.kopie_aanmelddatum, NEW.kopie_gemeente, NEW.kopie_leeftijdsgroep
          FROM crisis_aanmelding a WHERE a.id = NEW.aanmelding_id;
        RETURN NEW;
    END $$""",
]

def triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)
        # The existing rows: touched, so their own triggers compute the copies.
        schema_editor.execute("UPDATE crisis_inzet SET aanmelding_id = aanmelding_id")
        schema_editor.execute("UPDATE crisis_aanmelding SET jeugdige_id = jeugdige_id")
    # SQLite (`make run`): crisis.kopieen lays its triggers after every migrate (apps.py).


def weg(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in POSTGRES_TERUG if vendor == "postgresql" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("crisis", "0013_instellingen_naar_kern"),
        ("kern", "0010_regioinstelling_overnemen"),
        ("perspectiefregie", "0007_traject_kwartaalindexen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="aanmelding",
            name="aanmelding_kwartaal_idx",
        ),
        migrations.RemoveIndex(
            model_name="inzet",
            name="inzet_startdatum_idx",
        ),
        migrations.AddField(
            model_name="aanmelding",
            name="kopie_persoon",
            field=models.BigIntegerField(editable=False, null=True, verbose_name="persoon (kopie)"),
        ),
        migrations.AddField(
            model_name="inzet",
            name="kopie_plandatum",
            field=models.DateField(editable=False, null=True, verbose_name="perspectiefplan (kopie)"),
        ),
        migrations.RunPython(triggers, weg),
        migrations.AddIndex(
            model_name="aanmelding",
            index=models.Index(
                fields=["aanmelddatum"],
                include=(
                    "id",
                    "gemeente",
                    "leeftijdsgroep",
                    "jeugdige",
                    "bron",
                    "reden_geen",
                    "alternatief",
                    "kopie_persoon",
                ),
                name="aanmelding_kwartaal_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="inzet",
            index=models.Index(
                fields=["startdatum"],
                include=("id", "hulpvorm", "kopie_plandatum", "ambulant_lokaal_team", "ambulant_door"),
                name="inzet_startdatum_idx",
            ),
        ),
    ]
