from django.db import migrations, models


# Carried by the migration itself: the places as they were set at this step.
VERGADERPLAATSEN = {
    "almere": "Stadhuis Almere, Stadhuisplein 1, Almere",
    "dronten": "Gemeentehuis Dronten, De Rede 1, Dronten",
    "lelystad": "Stadhuis Lelystad, Stadhuisplein 2, Lelystad",
    "noordoostpolder": "Gemeentehuis Noordoostpolder, Harm Smeengestraat 1, Emmeloord",
    "urk": "Gemeentehuis Urk, Wijk 2 2, Urk",
    "zeewolde": "Gemeentehuis Zeewolde, Raadhuisplein 1, Zeewolde",
}


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
