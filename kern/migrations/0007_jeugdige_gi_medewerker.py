"""A GI user sees only their own referrals, so what a GI registers about a youth is keyed by the
GI user who registered it: another GI user's registration of the same BSN never matches, returns
or changes it (no oracle on the birth date, no name leaked). Existing GI records keep no user
(NULL) and are therefore never matched again; they stay linked to the others by BSN."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kern', '0006_alternatief'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='jeugdige',
            name='jeugdige_bsn_per_registrant',
        ),
        migrations.AddField(
            model_name='jeugdige',
            name='geregistreerd_door',
            field=models.ForeignKey(blank=True, help_text='Alleen bij een registratie via een GI: de medewerker van wie dit record is.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='geregistreerd door (GI)'),
        ),
        migrations.AddConstraint(
            model_name='jeugdige',
            constraint=models.UniqueConstraint(condition=models.Q(('via_gi', False)), fields=('gemeente', 'bsn'), name='jeugdige_bsn_per_gemeente_eigen'),
        ),
        migrations.AddConstraint(
            model_name='jeugdige',
            constraint=models.UniqueConstraint(condition=models.Q(('via_gi', True)), fields=('gemeente', 'geregistreerd_door', 'bsn'), name='jeugdige_bsn_per_gi_medewerker'),
        ),
    ]
