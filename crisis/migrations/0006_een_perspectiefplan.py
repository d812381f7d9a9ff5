"""One perspective plan: the plan date of a crisis stay that belongs to a trajectory moves into
perspective direction's Perspectiefplan (the one record); the column keeps only the dates of the
historical registration, which has no trajectory. Written out here on purpose, independent of
the services."""

from django.db import migrations, models


def naar_een_record(apps, schema_editor):
    Inzet = apps.get_model("crisis", "Inzet")
    Verblijf = apps.get_model("perspectiefregie", "Verblijf")
    Perspectiefplan = apps.get_model("perspectiefregie", "Perspectiefplan")
    for inzet in Inzet.objects.filter(perspectiefplan_datum__isnull=False).iterator():
        verblijf = Verblijf.objects.filter(soort="crisis", verblijf_id=inzet.pk).first()
        if verblijf is None:
            continue  # historical stay: its date stays the historical registration's
        plan = (
            Perspectiefplan.objects.filter(traject_id=verblijf.traject_id, soort="perspectief")
            .order_by("vastgesteld_op", "id")
            .first()
        )
        if plan is None:
            Perspectiefplan.objects.create(
                traject_id=verblijf.traject_id, soort="perspectief", vastgesteld_op=inzet.perspectiefplan_datum
            )
        elif inzet.perspectiefplan_datum < plan.vastgesteld_op:
            # The CCP knew the plan earlier than perspective direction recorded it.
            plan.vastgesteld_op = inzet.perspectiefplan_datum
            plan.save(update_fields=["vastgesteld_op"])
        inzet.perspectiefplan_datum = None
        inzet.save(update_fields=["perspectiefplan_datum"])


class Migration(migrations.Migration):
    dependencies = [
        ("crisis", "0005_status_uit_gegevens"),
        ("perspectiefregie", "0004_een_open_traject"),
    ]

    operations = [
        migrations.RunPython(naar_een_record, migrations.RunPython.noop),
        migrations.RenameField("inzet", "perspectiefplan_datum", "historisch_perspectiefplan"),
        migrations.RenameField("historicalinzet", "perspectiefplan_datum", "historisch_perspectiefplan"),
        migrations.AlterField(
            model_name="historicalinzet",
            name="historisch_perspectiefplan",
            field=models.DateField(
                blank=True, null=True, verbose_name="perspectiefplan vastgesteld op (historische registratie)"
            ),
        ),
        migrations.AlterField(
            model_name="inzet",
            name="historisch_perspectiefplan",
            field=models.DateField(
                blank=True, null=True, verbose_name="perspectiefplan vastgesteld op (historische registratie)"
            ),
        ),
    ]
