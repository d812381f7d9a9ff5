from django.db import migrations


def laad(apps, schema_editor):
    """The four CCP providers serve the loket municipalities with equal shares (codelists.md)."""
    Contract = apps.get_model("crisis", "CrisisContract")
    Aanbieder = apps.get_model("kern", "Aanbieder")
    Gemeente = apps.get_model("kern", "Gemeente")
    for aanbieder in Aanbieder.objects.filter(ccp_ambulant=True):
        for gemeente in Gemeente.objects.filter(ccp_loket=True):
            Contract.objects.get_or_create(aanbieder=aanbieder, gemeente=gemeente, defaults={"aandeel": 1})


class Migration(migrations.Migration):
    dependencies = [("crisis", "0001_initial"), ("kern", "0002_referentiedata")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
