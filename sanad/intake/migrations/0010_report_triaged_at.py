# The queue's own mark of a report taken in, apart from the status the reporter sees.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_sign_in_throttle'),
        ('evidence', '0004_file_keys_kept_apart'),
        ('intake', '0009_report_arrived_over_limit'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='report',
            name='report_awaiting_triage',
        ),
        migrations.AddField(
            model_name='report',
            name='triaged_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('triaged_at__isnull', True)), fields=['urgency', 'first_action_due', 'submitted_at'], name='report_awaiting_triage'),
        ),
    ]
