from django.db import migrations

DOMEINEN = [
    ("jeugdhulp", "Jeugdhulp"), ("onderwijs", "Onderwijs"), ("volwassenen_ggz", "GGZ volwassenen / ouders"),
    ("verslaving", "Verslaving"), ("wonen", "Wonen"), ("inkomen", "Inkomen en schulden"), ("veiligheid", "Veiligheid"),
    ("gezondheid", "Gezondheid en beperking"), ("wlz", "Wlz / langdurige zorg"), ("justitie", "Justitie"),
]
THEMAS = [
    ("lvb_ggz", "LVB in combinatie met GGZ"), ("schoolverzuim", "Langdurig schoolverzuim"),
    ("complexe_scheiding", "Complexe scheiding"), ("wachtlijst", "Wachttijd specialistische hulp"),
    ("18min_18plus", "Overgang 18-/18+"), ("passend_verblijf", "Geen passende verblijfsplek"),
    ("ouders_ggz", "Psychiatrie bij ouders"), ("huiselijk_geweld", "Huiselijk geweld"),
]


def laad(apps, schema_editor):
    Domein = apps.get_model("experttafel", "Domein")
    Thema = apps.get_model("experttafel", "Thema")
    for i, (code, label) in enumerate(DOMEINEN):
        Domein.objects.update_or_create(code=code, defaults={"label": label, "volgorde": i})
    for i, (code, label) in enumerate(THEMAS):
        Thema.objects.update_or_create(code=code, defaults={"label": label, "volgorde": i})
    # The settings row moved to kern.Regioinstelling (kern 0009); tests/conftest.py calls this
    # with the live registry, where the old model no longer exists.
    try:
        Instelling = apps.get_model("experttafel", "Instelling")
    except LookupError:
        return
    if not Instelling.objects.exists():
        Instelling.objects.create()


class Migration(migrations.Migration):
    dependencies = [("experttafel", "0001_initial")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
