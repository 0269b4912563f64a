"""Importing past chair's summaries as drafts awaiting review: one file, several, or a .zip.

Each file (each summary inside a .zip) becomes its own ``ImportDraft``, read and recognised
at once; a file that cannot be read becomes a refused draft carrying the reason, and the
others go on. Nothing becomes a meeting until someone saves a draft after reviewing it.
"""
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction

from ..importer import MAX_BYTES, SummaryImportError, summary_parse, summary_read
from ..importer.zipsafety import ARCHIVE_LIMITS, zip_open
from ..models import Forum, ImportDraft, ImportDraftStatus, Meeting, MeetingStatus
from .record import meeting_save_record

SUMMARY_SUFFIXES = (".txt", ".docx", ".pdf")
# A .zip larger than this is refused before it is opened (its summaries are each at most MAX_BYTES).
MAX_ARCHIVE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class SummaryFile:
    """A file to import: its name, its size as declared, and how to read its bytes."""

    name: str
    size: int
    read: Callable[[], bytes]

    @classmethod
    def from_upload(cls, upload) -> "SummaryFile":
        return cls(name=upload.name or "upload", size=upload.size, read=upload.read)


def _is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


def summary_drafts_create(*, files: list[SummaryFile], forum: Forum, user=None) -> list[ImportDraft]:
    """One draft per summary in ``files`` (a .zip is opened and each summary in it read).

    Files are read one by one, each in its own transaction: a refused or broken file gives a
    draft with status "refused" and the reason, and does not stop the others.
    """
    batch = secrets.token_hex(8)
    drafts: list[ImportDraft] = []
    for file in files:
        if _is_zip(file.name):
            drafts += _drafts_from_zip(file, forum=forum, user=user, batch=batch)
        else:
            drafts.append(_draft_create(file, forum=forum, user=user, batch=batch))
    return drafts


def _refused(name: str, message: str, *, forum, user, batch) -> ImportDraft:
    return ImportDraft.objects.create(
        forum=forum, uploaded_by=user, batch=batch, filename=name[:255],
        status=ImportDraftStatus.REFUSED, error=message,
    )


def _draft_create(file: SummaryFile, *, forum, user, batch, shown_name: str | None = None) -> ImportDraft:
    """``shown_name`` is set for a file from a .zip, where only summary suffixes are read."""
    name = shown_name or file.name
    if file.size > MAX_BYTES:
        limit = MAX_BYTES // 1024 // 1024
        return _refused(
            name, f"The file is {file.size / 1024 / 1024:.1f} MB; summaries over {limit} MB are refused.",
            forum=forum, user=user, batch=batch,
        )
    if shown_name and not file.name.lower().endswith(SUMMARY_SUFFIXES):
        return _refused(
            name, "Not a summary file: only .txt, .docx, .pdf (or a .zip of them) are read.",
            forum=forum, user=user, batch=batch,
        )
    try:
        data = file.read()
        text = summary_read(data, file.name)
        parsed = summary_parse(text, forum=forum.code)
    except SummaryImportError as error:
        return _refused(name, str(error), forum=forum, user=user, batch=batch)
    with transaction.atomic():
        draft = ImportDraft.objects.create(
            forum=forum, uploaded_by=user, batch=batch, filename=name[:255], text=text,
            record=parsed.record, problem_count=len(parsed.problems),
        )
        draft.source.save(PurePosixPath(file.name).name, ContentFile(data), save=True)
    return draft


def _drafts_from_zip(file: SummaryFile, *, forum, user, batch) -> list[ImportDraft]:
    if file.size > MAX_ARCHIVE_BYTES:
        limit = MAX_ARCHIVE_BYTES // 1024 // 1024
        return [_refused(
            file.name, f"The .zip is {file.size / 1024 / 1024:.0f} MB; more than {limit} MB is refused.",
            forum=forum, user=user, batch=batch,
        )]
    try:
        archive = zip_open(file.read(), ARCHIVE_LIMITS, not_readable="The file is not a readable .zip archive.")
    except SummaryImportError as error:
        return [_refused(file.name, str(error), forum=forum, user=user, batch=batch)]
    drafts = []
    with archive:
        for info in sorted(archive.infolist(), key=lambda info: info.filename):
            path = PurePosixPath(info.filename)
            if info.is_dir() or path.parts[0] == "__MACOSX" or path.name.startswith((".", "~$")):
                continue  # folders, and the files macOS and Word leave beside documents
            shown = f"{file.name} › {info.filename}"
            if _is_zip(info.filename):
                drafts.append(_refused(
                    shown, "A .zip inside the .zip is not opened; upload it on its own.",
                    forum=forum, user=user, batch=batch,
                ))
                continue
            entry = SummaryFile(name=info.filename, size=info.file_size, read=_entry_reader(archive, info))
            drafts.append(_draft_create(entry, forum=forum, user=user, batch=batch, shown_name=shown))
    return drafts


def _entry_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise SummaryImportError("This file could not be unpacked from the .zip (damaged or encrypted).") from None

    return read


def summary_draft_save(*, draft: ImportDraft, record: dict, replace: bool = False) -> Meeting:
    """Save a reviewed draft as a meeting in status "summary drafted", and mark the draft saved.

    ``record`` is the draft's record with the reviewer's corrections. Raises
    ``MeetingExists`` / ``RecordError`` (from ``meeting_save_record``) and saves nothing then.
    """
    with transaction.atomic():
        meeting = meeting_save_record(record=record, replace=replace, status=MeetingStatus.DRAFTED, add_guests=True)
        # Issue 17 (review list): fill the meeting's review list from the summary's "status of
        # actions" section here, from ``draft.text``, inside this transaction.
        draft.status = ImportDraftStatus.SAVED
        draft.meeting = meeting
        draft.record = record
        draft.save(update_fields=["status", "meeting", "record"])
    return meeting


def summary_draft_discard(*, draft: ImportDraft) -> None:
    """Delete a draft and its stored file (the file once the deletion is committed)."""
    source = draft.source.name
    storage = draft.source.storage
    draft.delete()
    if source:
        transaction.on_commit(lambda: storage.delete(source))
