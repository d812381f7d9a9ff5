from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('perspectiefregie', '0007_traject_kwartaalindexen'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='regisseurschap',
            index=models.Index(fields=['traject'], include=('van', 'tot', 'reden'), name='regisseurschap_per_traject'),
        ),
    ]
