"""Issue 10: meetings by forum and start date; the next meeting's start kept on each meeting
and the latest progress note on each action (meetings.derived), filled in for the record so far."""
import bisect

import django.db.models.deletion
from django.db import migrations, models


def fill_derived(apps, schema_editor):
    Action = apps.get_model("meetings", "Action")
    Meeting = apps.get_model("meetings", "Meeting")
    ProgressNote = apps.get_model("meetings", "ProgressNote")
    for forum_id in Meeting.objects.values_list("forum_id", flat=True).distinct():
        meetings = list(Meeting.objects.filter(forum_id=forum_id).values_list("pk", "start_date"))
        starts = sorted({start for _, start in meetings})
        for pk, start in meetings:
            later = bisect.bisect_right(starts, start)
            if later < len(starts):
                Meeting.objects.filter(pk=pk).update(next_meeting_start=starts[later])
    newest = ProgressNote.objects.filter(action_id=models.OuterRef("pk")).order_by("-created", "-pk").values("pk")[:1]
    Action.objects.filter(progress_notes__isnull=False).update(latest_note=models.Subquery(newest))


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0012_summary_public_nonce'),
    ]

    operations = [
        migrations.AddField(
            model_name='action',
            name='latest_note',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.progressnote', verbose_name='latest progress note'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='next_meeting_start',
            field=models.DateField(blank=True, editable=False, help_text='Kept by meetings.derived: when actions due “by the next meeting” fall due.', null=True, verbose_name="start of the forum's next meeting"),
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['forum', 'start_date'], name='meeting_forum_start'),
        ),
        migrations.RunPython(fill_derived, migrations.RunPython.noop),
    ]
