"""One record of a youth per municipality, linked by BSN, never merged.

Until now one shared record held a youth for the whole region, and a later registration moved
its `gemeente` to the registering municipality. Each row that points at a youth (a referral, an
expert-table case, a decision, a trajectory) belongs to a municipality; where that is not the
record's present municipality, the row moves to a copy of the record for its own municipality.
Nothing is lost: the original keeps its id (the audit trail points at it), every copy keeps the
identity the shared record held, and each municipality then sees only what it registered.
The logic is written out here, as it stood, so later code changes cannot alter this step."""

import django.db.models.deletion

import kern.models
from django.db import migrations, models

# (app, model): every model with a foreign key to the youth and its own municipality.
BRONNEN = [
    ("crisis", "Aanmelding"),
    ("experttafel", "Casus"),
    ("servicepunt", "Beschikking"),
    ("perspectiefregie", "Traject"),
]
IDENTITEIT = ("voornaam", "achternaam", "geboortedatum", "bsn", "kader", "gezag")


def splits_per_gemeente(apps, schema_editor):
    Jeugdige = apps.get_model("kern", "Jeugdige")
    kopieen = {}  # (original id, municipality) -> id of that municipality's record
    for app, model in BRONNEN:
        Model = apps.get_model(app, model)
        rijen = (
            Model.objects.filter(jeugdige__isnull=False)
            .exclude(jeugdige__gemeente_id=models.F("gemeente_id"))
            .values_list("pk", "jeugdige_id", "gemeente_id")
            .order_by("pk")
        )
        per_record = {}
        for pk, jeugdige_id, gemeente_id in rijen:
            per_record.setdefault((jeugdige_id, gemeente_id), []).append(pk)
        for (jeugdige_id, gemeente_id), pks in per_record.items():
            if (jeugdige_id, gemeente_id) not in kopieen:
                bron = Jeugdige.objects.get(pk=jeugdige_id)
                kopie = Jeugdige.objects.create(
                    gemeente_id=gemeente_id, **{veld: getattr(bron, veld) for veld in IDENTITEIT}
                )
                # The copy is as old as the registration it was made from.
                Jeugdige.objects.filter(pk=kopie.pk).update(aangemaakt_op=bron.aangemaakt_op)
                kopieen[(jeugdige_id, gemeente_id)] = kopie.pk
            Model.objects.filter(pk__in=pks).update(jeugdige_id=kopieen[(jeugdige_id, gemeente_id)])
    if kopieen and schema_editor.connection.vendor == "postgresql":
        # Check the moved foreign keys now: PostgreSQL refuses the ALTER TABLE below while
        # deferred checks of this transaction are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("kern", "0002_referentiedata"),
        ("crisis", "0003_indexen"),
        ("experttafel", "0002_codelijsten"),
        ("servicepunt", "0003_woonplaatsbeginsel"),
        ("perspectiefregie", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="jeugdige",
            name="bsn",
            field=models.CharField(
                blank=True,
                max_length=9,
                null=True,
                validators=[kern.models.valideer_bsn],
                verbose_name="BSN",
            ),
        ),
        migrations.AlterField(
            model_name="jeugdige",
            name="gemeente",
            field=models.ForeignKey(
                help_text="De gemeente waarvoor deze registratie is gedaan en van wie zij is; verhuist nooit stilzwijgend.",
                on_delete=django.db.models.deletion.PROTECT,
                to="kern.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.RunPython(splits_per_gemeente, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="jeugdige",
            constraint=models.UniqueConstraint(fields=("gemeente", "bsn"), name="jeugdige_bsn_per_gemeente"),
        ),
        migrations.AddIndex(
            model_name="jeugdige",
            index=models.Index(fields=["bsn"], name="jeugdige_bsn_idx"),
        ),
    ]
