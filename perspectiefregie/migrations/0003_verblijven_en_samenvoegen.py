"""Existing trajectories (one per stay) become periods of care without losing history.

Each trajectory keeps its stay as its first Verblijf. A youth's trajectories whose stays
overlap or follow on the same day (a stay that started while the earlier one was open) are
merged into the earliest: their stays, regisseurs and plans move along; no row of history is
dropped. The logic is written out here on purpose: later changes to the services must not
change what this migration did."""

from django.db import migrations


def samenvoegen(apps, schema_editor):
    Traject = apps.get_model("perspectiefregie", "Traject")
    Verblijf = apps.get_model("perspectiefregie", "Verblijf")
    Regisseurschap = apps.get_model("perspectiefregie", "Regisseurschap")
    Perspectiefplan = apps.get_model("perspectiefregie", "Perspectiefplan")
    Jim = apps.get_model("perspectiefregie", "Jim")

    for t in Traject.objects.all().iterator():
        Verblijf.objects.get_or_create(
            soort=t.bron,
            verblijf_id=t.bron_id,
            defaults={"traject_id": t.pk, "startdatum": t.startdatum, "einddatum": t.einddatum},
        )

    per_jeugdige = {}
    for t in Traject.objects.order_by("jeugdige_id", "startdatum", "id"):
        per_jeugdige.setdefault(t.jeugdige_id, []).append(t)
    for trajecten in per_jeugdige.values():
        groep = trajecten[0]
        for t in trajecten[1:]:
            if groep.einddatum is not None and t.startdatum > groep.einddatum:
                groep = t  # a new period of care
                continue
            # t started while the group was open: it joins the group.
            actief_groep = Regisseurschap.objects.filter(traject=groep, tot__isnull=True).first()
            actief_t = Regisseurschap.objects.filter(traject=t, tot__isnull=True).first()
            if actief_groep and actief_t:
                # The regisseur who was there first stays; the other assignment is kept as history.
                actief_t.tot = actief_t.van
                actief_t.reden = (actief_t.reden + " (samengevoegd met lopend traject)").strip()
                actief_t.save(update_fields=["tot", "reden"])
            Verblijf.objects.filter(traject=t).update(traject=groep)
            Regisseurschap.objects.filter(traject=t).update(traject=groep)
            Perspectiefplan.objects.filter(traject=t).update(traject=groep)
            jim = Jim.objects.filter(traject=t).first()
            if jim is not None and not Jim.objects.filter(traject=groep).exists():
                jim.traject = groep
                jim.save(update_fields=["traject"])
            if t.einddatum is None or groep.einddatum is None:
                groep.einddatum = None
            else:
                groep.einddatum = max(groep.einddatum, t.einddatum)
            groep.gedwongen_kader = t.gedwongen_kader  # the latest stay knows the current framework
            groep.save(update_fields=["einddatum", "gedwongen_kader"])
            Jim.objects.filter(traject=t).delete()
            t.delete()


class Migration(migrations.Migration):
    dependencies = [("perspectiefregie", "0002_traject_per_zorgperiode")]

    operations = [migrations.RunPython(samenvoegen, migrations.RunPython.noop)]
