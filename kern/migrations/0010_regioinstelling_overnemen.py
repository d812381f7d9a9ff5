"""Carry the three one-row settings (crisis, experttafel, perspectiefregie) into the one regional
settings row, with a first history entry. Reads the old tables through the migration state, so
it never depends on live code; the values servicepunt and crisis had as literals (7 days, 24
hours) are the new fields' defaults."""

from django.db import migrations
from django.utils import timezone

VELDEN = {
    ("crisis", "Instelling"): [
        "reactietermijn_werkuren",
        "lang_verblijf_dagen",
        "inzage_na_einde_dagen",
        "crisisdienst_naam",
        "crisisdienst_telefoon",
    ],
    ("experttafel", "Instelling"): [
        "capaciteit_per_sessie",
        "begintijd",
        "eindtijd",
        "standaard_plaats",
        "tijdslot_minuten",
        "organisator_naam",
        "organisator_email",
        "leerevaluatie_termijn_dagen",
    ],
    ("perspectiefregie", "Instelling"): ["na_18_vanaf_leeftijd", "na_18_dagen_na_opname"],
}


def overnemen(apps, schema_editor):
    Regioinstelling = apps.get_model("kern", "Regioinstelling")
    Historie = apps.get_model("kern", "HistoricalRegioinstelling")
    if Regioinstelling.objects.exists():
        return
    waarden = {}
    for (app, model), velden in VELDEN.items():
        oud = apps.get_model(app, model).objects.order_by("pk").first()
        if oud is not None:
            waarden.update({veld: getattr(oud, veld) for veld in velden})
    rij = Regioinstelling.objects.create(**waarden)
    velden = {f.attname: getattr(rij, f.attname) for f in Regioinstelling._meta.concrete_fields}
    Historie.objects.create(
        **velden,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Overgenomen uit de instellingen van CCP, experttafel en perspectiefregie",
    )


def terugzetten(apps, schema_editor):
    for (app, model), velden in VELDEN.items():
        Oud = apps.get_model(app, model)
        nieuw = apps.get_model("kern", "Regioinstelling").objects.order_by("pk").first()
        if nieuw is not None and not Oud.objects.exists():
            Oud.objects.create(**{veld: getattr(nieuw, veld) for veld in velden})


class Migration(migrations.Migration):
    dependencies = [
        ("kern", "0009_regioinstelling_en_geschiedenis"),
        ("crisis", "0011_kwartaalcijfers_indexen"),
        ("experttafel", "0004_opvolging_geschiedenis"),
        ("perspectiefregie", "0005_plan_geschiedenis"),
    ]
    operations = [migrations.RunPython(overnemen, terugzetten)]
