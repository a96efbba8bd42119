"""Areas may have an English name, as departments and categories have: English pages show it where
there is one (a resident budget area, say) and the Finnish name otherwise. Blank for every area so far."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('city', '0004_unaccent'),
    ]

    operations = [
        migrations.AddField(
            model_name='area',
            name='name_en',
            field=models.CharField(blank=True, help_text='Name in English, where the area has one (e.g. a resident budget area); else the Finnish name is shown.', max_length=200, verbose_name='name in English'),
        ),
    ]
