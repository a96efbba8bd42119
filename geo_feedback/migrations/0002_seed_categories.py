from django.db import migrations


def seed(apps, schema_editor):
    from geo_feedback.seed import categories_seed

    # Departments were geo_feedback's when this migration was written; they are city's now.
    categories_seed(apps, department_model=("geo_feedback", "Department"))


class Migration(migrations.Migration):
    dependencies = [("geo_feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
