from django.db import migrations

from kern import referentiedata as r


def laad(apps, schema_editor):
    m = {n: apps.get_model("kern", n) for n in (
        "Hulpvorm", "RedenGeenInzet", "VervolgAmbulant", "VervolgVerblijf", "Weigerreden",
        "Voorzieningtype", "Gemeente", "Aanbieder", "Voorziening")}
    for i, (code, label, verblijf) in enumerate(r.HULPVORMEN):
        m["Hulpvorm"].objects.update_or_create(code=code, defaults={"label": label, "verblijf": verblijf, "volgorde": i})
    for model, lijst in (("RedenGeenInzet", r.REDENEN_GEEN_INZET), ("VervolgAmbulant", r.VERVOLG_AMBULANT),
                         ("VervolgVerblijf", r.VERVOLG_VERBLIJF), ("Weigerreden", r.WEIGERREDENEN)):
        for i, (code, label) in enumerate(lijst):
            m[model].objects.update_or_create(code=code, defaults={"label": label, "volgorde": i})
    for i, (code, label, hulpvorm) in enumerate(r.VOORZIENINGTYPEN):
        m["Voorzieningtype"].objects.update_or_create(
            code=code, defaults={"label": label, "volgorde": i, "hulpvorm_id": hulpvorm})
    for i, (code, naam, cbs, in_regio, loket, team, lat, lon) in enumerate(r.GEMEENTEN):
        m["Gemeente"].objects.update_or_create(code=code, defaults={
            "naam": naam, "cbs_code": cbs, "in_regio": in_regio, "ccp_loket": loket, "lokaal_team": team,
            "breedtegraad": lat, "lengtegraad": lon, "volgorde": i})
    for code, naam, ccp in r.AANBIEDERS:
        m["Aanbieder"].objects.update_or_create(code=code, defaults={"naam": naam, "ccp_ambulant": ccp})
    for naam, aanbieder, type_, gemeente, lmin, lmax, cap, aanbod in r.VOORZIENINGEN:
        m["Voorziening"].objects.update_or_create(naam=naam, defaults={
            "aanbieder_id": aanbieder, "type_id": type_, "gemeente_id": gemeente, "leeftijd_min": lmin,
            "leeftijd_max": lmax, "capaciteit": cap, "aanbod": aanbod})


class Migration(migrations.Migration):
    dependencies = [("kern", "0001_initial")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
