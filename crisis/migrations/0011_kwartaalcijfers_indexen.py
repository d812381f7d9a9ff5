"""#14.4: a quarter's figures cost what the quarter costs.

Covering indexes let the quarterly figures read only the quarter's rows from the index
(index-only scans), and three columns on crisis_inzet copy the referral's date, municipality
and age group so that a quarter's deployments need no join to every referral ever made.
The copies are kept by database triggers, whatever writes: set on every insert and update of a
deployment, and followed on every change of its referral (a correction); on the SQLite of
`make run` crisis/kopieen.py lays the same triggers after every migrate.
"""

from django.conf import settings
from django.db import migrations, models

POSTGRES = [
    """
    CREATE FUNCTION crisis_inzet_kopie() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT a.aanmelddatum, a.gemeente_id, a.leeftijdsgroep
          INTO NEW.kopie_aanmelddatum, NEW.kopie_gemeente, NEW.kopie_leeftijdsgroep
          FROM crisis_aanmelding a WHERE a.id = NEW.aanmelding_id;
        RETURN NEW;
    END $$""",
    """
    CREATE TRIGGER crisis_inzet_kopie BEFORE INSERT OR UPDATE ON crisis_inzet
    FOR EACH ROW EXECUTE FUNCTION crisis_inzet_kopie()""",
    """
    CREATE FUNCTION crisis_aanmelding_kopie() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE crisis_inzet SET aanmelding_id = aanmelding_id WHERE aanmelding_id = NEW.id;
        RETURN NULL;
    END $$""",
    """
    CREATE TRIGGER crisis_aanmelding_kopie AFTER UPDATE OF aanmelddatum, gemeente_id, leeftijdsgroep
    ON crisis_aanmelding FOR EACH ROW
    WHEN (OLD.aanmelddatum IS DISTINCT FROM NEW.aanmelddatum OR OLD.gemeente_id IS DISTINCT FROM NEW.gemeente_id
          OR OLD.leeftijdsgroep IS DISTINCT FROM NEW.leeftijdsgroep)
    EXECUTE FUNCTION crisis_aanmelding_kopie()""",
]
POSTGRES_TERUG = [
    "DROP TRIGGER IF EXISTS crisis_aanmelding_kopie ON crisis_aanmelding",
    "DROP FUNCTION IF EXISTS crisis_aanmelding_kopie()",
    "DROP TRIGGER IF EXISTS crisis_inzet_kopie ON crisis_inzet",
    "DROP FUNCTION IF EXISTS crisis_inzet_kopie()",
]
# SQLite (`make run`): no triggers here. SQLite rebuilds crisis_aanmelding for the changes
# below and then fails on a trigger that names it; crisis/kopieen.py lays the triggers after
# every migrate instead (crisis/apps.py).
VULLEN = """
    UPDATE crisis_inzet SET kopie_aanmelddatum = a.aanmelddatum, kopie_gemeente = a.gemeente_id,
        kopie_leeftijdsgroep = a.leeftijdsgroep
    FROM crisis_aanmelding a WHERE a.id = crisis_inzet.aanmelding_id"""


def triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(VULLEN)
        for sql in POSTGRES:
            schema_editor.execute(sql)


def weg(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in POSTGRES_TERUG if vendor == "postgresql" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("crisis", "0010_inzage_na_einde"),
        ("kern", "0007_jeugdige_gi_medewerker"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="inzet",
            name="kopie_aanmelddatum",
            field=models.DateField(editable=False, null=True, verbose_name="aanmelddatum (kopie)"),
        ),
        migrations.AddField(
            model_name="inzet",
            name="kopie_gemeente",
            field=models.CharField(editable=False, max_length=40, null=True, verbose_name="gemeente (kopie)"),
        ),
        migrations.AddField(
            model_name="inzet",
            name="kopie_leeftijdsgroep",
            field=models.CharField(editable=False, max_length=3, null=True, verbose_name="leeftijdsgroep (kopie)"),
        ),
        migrations.RunPython(triggers, weg),
        migrations.AlterField(
            model_name="aanmelding",
            name="aanmelddatum",
            field=models.DateField(verbose_name="aanmelddatum"),
        ),
        migrations.AlterField(
            model_name="historicalaanmelding",
            name="aanmelddatum",
            field=models.DateField(verbose_name="aanmelddatum"),
        ),
        migrations.AlterField(
            model_name="historicalinzet",
            name="einddatum",
            field=models.DateField(blank=True, null=True, verbose_name="einddatum"),
        ),
        migrations.AlterField(
            model_name="inzet",
            name="einddatum",
            field=models.DateField(blank=True, null=True, verbose_name="einddatum"),
        ),
        migrations.AddIndex(
            model_name="aanmelding",
            index=models.Index(
                fields=["aanmelddatum"],
                include=("id", "gemeente", "leeftijdsgroep", "jeugdige", "bron", "reden_geen", "alternatief"),
                name="aanmelding_kwartaal_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="inzet",
            index=models.Index(
                fields=["kopie_aanmelddatum"],
                include=("kopie_gemeente", "kopie_leeftijdsgroep", "hulpvorm", "aanmelding"),
                name="inzet_kwartaal_aanmelding_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="inzet",
            index=models.Index(
                fields=["einddatum"],
                include=(
                    "hulpvorm",
                    "startdatum",
                    "kopie_gemeente",
                    "kopie_leeftijdsgroep",
                    "vervolg_ambulant",
                    "vervolg_verblijf",
                ),
                name="inzet_kwartaal_einde_idx",
            ),
        ),
        migrations.RemoveIndex(
            model_name="inzet",
            name="inzet_startdatum_idx",
        ),
        migrations.AddIndex(
            model_name="inzet",
            index=models.Index(
                fields=["startdatum"],
                include=("id", "hulpvorm", "historisch_perspectiefplan", "ambulant_lokaal_team", "ambulant_door"),
                name="inzet_startdatum_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="inzet",
            index=models.Index(
                condition=models.Q(("boven_capaciteit_reden", ""), _negated=True),
                fields=["startdatum"],
                name="inzet_boven_capaciteit_idx",
            ),
        ),
    ]
