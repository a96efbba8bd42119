"""Areas and area imports now belong to the city core (``city`` 0001 renamed their tables).

State only; it runs after ``geo_feedback`` 0005, which pointed tickets at ``city.Area``.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("planning", "0001_initial"),
        ("city", "0001_initial"),
        ("geo_feedback", "0005_ground_moves_to_city"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Area"),
                migrations.DeleteModel(name="AreaImport"),
            ],
        ),
    ]
