from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION audit_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'De logging (audit_auditregel) kan alleen worden aangevuld.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_alleen_toevoegen BEFORE UPDATE OR DELETE ON audit_auditregel
    FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen();
"""
TERUG = """
DROP TRIGGER IF EXISTS audit_alleen_toevoegen ON audit_auditregel;
DROP FUNCTION IF EXISTS audit_alleen_toevoegen();
"""


def voor_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(voor_postgresql(TRIGGER), voor_postgresql(TERUG))]
