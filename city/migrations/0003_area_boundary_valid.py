"""A stored boundary is always valid (ST_IsValid): the database keeps the rule the importer and the
admin apply. A boundary stored invalid before (the admin saved one as drawn) is first repaired the
way city.geometry repairs: make_valid, keep the polygons."""

import django.contrib.gis.db.models.functions
from django.db import migrations, models

REPAIR = """
UPDATE city_area
SET boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(boundary), 3))
WHERE NOT ST_IsValid(boundary)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('city', '0002_generic_outbox_and_staff_roles'),
    ]

    operations = [
        migrations.RunSQL(REPAIR, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name='area',
            constraint=models.CheckConstraint(condition=django.contrib.gis.db.models.functions.IsValid('boundary'), name='area_boundary_valid', violation_error_message='The boundary is not a valid polygon.'),
        ),
    ]
