"""Prints a meeting's record as JSON (the export format of ``meetings.record``)."""
import json

from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting
from meetings.record import meeting_for_record, record_from_meeting


class Command(BaseCommand):
    help = "Print the record of a meeting as JSON, e.g. export_meeting SMEWG 14."

    def add_arguments(self, parser):
        parser.add_argument("forum", help="Forum code, e.g. SMEWG.")
        parser.add_argument("number", type=int, help="Meeting number, e.g. 14.")

    def handle(self, *args, forum, number, **options):
        meeting_id = (
            Meeting.objects.filter(forum__code__iexact=forum, number=number).values_list("pk", flat=True).first()
        )
        if meeting_id is None:
            raise CommandError(f"No meeting {number} of forum {forum} is recorded.")
        record = record_from_meeting(meeting_for_record(meeting_id))
        self.stdout.write(json.dumps(record, indent=2, ensure_ascii=False))
