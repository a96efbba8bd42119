from django.db import migrations


def seed(apps, schema_editor):
    from geo_feedback.seed import categories_seed

    categories_seed(apps)


class Migration(migrations.Migration):
    dependencies = [("geo_feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
