"""Departments, places, staff profiles and the outbox now belong to the city core (``city`` 0001).

State only: the tables were renamed there, and the foreign keys in the database already point at
them (PostgreSQL follows a renamed table). Here Django learns that tickets and categories point at
``city.Department`` and ``city.Area``, and forgets its own copies of the moved models.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("geo_feedback", "0004_open311"),
        ("city", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="category",
                    name="department",
                    field=models.ForeignKey(help_text="The department or outside body responsible for this topic.", on_delete=django.db.models.deletion.PROTECT, related_name="categories", to="city.department"),
                ),
                migrations.AlterField(
                    model_name="feedback",
                    name="department",
                    field=models.ForeignKey(help_text="Department or outside body responsible, from the category.", on_delete=django.db.models.deletion.PROTECT, related_name="feedback", to="city.department"),
                ),
                migrations.AlterField(
                    model_name="feedback",
                    name="area",
                    field=models.ForeignKey(blank=True, help_text="Residential area the location lies in, found by point-in-polygon.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="feedback", to="city.area"),
                ),
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="StaffProfile"),
                migrations.DeleteModel(name="Place"),
                migrations.DeleteModel(name="Department"),
            ],
        ),
    ]
