"""Every field has a translatable verbose name, so that the admin labels its fields and columns in
Finnish and Swedish too. State only: the database does not change."""

import django.contrib.gis.db.models.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import geo_feedback.models.feedback


class Migration(migrations.Migration):

    dependencies = [
        ('city', '0006_verbose_names'),
        ('geo_feedback', '0009_system_note_keys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='feedbacknumbercounter',
            options={'verbose_name': 'feedback number counter', 'verbose_name_plural': 'feedback number counters'},
        ),
        migrations.AlterModelOptions(
            name='idempotencykey',
            options={'verbose_name': 'idempotency key', 'verbose_name_plural': 'idempotency keys'},
        ),
        migrations.AlterField(
            model_name='category',
            name='department',
            field=models.ForeignKey(help_text='The department or outside body responsible for this topic.', on_delete=django.db.models.deletion.PROTECT, related_name='categories', to='city.department', verbose_name='department'),
        ),
        migrations.AlterField(
            model_name='category',
            name='duplicate_radius_m',
            field=models.PositiveSmallIntegerField(default=250, help_text='Open reports this close (metres) are suggested as possible duplicates.', verbose_name='duplicate radius (m)'),
        ),
        migrations.AlterField(
            model_name='category',
            name='group',
            field=models.CharField(choices=[('city_environment', 'City environment'), ('services', 'Services')], help_text='Topic family.', max_length=32, verbose_name='topic family'),
        ),
        migrations.AlterField(
            model_name='category',
            name='is_active',
            field=models.BooleanField(default=True, help_text='Inactive categories take no new reports.', verbose_name='active'),
        ),
        migrations.AlterField(
            model_name='category',
            name='location_required',
            field=models.BooleanField(default=True, help_text='Whether a report in this category must have a place on the map.', verbose_name='location required'),
        ),
        migrations.AlterField(
            model_name='category',
            name='name_en',
            field=models.CharField(help_text='Name in English.', max_length=200, verbose_name='name in English'),
        ),
        migrations.AlterField(
            model_name='category',
            name='name_fi',
            field=models.CharField(help_text='Name in Finnish.', max_length=200, verbose_name='name in Finnish'),
        ),
        migrations.AlterField(
            model_name='category',
            name='name_sv',
            field=models.CharField(help_text='Name in Swedish.', max_length=200, verbose_name='name in Swedish'),
        ),
        migrations.AlterField(
            model_name='category',
            name='service_code',
            field=models.CharField(help_text="Open311 service code, e.g. '171' for street condition.", max_length=20, unique=True, verbose_name='service code'),
        ),
        migrations.AlterField(
            model_name='category',
            name='sort_order',
            field=models.PositiveSmallIntegerField(default=0, help_text='Order in category lists.', verbose_name='order'),
        ),
        migrations.AlterField(
            model_name='category',
            name='target_days',
            field=models.PositiveSmallIntegerField(default=14, help_text='Target handling time in days, from receipt to handled.', verbose_name='target time (days)'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='address_text',
            field=models.CharField(blank=True, help_text='The place as the resident described or searched it.', max_length=300, verbose_name='address or place'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='area',
            field=models.ForeignKey(blank=True, help_text='Residential area the location lies in, found by point-in-polygon.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='feedback', to='city.area', verbose_name='area'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='assigned_to',
            field=models.ForeignKey(blank=True, help_text='The handler the ticket is routed to, if a person rather than the whole department.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_feedback', to=settings.AUTH_USER_MODEL, verbose_name='assigned to'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='category',
            field=models.ForeignKey(help_text='Topic.', on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to='geo_feedback.category', verbose_name='category'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='channel',
            field=models.CharField(choices=[('web', 'Web'), ('service_point', 'Customer service point'), ('phone', 'Phone'), ('email', 'Email'), ('api', 'API')], default='web', help_text='How the ticket reached the city.', max_length=16, verbose_name='channel'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, db_index=True, help_text='When it was received.', verbose_name='received'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='department',
            field=models.ForeignKey(help_text='Department or outside body responsible, from the category.', on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to='city.department', verbose_name='department'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='description',
            field=models.TextField(help_text='What the resident wrote (public).', verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='follow_token',
            field=models.CharField(default=geo_feedback.models.feedback._follow_token, editable=False, help_text="Private: the secret in the reporter's follow link.", max_length=64, unique=True, verbose_name='follow token'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='kind',
            field=models.CharField(choices=[('fault', 'Fault'), ('idea', 'Idea or suggestion'), ('question', 'Question'), ('praise', 'Praise')], help_text='Kind of feedback.', max_length=16, verbose_name='kind of feedback'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='language',
            field=models.CharField(choices=[('fi', 'Finnish'), ('sv', 'Swedish'), ('en', 'English')], default='fi', help_text='Language the resident used; their emails are in it.', max_length=2, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='location',
            field=django.contrib.gis.db.models.fields.PointField(blank=True, help_text='Where (EPSG:3067), if anywhere.', null=True, srid=3067, verbose_name='location'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='merged_into',
            field=models.ForeignKey(blank=True, help_text='The ticket this one was closed as a duplicate of.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='duplicates', to='geo_feedback.feedback', verbose_name='merged into'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='number',
            field=models.CharField(help_text='Readable number residents quote, e.g. SJK-2026-000123.', max_length=32, unique=True, verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='reporter_email',
            field=models.EmailField(blank=True, help_text='Private: for the receipt and status news.', max_length=254, verbose_name="reporter's email"),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='reporter_name',
            field=models.CharField(blank=True, help_text="Private: reporter's name.", max_length=200, verbose_name="reporter's name"),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='reporter_phone',
            field=models.CharField(blank=True, help_text="Private: reporter's phone.", max_length=40, verbose_name="reporter's phone"),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='status',
            field=models.CharField(choices=[('received', 'Received'), ('in_triage', 'In triage'), ('routed', 'Routed to a department'), ('in_progress', 'In progress'), ('handled', 'Handled'), ('duplicate', 'Closed as a duplicate'), ('forwarded', 'Forwarded to an outside body'), ('not_citys', "Not the city's to fix"), ('rejected', 'Rejected')], default='received', help_text='Where the ticket stands; changed only by the status service.', max_length=16, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='status_changed_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When the status last changed.', verbose_name='status changed'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='supporter_count',
            field=models.PositiveIntegerField(default=0, help_text="Residents who said 'me too' (kept by the support service).", verbose_name='supporter count'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, help_text='When it last changed.', verbose_name='updated'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Grows with every change; lets two people acting at once notice each other.', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='action',
            field=models.CharField(choices=[('created', 'Received'), ('status', 'Status changed'), ('routed', 'Routed'), ('recategorised', 'Category changed'), ('moved', 'Place moved'), ('merged', 'Merged'), ('redacted', 'Personal data removed'), ('reply', 'Reply'), ('note', 'Internal note'), ('info_requested', 'More information asked')], default='status', help_text='What kind of change this was.', max_length=20, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='actor',
            field=models.ForeignKey(blank=True, help_text='Staff member who made the change; empty for the resident or the system.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='made by'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When the change happened.', verbose_name='time'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='details',
            field=models.JSONField(blank=True, default=dict, help_text="What changed, e.g. {'from': …, 'to': …} (staff only).", verbose_name='details'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='feedback',
            field=models.ForeignKey(help_text='The ticket that changed.', on_delete=django.db.models.deletion.CASCADE, related_name='events', to='geo_feedback.feedback', verbose_name='feedback'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='from_status',
            field=models.CharField(blank=True, choices=[('received', 'Received'), ('in_triage', 'In triage'), ('routed', 'Routed to a department'), ('in_progress', 'In progress'), ('handled', 'Handled'), ('duplicate', 'Closed as a duplicate'), ('forwarded', 'Forwarded to an outside body'), ('not_citys', "Not the city's to fix"), ('rejected', 'Rejected')], help_text='Status before; empty when the ticket was created.', max_length=16, verbose_name='status before'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='internal_note',
            field=models.TextField(blank=True, help_text='Seen by staff only.', verbose_name='internal note'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='public_note',
            field=models.TextField(blank=True, help_text="Shown to everyone on the report's page.", verbose_name='public note'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='to_status',
            field=models.CharField(choices=[('received', 'Received'), ('in_triage', 'In triage'), ('routed', 'Routed to a department'), ('in_progress', 'In progress'), ('handled', 'Handled'), ('duplicate', 'Closed as a duplicate'), ('forwarded', 'Forwarded to an outside body'), ('not_citys', "Not the city's to fix"), ('rejected', 'Rejected')], help_text='Status after.', max_length=16, verbose_name='status after'),
        ),
        migrations.AlterField(
            model_name='feedbackevent',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text="The ticket's version after this change.", verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='feedbackfollower',
            name='browser_key',
            field=models.CharField(blank=True, editable=False, help_text="Private: a keyed hash identifying the browser that said 'me too', so it counts once.", max_length=64, verbose_name='browser key'),
        ),
        migrations.AlterField(
            model_name='feedbackfollower',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When they joined.', verbose_name='joined'),
        ),
        migrations.AlterField(
            model_name='feedbackfollower',
            name='email',
            field=models.EmailField(blank=True, help_text='Private: where status news go; empty for support only.', max_length=254, verbose_name='email'),
        ),
        migrations.AlterField(
            model_name='feedbackfollower',
            name='feedback',
            field=models.ForeignKey(help_text='The ticket followed.', on_delete=django.db.models.deletion.CASCADE, related_name='followers', to='geo_feedback.feedback', verbose_name='feedback'),
        ),
        migrations.AlterField(
            model_name='feedbackfollower',
            name='token',
            field=models.CharField(default=geo_feedback.models.feedback._follow_token, editable=False, help_text="Private: the secret in this follower's unsubscribe link.", max_length=64, unique=True, verbose_name='unsubscribe token'),
        ),
        migrations.AlterField(
            model_name='feedbacknumbercounter',
            name='last',
            field=models.PositiveIntegerField(default=0, help_text='Last sequence number given this year.', verbose_name='last number'),
        ),
        migrations.AlterField(
            model_name='feedbacknumbercounter',
            name='year',
            field=models.PositiveSmallIntegerField(help_text='Calendar year.', primary_key=True, serialize=False, verbose_name='year'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When it was uploaded.', verbose_name='uploaded'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='feedback',
            field=models.ForeignKey(help_text='The report the photo belongs to.', on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='geo_feedback.feedback', verbose_name='feedback'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='height',
            field=models.PositiveIntegerField(help_text='Height in pixels.', verbose_name='height (px)'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='image',
            field=models.ImageField(help_text='The cleaned photo.', upload_to='feedback/%Y/%m/', verbose_name='photo'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='is_public',
            field=models.BooleanField(default=True, help_text='Hidden photos are seen by staff only.', verbose_name='public'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, help_text="Order among the report's photos.", verbose_name='order'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='thumbnail',
            field=models.ImageField(blank=True, help_text='Small version, made by a background job.', upload_to='feedback/thumbs/%Y/%m/', verbose_name='thumbnail'),
        ),
        migrations.AlterField(
            model_name='feedbackphoto',
            name='width',
            field=models.PositiveIntegerField(help_text='Width in pixels.', verbose_name='width (px)'),
        ),
        migrations.AlterField(
            model_name='idempotencykey',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When the key was first used.', verbose_name='first used'),
        ),
        migrations.AlterField(
            model_name='idempotencykey',
            name='feedback',
            field=models.ForeignKey(help_text='The report the first request created.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='geo_feedback.feedback', verbose_name='feedback'),
        ),
        migrations.AlterField(
            model_name='idempotencykey',
            name='key',
            field=models.CharField(help_text="The header's value.", max_length=200, unique=True, verbose_name='key'),
        ),
        migrations.AlterField(
            model_name='open311apikey',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, help_text='When the key was made.', verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='open311apikey',
            name='is_active',
            field=models.BooleanField(default=True, help_text='A disabled key is refused (403).', verbose_name='active'),
        ),
        migrations.AlterField(
            model_name='open311apikey',
            name='key_hash',
            field=models.CharField(editable=False, help_text='SHA-256 of the key (the key itself is not stored).', max_length=64, unique=True, verbose_name='key hash'),
        ),
        migrations.AlterField(
            model_name='open311apikey',
            name='key_prefix',
            field=models.CharField(editable=False, help_text='The first characters of the key, to recognise it; the rest is never stored.', max_length=8, verbose_name='key prefix'),
        ),
        migrations.AlterField(
            model_name='open311apikey',
            name='last_used_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When a report was last sent with the key.', null=True, verbose_name='last used'),
        ),
        migrations.AlterField(
            model_name='open311apikey',
            name='name',
            field=models.CharField(help_text='Who uses the key, e.g. the app or system and its maker; staff see it on the reports it sends.', max_length=100, unique=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='open311apikey',
            name='rate_per_hour',
            field=models.PositiveIntegerField(blank=True, help_text="Reports per hour this client may send; empty: the platform's default (OPEN311_KEY_RATE).", null=True, verbose_name='reports per hour'),
        ),
        migrations.AlterField(
            model_name='replytemplate',
            name='body',
            field=models.TextField(help_text='The reply; staff can edit it before sending.', verbose_name='reply text'),
        ),
        migrations.AlterField(
            model_name='replytemplate',
            name='language',
            field=models.CharField(choices=[('fi', 'Finnish'), ('sv', 'Swedish'), ('en', 'English')], default='fi', help_text='Language of the text.', max_length=2, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='replytemplate',
            name='status',
            field=models.CharField(choices=[('received', 'Received'), ('in_triage', 'In triage'), ('routed', 'Routed to a department'), ('in_progress', 'In progress'), ('handled', 'Handled'), ('duplicate', 'Closed as a duplicate'), ('forwarded', 'Forwarded to an outside body'), ('not_citys', "Not the city's to fix"), ('rejected', 'Rejected')], help_text='The status the reply goes with.', max_length=16, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='replytemplate',
            name='title',
            field=models.CharField(help_text='Name staff pick it by.', max_length=200, verbose_name='title'),
        ),
    ]
