"""What a GI (certified institution) registers about a youth is its own record, beside the
municipality's: a GI sees no municipality's records, so its registration must not match them.
Existing records are the municipality's (via_gi false), as they were."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kern', '0004_vergaderplaats'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='jeugdige',
            name='jeugdige_bsn_per_gemeente',
        ),
        migrations.AddField(
            model_name='jeugdige',
            name='via_gi',
            field=models.BooleanField(db_default=False, default=False, help_text='Wat een gecertificeerde instelling registreerde is haar eigen record, naast dat van de gemeente.', verbose_name='geregistreerd door een GI'),
        ),
        migrations.AddConstraint(
            model_name='jeugdige',
            constraint=models.UniqueConstraint(fields=('gemeente', 'via_gi', 'bsn'), name='jeugdige_bsn_per_registrant'),
        ),
    ]
