"""One guard for every zip the importer opens: a .docx, and a .zip archive of summaries.

``zip_open(data, limits=...)`` reads only the central directory (the archive's table of
contents, which lists every entry's packed and unpacked size) and refuses the archive
before a single entry is unpacked when it has too many entries, would unpack to too much in
total, or packs too tightly (a zip bomb). Python's ``zipfile`` never unpacks more of an entry
than the size the directory declares, so the check cannot be lied past.
"""
import io
import zipfile
from dataclasses import dataclass

from .errors import SummaryImportError


@dataclass(frozen=True)
class ZipLimits:
    """What one kind of zip may hold; ``what`` names it in messages ("The .docx", "The .zip")."""

    what: str
    max_entries: int
    max_unpacked: int  # bytes, all entries together
    max_ratio: int  # unpacked bytes per packed byte, all entries together


# A Word document is a few dozen parts; its text parts compress about 10:1.
DOCX_LIMITS = ZipLimits(what="The .docx", max_entries=500, max_unpacked=50 * 1024 * 1024, max_ratio=100)
# An archive of summaries: one file per meeting, each at most MAX_BYTES.
ARCHIVE_LIMITS = ZipLimits(what="The .zip", max_entries=200, max_unpacked=200 * 1024 * 1024, max_ratio=100)
# Entries smaller than this in total are not judged by their ratio (a tiny file of spaces).
_RATIO_FLOOR = 1024 * 1024


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def zip_check(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Refuse ``archive`` (``SummaryImportError``) if its directory breaks one of ``limits``.

    The checks run in this order, so each archive gets the message of the limit it breaks
    first: entry count, total unpacked size, compression ratio.
    """
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise SummaryImportError(
            f"{limits.what} holds {len(entries):,} entries; at most {limits.max_entries:,} are accepted."
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked:
        raise SummaryImportError(
            f"{limits.what} unpacks to {_mb(unpacked)}; more than {_mb(limits.max_unpacked)} is refused."
        )
    packed = sum(entry.compress_size for entry in entries)
    if unpacked > _RATIO_FLOOR and unpacked > limits.max_ratio * max(packed, 1):
        raise SummaryImportError(
            f"{limits.what} is compressed {unpacked // max(packed, 1):,} to 1 (a zip bomb?); "
            f"more than {limits.max_ratio} to 1 is refused."
        )


def zip_open(data: bytes, limits: ZipLimits, *, not_readable: str) -> zipfile.ZipFile:
    """The checked archive; ``not_readable`` is the message for bytes that are not a zip at all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise SummaryImportError(not_readable) from None
    try:
        zip_check(archive, limits)
    except SummaryImportError:
        archive.close()
        raise
    return archive
