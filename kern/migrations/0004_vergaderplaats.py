from django.db import migrations, models

from kern.referentiedata import VERGADERPLAATSEN


def laad(apps, schema_editor):
    Gemeente = apps.get_model("kern", "Gemeente")
    for code, plaats in VERGADERPLAATSEN.items():
        Gemeente.objects.filter(code=code, vergaderplaats="").update(vergaderplaats=plaats)


class Migration(migrations.Migration):
    dependencies = [("kern", "0003_jeugdige_per_gemeente")]
    operations = [
        migrations.AddField(
            model_name="gemeente",
            name="vergaderplaats",
            field=models.CharField(
                blank=True,
                help_text="Waar de experttafel een casus van deze gemeente bespreekt: in de eigen gemeente van het gezin.",
                max_length=200,
                verbose_name="vergaderplaats (stadhuis of gemeentehuis)",
            ),
        ),
        migrations.RunPython(laad, migrations.RunPython.noop),
    ]
