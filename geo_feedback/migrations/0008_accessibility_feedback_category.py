"""The accessibility feedback channel (Act 306/2019) as a feedback category: 901, to group services."""

from django.db import migrations


def seed(apps, schema_editor):
    from geo_feedback.seed import categories_seed

    categories_seed(apps)  # creates only what is missing: here the new category


class Migration(migrations.Migration):
    dependencies = [("geo_feedback", "0007_open311_key_rate"), ("city", "0003_area_boundary_valid")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
