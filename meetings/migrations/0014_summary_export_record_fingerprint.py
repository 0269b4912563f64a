"""Issue 10: an export request reuses a stored PDF by the record's fingerprint, without rendering."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0013_scale_indexes_and_derived'),
    ]

    operations = [
        migrations.AddField(
            model_name='summaryexport',
            name='record_fingerprint',
            field=models.CharField(blank=True, help_text='What the summary was drawn from (meetings.summary.fingerprint): a request with the same one reuses the file without rendering. Empty when the record changed while it rendered.', max_length=64, verbose_name='record fingerprint'),
        ),
    ]
