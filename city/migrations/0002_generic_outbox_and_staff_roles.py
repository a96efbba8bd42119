"""The outbox speaks of anything, and a staff member may hold several roles.

- A notification was about a ticket (``feedback``); now it is about any row (``about_type`` and
  ``about_id``). Existing rows become "about feedback N" with the same ticket.
- A staff profile had one ``role``; now it has ``roles``, with the new planner, budget official
  and moderator roles. Existing profiles keep their one role.
- The area indexes take names of their own (they were named after the old table).

Reversible: going back keeps the notifications about tickets and each profile's first role.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

ROLE_CHOICES = [
    ('customer_service', 'Customer service agent'), ('handler', 'Department handler'),
    ('participation_agent', 'Participation agent'), ('administrator', 'Administrator'), ('planner', 'Planner'),
    ('budget_official', 'Budget official'), ('moderator', 'Moderator'),
]


def _feedback_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    feedback_type, _created = ContentType.objects.get_or_create(app_label="geo_feedback", model="feedback")
    return feedback_type


def _check_now(schema_editor):
    # The updates queue deferred foreign-key checks; an ALTER TABLE later in this transaction
    # refuses to run over pending ones ("pending trigger events"), so check them here.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def notifications_about_feedback(apps, schema_editor):
    Notification = apps.get_model("city", "Notification")
    Notification.objects.update(about_type=_feedback_type(apps), about_id=models.F("feedback_id"))
    _check_now(schema_editor)


def notifications_back_to_feedback(apps, schema_editor):
    Notification = apps.get_model("city", "Notification")
    feedback_type = _feedback_type(apps)
    Notification.objects.exclude(about_type=feedback_type).delete()  # the old outbox knew only tickets
    Notification.objects.update(feedback_id=models.F("about_id"))
    _check_now(schema_editor)


def roles_from_role(apps, schema_editor):
    StaffProfile = apps.get_model("city", "StaffProfile")
    for profile in StaffProfile.objects.all().only("id", "role"):
        StaffProfile.objects.filter(pk=profile.pk).update(roles=[profile.role])
    _check_now(schema_editor)


def role_from_roles(apps, schema_editor):
    StaffProfile = apps.get_model("city", "StaffProfile")
    for profile in StaffProfile.objects.all().only("id", "roles"):
        StaffProfile.objects.filter(pk=profile.pk).update(role=profile.roles[0])
    _check_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('city', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('geo_feedback', '0005_ground_moves_to_city'),
    ]

    operations = [
        migrations.RenameIndex(model_name='area', new_name='area_kind', old_name='planning_ar_kind_bab4c7_idx'),
        migrations.RenameIndex(model_name='area', new_name='area_parent', old_name='planning_ar_parent__745c09_idx'),

        # The outbox: about anything.
        migrations.AddField(
            model_name='notification',
            name='about_type',
            field=models.ForeignKey(null=True, help_text='What kind of thing the message is about (a ticket, a plan, …).', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AddField(
            model_name='notification',
            name='about_id',
            field=models.PositiveBigIntegerField(null=True, help_text='Which one of them.'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='feedback',
            field=models.ForeignKey(null=True, help_text='The ticket the message is about.', on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='geo_feedback.feedback'),
        ),
        migrations.RunPython(notifications_about_feedback, notifications_back_to_feedback),
        migrations.AlterField(
            model_name='notification',
            name='about_type',
            field=models.ForeignKey(help_text='What kind of thing the message is about (a ticket, a plan, …).', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='about_id',
            field=models.PositiveBigIntegerField(help_text='Which one of them.'),
        ),
        migrations.RemoveField(model_name='notification', name='feedback'),
        migrations.AlterField(
            model_name='notification',
            name='body',
            field=models.TextField(help_text="Plain-text body, ending with the recipient's stop link where there is one."),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(help_text="What the message tells, in the words of the app that wrote it, e.g. 'receipt'.", max_length=32),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['about_type', 'about_id'], name='notification_about'),
        ),

        # Staff: several roles each.
        migrations.AddField(
            model_name='staffprofile',
            name='roles',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=ROLE_CHOICES, max_length=32), null=True, help_text='What they may see and do; one person may hold several roles.', size=None),
        ),
        # Nullable before the data step, so that going back re-adds the column empty and fills it.
        migrations.AlterField(
            model_name='staffprofile',
            name='role',
            field=models.CharField(null=True, choices=[('customer_service', 'Customer service agent'), ('handler', 'Department handler'), ('participation_agent', 'Participation agent'), ('administrator', 'Administrator')], help_text='What they may see and do.', max_length=32),
        ),
        migrations.RunPython(roles_from_role, role_from_roles),
        migrations.AlterField(
            model_name='staffprofile',
            name='roles',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=ROLE_CHOICES, max_length=32), help_text='What they may see and do; one person may hold several roles.', size=None),
        ),
        migrations.RemoveConstraint(model_name='staffprofile', name='staff_department_role_has_department'),
        migrations.RemoveField(model_name='staffprofile', name='role'),
        migrations.AlterField(
            model_name='staffprofile',
            name='department',
            field=models.ForeignKey(blank=True, help_text='Their department; required for handlers, participation agents and planners.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='city.department'),
        ),
        migrations.AddConstraint(
            model_name='staffprofile',
            constraint=models.CheckConstraint(condition=models.Q(('roles', []), _negated=True), name='staff_has_a_role', violation_error_message='Choose at least one role.'),
        ),
        migrations.AddConstraint(
            model_name='staffprofile',
            constraint=models.CheckConstraint(condition=models.Q(('roles__contained_by', ['customer_service', 'handler', 'participation_agent', 'administrator', 'planner', 'budget_official', 'moderator'])), name='staff_roles_known', violation_error_message='Choose the roles from the list.'),
        ),
        migrations.AddConstraint(
            model_name='staffprofile',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('roles__overlap', ['handler', 'participation_agent', 'planner']), _negated=True), ('department__isnull', False), _connector='OR'), name='staff_department_role_has_department', violation_error_message='Handlers, participation agents and planners work for a department: choose it.'),
        ),
    ]
