"""Benchmark of the chair's summary PDF (``make bench``).

Sets Django up on a temporary SQLite database (migrate + the demo meeting), with no broker
so the export task runs in-process, and prints:

- the time to render the demo summary through the app (the export service and the task,
  from the request to a stored PDF),
- the time the app's own PDF step (``meetings.summary.render.summary_pdf``) takes on the
  same HTML, and the ratio of the two,
- the page count,
- the time to serve a cached export (a second request that reuses the file, and the
  download view streaming it).

Each figure is the median of several runs.
"""
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from environment import bench_django  # noqa: E402

WORK = bench_django()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(function, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    from accounts.models import Role
    from accounts.services import user_create_with_role
    from meetings.demo import demo_load
    from meetings.models import AgendaItem, SummaryExport
    from meetings.services import summary_export_request
    from meetings.summary.render import summary_html, summary_pdf

    call_command("migrate", verbosity=0)
    meeting, _ = demo_load()
    user = user_create_with_role(username="bench", password="bench-pw-123", role=Role.SECRETARIAT)
    item = AgendaItem.objects.get(meeting=meeting, position=1)
    original = item.text
    counter = iter(range(1_000_000))

    def fresh_export() -> SummaryExport:
        # A small change to the record, so every run renders anew.
        item.text = f"{original} (Run {next(counter)}.)"
        item.save()
        export = summary_export_request(meeting=meeting, user=user)
        export.refresh_from_db()
        assert export.status == "done" and not export.reused, export.status
        return export

    def pdf_alone() -> int:
        html = summary_html(meeting.pk)  # not timed: built before the clock starts
        start = time.perf_counter()
        _pdf, page_count = summary_pdf(html)
        pdf_times.append(time.perf_counter() - start)
        return page_count

    fresh_export()  # warm up: fonts, templates, imports
    # Alternate the two measurements so a busy machine slows both alike.
    app_times: list[float] = []
    pdf_times: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        export = fresh_export()
        app_times.append(time.perf_counter() - start)
        pages = pdf_alone()
    app_time, pdf_time = statistics.median(app_times), statistics.median(pdf_times)

    def cached_request() -> SummaryExport:
        cached = summary_export_request(meeting=meeting, user=user)
        assert cached.reused, "expected a reused export"
        return cached

    cached_time, cached = timed(cached_request, runs=RUNS * 4)
    client = Client()
    client.force_login(user)

    def cached_download() -> int:
        response = client.get(f"/meetings/summary-exports/{cached.pk}/download/")
        assert response.status_code == 200, response.status_code
        return len(b"".join(response.streaming_content))

    serve_time, size = timed(cached_download, runs=RUNS * 4)

    print("Chair's summary PDF: demo meeting (14th SMEWG, 11 agenda items, 16 projects)")
    print(f"  median of {RUNS} runs; database: SQLite in {WORK}")
    print(f"  render through the app (request + task, stored) : {app_time * 1000:8.0f} ms")
    print(f"  summary_pdf alone on the same HTML (WeasyPrint)  : {pdf_time * 1000:8.0f} ms")
    print(f"  ratio app / summary_pdf                          : {app_time / pdf_time:8.2f}")
    print(f"  pages                                            : {pages:8d}   ({export.page_count} stored)")
    print(f"  PDF size                                         : {size / 1024:8.1f} KiB")
    print(f"  cached export: request reusing the stored file   : {cached_time * 1000:8.1f} ms")
    print(f"  cached export: download view serving the file    : {serve_time * 1000:8.1f} ms")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
