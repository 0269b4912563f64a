"""Benchmark of importing an archive of chair's summaries (``make bench``).

Builds a .zip of 50 summaries of about ten pages each (the seed's agenda three times over,
half as .txt and half as .docx, each with its own meeting number), imports it through
``summary_drafts_create`` as the upload page does, and prints the wall time, the drafts
made and refused. Then times five real-layout PDFs of ten pages (WeasyPrint) the same way,
per page, since a PDF is read more slowly than text.

The target (issue 9): the 50-summary .zip in under a minute on this machine.
"""
import io
import os
import re
import shutil
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from environment import bench_django  # noqa: E402

WORK = bench_django()

from django.core.management import call_command  # noqa: E402

SEED = ROOT / "tests" / "meetings" / "summaries" / "seed" / "smewg14-chairs-summary.txt"
SUMMARIES = 50
COPIES = 3  # the seed's agenda this many times: about ten A4 pages


def long_summary(number: int) -> str:
    """The seed as the ``number``th meeting, its eleven items repeated to about ten pages."""
    text = SEED.read_text(encoding="utf-8").replace("14th Meeting", f"{number}th Meeting")
    opening, _, body = text.partition("\n1. ")
    body = "1. " + body
    parts = [body]
    for copy in range(1, COPIES):
        parts.append(re.sub(r"(?m)^([0-9]{1,2})\.", lambda m, c=copy: f"{int(m.group(1)) + 11 * c}.", body))
    return opening + "\n" + "\n\n".join(parts)


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for index in range(SUMMARIES):
            text = long_summary(100 + index)
            if index % 2:
                zipped.writestr(f"archive/smewg{100 + index}.docx", docx_bytes(text))
            else:
                zipped.writestr(f"archive/smewg{100 + index}.txt", text)
    return buffer.getvalue()


def timed_import(name: str, data: bytes):
    from meetings.models import Forum
    from meetings.services.importer import SummaryFile, summary_drafts_create

    started, cpu = time.perf_counter(), time.process_time()
    drafts = summary_drafts_create(
        files=[SummaryFile(name=name, size=len(data), read=lambda: data)], forum=Forum.objects.get(code="SMEWG")
    )
    return time.perf_counter() - started, time.process_time() - cpu, drafts


def main() -> None:
    call_command("migrate", verbosity=0)
    data = archive()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time counts other work)")
    seconds, cpu, drafts = timed_import("archive.zip", data)
    pending = [draft for draft in drafts if draft.status == "pending"]
    items = sum(draft.counts["items"] for draft in pending) / max(len(pending), 1)
    print(f"archive: {SUMMARIES} summaries (.txt and .docx, {len(data) / 1024 / 1024:.1f} MB zipped), "
          f"{items:.0f} agenda items each")
    print(f"  imported in {seconds:.1f} s wall, {cpu:.1f} s CPU ({cpu / SUMMARIES * 1000:.0f} ms CPU a summary): "
          f"{len(pending)} drafts, {len(drafts) - len(pending)} refused; target under 60 s: "
          f"{'met' if seconds < 60 and len(pending) == SUMMARIES else 'NOT met'}")

    from pypdf import PdfReader

    from tests.meetings.pdf_summaries import summary_pdf

    pdfs = [summary_pdf(long_summary(200 + index)) for index in range(5)]
    pages = sum(len(PdfReader(io.BytesIO(pdf)).pages) for pdf in pdfs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for index, pdf in enumerate(pdfs):
            zipped.writestr(f"smewg{200 + index}.pdf", pdf)
    seconds, cpu, drafts = timed_import("pdfs.zip", buffer.getvalue())
    print(f"pdf: 5 real-layout PDFs, {pages} pages, imported in {seconds:.1f} s wall, {cpu:.1f} s CPU "
          f"({cpu / pages * 1000:.0f} ms CPU a page; {sum(d.status == 'pending' for d in drafts)} drafts)")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
