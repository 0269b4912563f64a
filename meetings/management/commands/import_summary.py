"""Imports past chair's summaries (.txt, .docx, .pdf, a .zip of them, or a folder) as drafts for review.

By default each summary becomes a draft on the "Imported summaries to review" page; with
``--save`` each is saved at once as a meeting in status "summary drafted"; with ``--dry-run``
the recognised records are printed and nothing is saved. A file that fails does not stop
the others; the command ends with an error naming how many failed.
"""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.importer import MAX_BYTES, SummaryImportError, summary_parse, summary_read
from meetings.models import Forum, ImportDraftStatus, MeetingStatus
from meetings.services import MeetingExists, RecordError, meeting_save_record
from meetings.services.importer import SUMMARY_SUFFIXES, SummaryFile, summary_drafts_create


class Command(BaseCommand):
    help = (
        "Import chair's summaries, e.g. import_summary archive/ --forum SMEWG: each file (or each summary "
        "in a .zip, or in a folder) becomes a draft to review in the browser. --save saves them as draft "
        "meetings at once; --dry-run prints the recognised records as export_meeting prints them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="file", help="Summaries (.txt, .docx, .pdf), .zip archives or folders."
        )
        parser.add_argument("--forum", help="Forum code, e.g. SMEWG (default: the one the summary names).")
        parser.add_argument("--dry-run", action="store_true", help="Print the records; save nothing.")
        parser.add_argument("--save", action="store_true", help="Save each as a draft meeting without review.")
        parser.add_argument("--replace", action="store_true", help="With --save: replace a meeting with the same number.")

    def handle(self, *args, paths, forum, dry_run, save, replace, **options):
        if forum and not Forum.objects.filter(code=forum.upper()).exists():
            known = ", ".join(Forum.objects.values_list("code", flat=True))
            raise CommandError(f"Unknown forum {forum}; the forums are: {known}.")
        forum = forum and forum.upper()
        files = self._files(paths)
        if dry_run or save:
            failed = sum(not self._one(path, forum=forum, dry_run=dry_run, replace=replace) for path in files)
        else:
            failed = self._drafts(files, forum)
        if failed:
            raise CommandError(f"{failed} of {len(files)} file{'s' if len(files) != 1 else ''} not imported (see above).")

    def _files(self, paths: list[str]) -> list[Path]:
        files = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in (*SUMMARY_SUFFIXES, ".zip") and not p.name.startswith(".")
                )
                if not found:
                    raise CommandError(f"{name}: no .txt, .docx, .pdf or .zip files in this folder.")
                files += found
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{name}: no such file.")
        return files

    def _drafts(self, files: list[Path], forum: str | None) -> int:
        forums = list(Forum.objects.filter(code=forum) if forum else Forum.objects.all())
        if len(forums) != 1:
            raise CommandError("Name the forum with --forum (there are several).")
        drafts = summary_drafts_create(
            files=[SummaryFile(name=str(path), size=path.stat().st_size, read=path.read_bytes) for path in files],
            forum=forums[0],
        )
        failed = 0
        for draft in drafts:
            if draft.status == ImportDraftStatus.REFUSED:
                failed += 1
                self.stderr.write(f"{draft.filename}: refused: {draft.error}")
                continue
            counts = draft.counts
            self.stdout.write(
                f"{draft.filename}: ready for review ({counts['economies']} economies, {counts['items']} items, "
                f"{counts['projects']} projects, {draft.problem_count} to check): /meetings/import/drafts/{draft.pk}/"
            )
        return failed

    def _one(self, path: Path, *, forum: str | None, dry_run: bool, replace: bool) -> bool:
        if path.suffix.lower() == ".zip":
            self.stderr.write(f"{path}: a .zip is imported as drafts for review; unzip it for --dry-run or --save.")
            return False
        if path.stat().st_size > MAX_BYTES:
            self.stderr.write(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB; refused.")
            return False
        try:
            parsed = summary_parse(summary_read(path.read_bytes(), path.name), forum=forum)
        except SummaryImportError as error:
            self.stderr.write(f"{path}: {error}")
            return False
        for problem in parsed.problems:
            self.stderr.write(f"{path}: {problem}")
        if dry_run:
            self.stdout.write(json.dumps(parsed.record, indent=2, ensure_ascii=False))
            return True
        try:
            meeting = meeting_save_record(
                record=parsed.record, replace=replace, status=MeetingStatus.DRAFTED, add_guests=True
            )
        except MeetingExists as error:
            self.stderr.write(f"{path}: {error} Use --replace to replace it.")
            return False
        except RecordError as error:
            self.stderr.write(f"{path}: not saved: " + " ".join(error.problems))
            return False
        self.stdout.write(f"{path}: saved the {meeting} as a draft: {meeting.get_absolute_url()}")
        return True
