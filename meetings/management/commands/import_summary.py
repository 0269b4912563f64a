"""Imports an existing chair's summary (.txt or .docx) as a meeting in status "summary drafted"."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.importer import MAX_BYTES, SummaryImportError, summary_parse, summary_read
from meetings.models import Forum, MeetingStatus
from meetings.services import MeetingExists, RecordError, meeting_save_record


class Command(BaseCommand):
    help = (
        "Import a chair's summary, e.g. import_summary summary.docx --forum SMEWG. With --dry-run, print "
        "the recognised record as export_meeting prints it and save nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The summary, .txt (UTF-8 or Windows-1252) or .docx.")
        parser.add_argument("--forum", help="Forum code, e.g. SMEWG (default: the one the summary names).")
        parser.add_argument("--dry-run", action="store_true", help="Print the record; save nothing.")
        parser.add_argument("--replace", action="store_true", help="Replace a meeting with the same number.")

    def handle(self, *args, file, forum, dry_run, replace, **options):
        if forum and not Forum.objects.filter(code=forum.upper()).exists():
            known = ", ".join(Forum.objects.values_list("code", flat=True))
            raise CommandError(f"Unknown forum {forum}; the forums are: {known}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file}: larger than {MAX_BYTES // 1024 // 1024} MB; refused.")
        try:
            parsed = summary_parse(summary_read(path.read_bytes(), path.name), forum=forum and forum.upper())
        except SummaryImportError as error:
            raise CommandError(f"{file}: {error}") from None
        for problem in parsed.problems:
            self.stderr.write(f"{file}: {problem}")
        if dry_run:
            self.stdout.write(json.dumps(parsed.record, indent=2, ensure_ascii=False))
            return
        try:
            meeting = meeting_save_record(record=parsed.record, replace=replace, status=MeetingStatus.DRAFTED)
        except MeetingExists as error:
            raise CommandError(f"{error} Use --replace to replace it.") from None
        except RecordError as error:
            raise CommandError("Not saved: " + " ".join(error.problems)) from None
        self.stdout.write(f"Saved the {meeting} as a draft: {meeting.get_absolute_url()}")
