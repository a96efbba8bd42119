"""PostgreSQL's unaccent, so that the place search forgives a missing ä, ö or å ("ammalantie"
finds Ämmäläntie). A trusted extension: the database's owner may create it."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("city", "0003_area_boundary_valid")]

    operations = [UnaccentExtension()]
