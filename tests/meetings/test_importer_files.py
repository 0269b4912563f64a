"""Reading summaries from PDF and guarding every zip the importer opens (.docx and .zip)."""
import io
import re
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from weasyprint import HTML

from meetings.importer import SummaryImportError, summary_parse, summary_read
from meetings.importer.zipsafety import ARCHIVE_LIMITS, DOCX_LIMITS, zip_open
from tests.meetings.pdf_summaries import summary_pdf

pytestmark = pytest.mark.django_db

SUMMARIES = Path(__file__).resolve().parent / "summaries"
SEED = SUMMARIES / "seed" / "smewg14-chairs-summary.txt"
MB = 1024 * 1024


def _docx_bytes(text: str = "The SMEWG held its 3rd Meeting in Lima, Peru, on 3-4 May 2003.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_with_part(name: str, size: int) -> bytes:
    """A real .docx whose part ``name`` is replaced by ``size`` bytes of spaces (a bomb when large)."""
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info, source.read(info))
        with archive.open(name, "w", force_zip64=True) as part:
            chunk = b" " * MB
            for _ in range(size // MB):
                part.write(chunk)
    return buffer.getvalue()


def _flat(record: dict) -> dict:
    """The record with runs of spaces collapsed in its texts (a PDF's justified lines lose them)."""
    def tidy(value):
        if isinstance(value, str):
            return re.sub(r"[ \t]+", " ", value)
        if isinstance(value, list):
            return [tidy(item) for item in value]
        if isinstance(value, dict):
            return {key: tidy(item) for key, item in value.items()}
        return value

    return tidy(record)


# PDF.


@pytest.mark.parametrize("path", [SEED, SUMMARIES / "smewg22-hanoi.txt", SUMMARIES / "smewg34-st-petersburg.txt"])
def test_summary_read_pdf_imports_as_its_text(path):
    text = summary_read(path.read_bytes(), path.name)

    from_pdf = summary_read(summary_pdf(text), "summary.pdf")

    assert _flat(summary_parse(from_pdf, forum="SMEWG").record) == _flat(summary_parse(text, forum="SMEWG").record)


def test_summary_read_pdf_drops_running_headers_and_page_numbers_and_joins_hyphens():
    text = summary_read(SEED.read_bytes(), SEED.name)
    pdf = summary_pdf(text)

    from_pdf = summary_read(pdf, "summary.pdf")

    assert "Page 2 of" not in from_pdf
    assert "APEC Small and Medium Enterprises Working Group\n" not in from_pdf
    assert "sex-disaggregated list of participants" in from_pdf  # "sex-disag‐" / "gregated" at a line end
    assert "\u2010" not in from_pdf


def test_summary_read_pdf_without_text_refused():
    scan = HTML(string='<div style="width:400px;height:600px;background:#444"></div>').write_pdf()

    with pytest.raises(SummaryImportError, match="no text in it, only images"):
        summary_read(scan, "scan.pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj garbage", b"%PDF-1.4\n" + bytes(range(256)) * 40])
def test_summary_read_damaged_pdf_refused(data):
    with pytest.raises(SummaryImportError, match="not a readable PDF"):
        summary_read(data, "broken.pdf")


# The zip guard.


def test_zip_open_too_many_entries_refused_before_reading():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(1000):
            archive.writestr(f"summary-{index}.txt", "x")

    with pytest.raises(SummaryImportError) as raised:
        zip_open(buffer.getvalue(), ARCHIVE_LIMITS, not_readable="not a zip")

    assert str(raised.value) == "The .zip holds 1,000 entries; at most 200 are accepted."


def test_zip_open_not_a_zip_gets_the_callers_message():
    with pytest.raises(SummaryImportError, match="^not a zip$"):
        zip_open(b"PK\x03\x04 truncated", ARCHIVE_LIMITS, not_readable="not a zip")


def test_zip_open_high_ratio_refused_as_a_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"\0" * (20 * MB))

    with pytest.raises(SummaryImportError, match="compressed .* to 1 \\(a zip bomb\\?\\); more than 100 to 1"):
        zip_open(buffer.getvalue(), DOCX_LIMITS, not_readable="not a zip")


def test_summary_read_docx_with_60_mb_document_gets_the_size_message():
    bomb = _docx_with_part("word/document.xml", 60 * MB)

    with pytest.raises(SummaryImportError) as raised:
        summary_read(bomb, "big.docx")

    assert str(raised.value) == "The .docx unpacks to 60 MB; more than 50 MB is refused."


def test_summary_read_docx_bomb_refused_without_unpacking_it():
    bomb = _docx_with_part("word/numbering.xml", 400 * MB)
    assert len(bomb) < 1 * MB

    tracemalloc.start()
    try:
        with pytest.raises(SummaryImportError, match="unpacks to 400 MB"):
            summary_read(bomb, "bomb.docx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 20 * MB


def test_summary_read_small_docx_still_read():
    assert summary_read(_docx_bytes("Hello from Lima."), "ok.docx").strip() == "Hello from Lima."
