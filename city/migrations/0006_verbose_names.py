"""Every field has a translatable verbose name, so that the admin labels its fields and columns in
Finnish and Swedish too. State only: the database does not change."""

import django.contrib.gis.db.models.fields
import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('city', '0005_area_name_en'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='area',
            name='boundary',
            field=django.contrib.gis.db.models.fields.MultiPolygonField(help_text='Boundary in ETRS-TM35FIN (EPSG:3067).', srid=3067, verbose_name='boundary'),
        ),
        migrations.AlterField(
            model_name='area',
            name='code',
            field=models.CharField(help_text='Stable identifier used in URLs and imports, e.g. a postal code or district number.', max_length=40, unique=True, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='area',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When the area was first stored.', verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='area',
            name='kind',
            field=models.CharField(choices=[('city', 'Whole city'), ('budget_area', 'Resident budget area'), ('former_municipality', 'Former municipality'), ('district', 'District'), ('village', 'Village'), ('postal_area', 'Postal code area')], help_text='Kind of area.', max_length=32, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='area',
            name='name_fi',
            field=models.CharField(help_text='Name in Finnish.', max_length=200, verbose_name='name in Finnish'),
        ),
        migrations.AlterField(
            model_name='area',
            name='name_sv',
            field=models.CharField(blank=True, help_text='Name in Swedish, if any.', max_length=200, verbose_name='name in Swedish'),
        ),
        migrations.AlterField(
            model_name='area',
            name='parent',
            field=models.ForeignKey(blank=True, help_text='The larger area this one lies in, if any.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='city.area', verbose_name='parent area'),
        ),
        migrations.AlterField(
            model_name='area',
            name='population',
            field=models.PositiveIntegerField(blank=True, help_text='Number of inhabitants, if known.', null=True, verbose_name='population'),
        ),
        migrations.AlterField(
            model_name='area',
            name='population_source',
            field=models.CharField(blank=True, choices=[('official', 'Official statistics'), ('estimate', 'Estimate')], help_text='Whether the population is an official figure or an estimate.', max_length=16, verbose_name='population source'),
        ),
        migrations.AlterField(
            model_name='area',
            name='population_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Year the population figure describes.', null=True, verbose_name='population year'),
        ),
        migrations.AlterField(
            model_name='area',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, help_text='When the area was last changed.', verbose_name='updated'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='created',
            field=models.PositiveIntegerField(default=0, help_text='Areas created.', verbose_name='areas created'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='imported_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When the import ran.', verbose_name='imported'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='imported_by',
            field=models.CharField(blank=True, help_text='Who ran the import (user name or system account).', max_length=150, verbose_name='imported by'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='kind',
            field=models.CharField(choices=[('city', 'Whole city'), ('budget_area', 'Resident budget area'), ('former_municipality', 'Former municipality'), ('district', 'District'), ('village', 'Village'), ('postal_area', 'Postal code area')], help_text='Kind given to the areas.', max_length=32, verbose_name='kind of areas'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='rejected',
            field=models.JSONField(blank=True, default=list, help_text='Rejected rows: a list of {row, code, reason}.', verbose_name='rejected rows'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='repaired',
            field=models.PositiveIntegerField(default=0, help_text='Rows whose invalid geometry was repaired.', verbose_name='rows repaired'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='source',
            field=models.CharField(help_text='File name and layer that were imported.', max_length=500, verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='source_crs',
            field=models.CharField(help_text='Coordinate system the file was read in.', max_length=100, verbose_name='source coordinate system'),
        ),
        migrations.AlterField(
            model_name='areaimport',
            name='updated',
            field=models.PositiveIntegerField(default=0, help_text='Areas updated.', verbose_name='areas updated'),
        ),
        migrations.AlterField(
            model_name='department',
            name='code',
            field=models.SlugField(help_text="Stable identifier, e.g. 'kaupunkiymparisto'.", max_length=40, unique=True, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='department',
            name='email',
            field=models.EmailField(blank=True, help_text='Where forwarded or routed tickets are sent, if anywhere.', max_length=254, verbose_name='email'),
        ),
        migrations.AlterField(
            model_name='department',
            name='is_external',
            field=models.BooleanField(default=False, help_text='An outside body (e.g. the wellbeing services county): its tickets are forwarded there.', verbose_name='outside body'),
        ),
        migrations.AlterField(
            model_name='department',
            name='name_en',
            field=models.CharField(blank=True, help_text='Name in English.', max_length=200, verbose_name='name in English'),
        ),
        migrations.AlterField(
            model_name='department',
            name='name_fi',
            field=models.CharField(help_text='Name in Finnish.', max_length=200, verbose_name='name in Finnish'),
        ),
        migrations.AlterField(
            model_name='department',
            name='name_sv',
            field=models.CharField(blank=True, help_text='Name in Swedish.', max_length=200, verbose_name='name in Swedish'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='about_id',
            field=models.PositiveBigIntegerField(help_text='Which one of them.', verbose_name='object id'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='about_type',
            field=models.ForeignKey(help_text='What kind of thing the message is about (a ticket, a plan, …).', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='object type'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, help_text='Send attempts so far.', verbose_name='attempts'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='body',
            field=models.TextField(help_text="Plain-text body, ending with the recipient's stop link where there is one.", verbose_name='message text'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, db_index=True, help_text='When it was queued.', verbose_name='queued'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='enqueued_at',
            field=models.DateTimeField(blank=True, help_text='When a send job was last queued.', null=True, verbose_name='send job queued'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(help_text="What the message tells, in the words of the app that wrote it, e.g. 'receipt'.", max_length=32, verbose_name='message kind'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='last_error',
            field=models.TextField(blank=True, help_text='Why the last attempt failed, if it did.', verbose_name='last error'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='recipient',
            field=models.EmailField(help_text='Private: the address it goes to.', max_length=254, verbose_name='recipient'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='sent_at',
            field=models.DateTimeField(blank=True, help_text='When it was sent; empty while pending.', null=True, verbose_name='sent'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='subject',
            field=models.CharField(help_text='Subject line.', max_length=300, verbose_name='subject'),
        ),
        migrations.AlterField(
            model_name='place',
            name='accuracy_m',
            field=models.PositiveIntegerField(blank=True, help_text='Rough accuracy in metres.', null=True, verbose_name='accuracy (m)'),
        ),
        migrations.AlterField(
            model_name='place',
            name='kind',
            field=models.CharField(help_text='postal_locality, address, rail_station, …', max_length=40, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='place',
            name='location',
            field=django.contrib.gis.db.models.fields.PointField(help_text='Where the place is (EPSG:3067).', srid=3067, verbose_name='location'),
        ),
        migrations.AlterField(
            model_name='place',
            name='name',
            field=models.CharField(help_text='Name as residents write it.', max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='place',
            name='postcode',
            field=models.CharField(blank=True, help_text='Postal code, if known.', max_length=10, verbose_name='postal code'),
        ),
        migrations.AlterField(
            model_name='place',
            name='source',
            field=models.CharField(blank=True, help_text='Where the place comes from (licence).', max_length=200, verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='place',
            name='street_address',
            field=models.CharField(blank=True, help_text='Street address, if any.', max_length=200, verbose_name='street address'),
        ),
        migrations.AlterField(
            model_name='staffprofile',
            name='department',
            field=models.ForeignKey(blank=True, help_text='Their department; required for handlers, participation agents and planners.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='city.department', verbose_name='department'),
        ),
        migrations.AlterField(
            model_name='staffprofile',
            name='roles',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('customer_service', 'Customer service agent'), ('handler', 'Department handler'), ('participation_agent', 'Participation agent'), ('administrator', 'Administrator'), ('planner', 'Planner'), ('budget_official', 'Budget official'), ('moderator', 'Moderator')], max_length=32), help_text='What they may see and do; one person may hold several roles.', size=None, verbose_name='roles'),
        ),
        migrations.AlterField(
            model_name='staffprofile',
            name='user',
            field=models.OneToOneField(help_text="The staff member's account.", on_delete=django.db.models.deletion.CASCADE, related_name='staff_profile', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
    ]
