"""The city core takes over the tables both halves stand on, keeping every row and id.

Areas and area imports come from ``planning``; departments, places, staff profiles and the
outbox from ``geo_feedback``. The models are created here in Django's state only (as they stood
in those apps), and in the database the tables are renamed: rows, ids, sequences, indexes and the
foreign keys pointing at them all stay. ``geo_feedback`` 0005 and ``planning`` 0002 then point their
own foreign keys here and forget the models. Later city migrations change the models themselves.

This migration depends on the two apps' migrations because their tables are what it takes over;
the city's code imports neither app.
"""

import django.contrib.gis.db.models.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (old table, new table): the tables this migration takes over.
TABLES = [
    ("planning_areaimport", "city_areaimport"),
    ("planning_area", "city_area"),
    ("geo_feedback_department", "city_department"),
    ("geo_feedback_place", "city_place"),
    ("geo_feedback_staffprofile", "city_staffprofile"),
    ("geo_feedback_notification", "city_notification"),
]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("planning", "0001_initial"),
        ("geo_feedback", "0004_open311"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE {old} RENAME TO {new}", reverse_sql=f"ALTER TABLE {new} RENAME TO {old}"
                )
                for old, new in TABLES
            ],
            state_operations=[
                migrations.CreateModel(
                    name='AreaImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(help_text='File name and layer that were imported.', max_length=500)),
                        ('kind', models.CharField(choices=[('city', 'Whole city'), ('budget_area', 'Resident budget area'), ('former_municipality', 'Former municipality'), ('district', 'District'), ('village', 'Village'), ('postal_area', 'Postal code area')], help_text='Kind given to the areas.', max_length=32)),
                        ('source_crs', models.CharField(help_text='Coordinate system the file was read in.', max_length=100)),
                        ('created', models.PositiveIntegerField(default=0, help_text='Areas created.')),
                        ('updated', models.PositiveIntegerField(default=0, help_text='Areas updated.')),
                        ('repaired', models.PositiveIntegerField(default=0, help_text='Rows whose invalid geometry was repaired.')),
                        ('rejected', models.JSONField(blank=True, default=list, help_text='Rejected rows: a list of {row, code, reason}.')),
                        ('imported_by', models.CharField(blank=True, help_text='Who ran the import (user name or system account).', max_length=150)),
                        ('imported_at', models.DateTimeField(auto_now_add=True, help_text='When the import ran.')),
                    ],
                    options={
                        'verbose_name': 'area import',
                        'verbose_name_plural': 'area imports',
                        'ordering': ['-imported_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Area',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(help_text='Stable identifier used in URLs and imports, e.g. a postal code or district number.', max_length=40, unique=True)),
                        ('name_fi', models.CharField(help_text='Name in Finnish.', max_length=200)),
                        ('name_sv', models.CharField(blank=True, help_text='Name in Swedish, if any.', max_length=200)),
                        ('kind', models.CharField(choices=[('city', 'Whole city'), ('budget_area', 'Resident budget area'), ('former_municipality', 'Former municipality'), ('district', 'District'), ('village', 'Village'), ('postal_area', 'Postal code area')], help_text='Kind of area.', max_length=32)),
                        ('boundary', django.contrib.gis.db.models.fields.MultiPolygonField(help_text='Boundary in ETRS-TM35FIN (EPSG:3067).', srid=3067)),
                        ('population', models.PositiveIntegerField(blank=True, help_text='Number of inhabitants, if known.', null=True)),
                        ('population_year', models.PositiveSmallIntegerField(blank=True, help_text='Year the population figure describes.', null=True)),
                        ('population_source', models.CharField(blank=True, choices=[('official', 'Official statistics'), ('estimate', 'Estimate')], help_text='Whether the population is an official figure or an estimate.', max_length=16)),
                        ('created_at', models.DateTimeField(auto_now_add=True, help_text='When the area was first stored.')),
                        ('updated_at', models.DateTimeField(auto_now=True, help_text='When the area was last changed.')),
                        ('parent', models.ForeignKey(blank=True, help_text='The larger area this one lies in, if any.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='city.area')),
                    ],
                    options={
                        'verbose_name': 'area',
                        'verbose_name_plural': 'areas',
                        'ordering': ['code'],
                        'indexes': [models.Index(fields=['kind'], name='planning_ar_kind_bab4c7_idx'), models.Index(fields=['parent'], name='planning_ar_parent__745c09_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('parent', models.F('id')), _negated=True), name='area_not_own_parent'), models.CheckConstraint(condition=models.Q(('code', ''), _negated=True), name='area_code_not_empty'), models.CheckConstraint(condition=models.Q(('name_fi', ''), _negated=True), name='area_name_fi_not_empty'), models.CheckConstraint(condition=models.Q(models.Q(('population__isnull', True), ('population_source', ''), ('population_year__isnull', True)), models.Q(('population__isnull', False), ('population_year__gte', 1800), ('population_year__lte', 2200), models.Q(('population_source', ''), _negated=True)), _connector='OR'), name='area_population_has_year_and_source')],
                    },
                ),
                migrations.CreateModel(
                    name='Department',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(help_text="Stable identifier, e.g. 'kaupunkiymparisto'.", max_length=40, unique=True)),
                        ('name_fi', models.CharField(help_text='Name in Finnish.', max_length=200)),
                        ('name_sv', models.CharField(blank=True, help_text='Name in Swedish.', max_length=200)),
                        ('name_en', models.CharField(blank=True, help_text='Name in English.', max_length=200)),
                        ('is_external', models.BooleanField(default=False, help_text='An outside body (e.g. the wellbeing services county): its tickets are forwarded there.')),
                        ('email', models.EmailField(blank=True, help_text='Where forwarded or routed tickets are sent, if anywhere.', max_length=254)),
                    ],
                    options={
                        'verbose_name': 'department',
                        'verbose_name_plural': 'departments',
                        'ordering': ['name_fi'],
                    },
                ),
                migrations.CreateModel(
                    name='Place',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(help_text='postal_locality, address, rail_station, …', max_length=40)),
                        ('name', models.CharField(help_text='Name as residents write it.', max_length=200)),
                        ('street_address', models.CharField(blank=True, help_text='Street address, if any.', max_length=200)),
                        ('postcode', models.CharField(blank=True, help_text='Postal code, if known.', max_length=10)),
                        ('location', django.contrib.gis.db.models.fields.PointField(help_text='Where the place is (EPSG:3067).', srid=3067)),
                        ('accuracy_m', models.PositiveIntegerField(blank=True, help_text='Rough accuracy in metres.', null=True)),
                        ('source', models.CharField(blank=True, help_text='Where the place comes from (licence).', max_length=200)),
                    ],
                    options={
                        'verbose_name': 'place',
                        'verbose_name_plural': 'places',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'name', 'street_address', 'postcode'), name='place_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='StaffProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('customer_service', 'Customer service agent'), ('handler', 'Department handler'), ('participation_agent', 'Participation agent'), ('administrator', 'Administrator')], help_text='What they may see and do.', max_length=32)),
                        ('department', models.ForeignKey(blank=True, help_text='Their department; required for handlers and participation agents.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='city.department')),
                        ('user', models.OneToOneField(help_text="The staff member's account.", on_delete=django.db.models.deletion.CASCADE, related_name='staff_profile', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'staff profile',
                        'verbose_name_plural': 'staff profiles',
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('role__in', ('handler', 'participation_agent')), _negated=True), ('department__isnull', False), _connector='OR'), name='staff_department_role_has_department')],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('receipt', 'Receipt'), ('status', 'Status change'), ('reply', 'Reply'), ('info_request', 'Question to the reporter')], help_text='What the message tells.', max_length=16)),
                        ('recipient', models.EmailField(help_text='Private: the address it goes to.', max_length=254)),
                        ('subject', models.CharField(help_text='Subject line.', max_length=300)),
                        ('body', models.TextField(help_text='Plain-text body.')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, help_text='When it was queued.')),
                        ('enqueued_at', models.DateTimeField(blank=True, help_text='When a send job was last queued.', null=True)),
                        ('sent_at', models.DateTimeField(blank=True, help_text='When it was sent; empty while pending.', null=True)),
                        ('attempts', models.PositiveSmallIntegerField(default=0, help_text='Send attempts so far.')),
                        ('last_error', models.TextField(blank=True, help_text='Why the last attempt failed, if it did.')),
                        ('feedback', models.ForeignKey(help_text='The ticket the message is about.', on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='geo_feedback.feedback')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='notification',
                    index=models.Index(condition=models.Q(('sent_at__isnull', True)), fields=['created_at'], name='notification_pending'),
                ),
            ],
        ),
    ]
