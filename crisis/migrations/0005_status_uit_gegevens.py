"""Give every existing referral the state of the life cycle its data say it is in.

Its own logic, on purpose: a migration must keep meaning the same when the app's rules change.
Until now a distributed referral stayed 'nieuw' or 'getrieerd', and a stay without a plan could
also be 'te verdelen'; from here on the state decides the one queue a referral stands in.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q


def status_uit_gegevens(apps, schema_editor):
    Aanmelding = apps.get_model("crisis", "Aanmelding")
    Inzet = apps.get_model("crisis", "Inzet")
    Toewijzing = apps.get_model("crisis", "Toewijzing")
    inzet = Inzet.objects.filter(aanmelding=OuterRef("pk"))
    lopend = inzet.filter(einddatum__isnull=True)
    levend = Toewijzing.objects.filter(aanmelding=OuterRef("pk")).exclude(status="geweigerd")
    qs = Aanmelding.objects.annotate(heeft_inzet=Exists(inzet), loopt=Exists(lopend), verdeeld=Exists(levend))
    # In this order: a later rule only sees what an earlier one left.
    qs.filter(Q(reden_geen__isnull=False) | Q(heeft_inzet=True, loopt=False)).update(status="afgesloten")
    qs.filter(reden_geen__isnull=True, loopt=True).update(status="in_zorg")
    rest = qs.filter(reden_geen__isnull=True, heeft_inzet=False)
    rest.filter(verdeeld=True).update(status="verdeeld")
    rest.filter(verdeeld=False).filter(Q(getrieerd_op__isnull=False) | ~Q(ernst="")).update(status="getrieerd")
    rest.filter(verdeeld=False, getrieerd_op__isnull=True, ernst="").update(status="nieuw")


class Migration(migrations.Migration):
    dependencies = [("crisis", "0004_levensloop_en_geschiedenis")]

    operations = [migrations.RunPython(status_uit_gegevens, migrations.RunPython.noop)]
