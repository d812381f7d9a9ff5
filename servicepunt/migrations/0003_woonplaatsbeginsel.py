"""The municipality of the BRP address just before the stay becomes a fact of the decision,
fixed at its start (woonplaatsbeginsel). It used to be read from the shared youth record, which a
later registration could move; existing decisions take the value that record holds now, the
best knowledge there is."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def vul_brp_gemeente(apps, schema_editor):
    Beschikking = apps.get_model("servicepunt", "Beschikking")
    for b in Beschikking.objects.filter(brp_gemeente__isnull=True).select_related("jeugdige").iterator():
        Beschikking.objects.filter(pk=b.pk).update(brp_gemeente_id=b.jeugdige.gemeente_id)
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now, before the ALTER TABLE below (no pending trigger events).
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("kern", "0002_referentiedata"),
        ("servicepunt", "0002_indexen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="beschikking",
            name="brp_gemeente",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="kern.gemeente",
                verbose_name="gemeente van het BRP-adres vlak vóór het verblijf",
            ),
        ),
        migrations.RunPython(vul_brp_gemeente, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="beschikking",
            name="brp_gemeente",
            field=models.ForeignKey(
                help_text="Vastgelegd bij de start; een latere registratie van de jeugdige verandert haar niet.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="kern.gemeente",
                verbose_name="gemeente van het BRP-adres vlak vóór het verblijf",
            ),
        ),
        migrations.AlterField(
            model_name="beschikking",
            name="gemeente",
            field=models.ForeignKey(
                help_text="Woonplaatsbeginsel: bij verblijf de gemeente van het BRP-adres vlak vóór het verblijf. "
                "Wijzigt alleen met een vastgelegde reden (gemeente_wijzigen).",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="kern.gemeente",
                verbose_name="verantwoordelijke gemeente",
            ),
        ),
        migrations.CreateModel(
            name="Woonplaatswijziging",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reden", models.CharField(max_length=300, verbose_name="reden")),
                ("gewijzigd_op", models.DateTimeField(auto_now_add=True, verbose_name="gewijzigd op")),
                (
                    "beschikking",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="woonplaatswijzigingen",
                        to="servicepunt.beschikking",
                    ),
                ),
                (
                    "gewijzigd_door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "naar",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="kern.gemeente",
                        verbose_name="naar gemeente",
                    ),
                ),
                (
                    "van",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="kern.gemeente",
                        verbose_name="van gemeente",
                    ),
                ),
            ],
            options={
                "verbose_name": "wijziging verantwoordelijke gemeente",
                "verbose_name_plural": "wijzigingen verantwoordelijke gemeente",
                "ordering": ["gewijzigd_op", "id"],
            },
        ),
    ]
