"""Benchmark of downloading a 20 MB PDF through the app (``make bench``): from the local
file system against from object storage (moto in server mode as the S3 endpoint).

For each, the median time of the app's answer, the time until the whole file has reached
the client, and the peak memory Python allocated in the process while answering (tracemalloc):
flat means the file is streamed in blocks (local) or never passes through the app at all
(object storage: the app authorises, then redirects to a presigned URL).
"""
import os
import statistics
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from environment import bench_django  # noqa: E402

WORK = bench_django()

import requests  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZE = 20 * 1024 * 1024


def measure(client: Client, url: str) -> tuple[float, float, float]:
    """(answer seconds, whole-file seconds, peak MB allocated while answering), medians."""
    answers, wholes, peaks = [], [], []
    for _ in range(RUNS):
        tracemalloc.start()
        start = time.perf_counter()
        response = client.get(url)
        answered = time.perf_counter() - start
        if response.status_code == 302:  # object storage: the client follows the presigned URL
            received = sum(len(chunk) for chunk in requests.get(response["Location"], stream=True, timeout=60)
                           .iter_content(1024 * 1024))
        else:
            received = sum(len(chunk) for chunk in response.streaming_content)
        whole = time.perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert received == SIZE, received
        answers.append(answered)
        wholes.append(whole)
        peaks.append(peak / 1024 / 1024)
    return statistics.median(answers), statistics.median(wholes), statistics.median(peaks)


def main() -> None:
    from django.conf import settings

    from accounts.models import Role
    from accounts.services import user_create_with_role
    from meetings.models import Document, Forum, Meeting
    from smewg.storage_settings import file_storage
    from tests.storage.servers import S3Server

    call_command("migrate", verbosity=0)
    user = user_create_with_role(username="bench", password="bench-pw-123", role=Role.SECRETARIAT)
    client = Client()
    client.force_login(user)
    meeting = Meeting.objects.create(forum=Forum.objects.get(code="SMEWG"), number=99, city="Lima",
                                     start_date="2026-05-01", end_date="2026-05-02")
    pdf = b"%PDF-1.7\n" + os.urandom(SIZE - 9)

    local = Document.objects.create(meeting=meeting, symbol="2026/SMEWG99/001", title="Local",
                                    file=ContentFile(pdf, name="local.pdf"))
    rows = [("local file system", measure(client, f"/meetings/documents/{local.pk}/download/"))]

    server = S3Server(WORK / "moto.log").start()
    try:
        bucket = f"bench-{uuid.uuid4().hex[:8]}"
        server.bucket_create(bucket)
        with override_settings(STORAGES={**settings.STORAGES, "default": file_storage(server.env(bucket))},
                               S3_BUCKET=bucket):
            stored = Document.objects.create(meeting=meeting, symbol="2026/SMEWG99/002", title="S3",
                                             file=ContentFile(pdf, name="stored.pdf"))
            rows.append(("object storage (presigned)", measure(client, f"/meetings/documents/{stored.pk}/download/")))
    finally:
        server.stop()

    print(f"Downloading a 20 MB PDF through the app; median of {RUNS} runs")
    print(f"  {'from':<28} {'app answers':>12} {'whole file':>11} {'peak memory in the app':>24}")
    for name, (answered, whole, peak) in rows:
        print(f"  {name:<28} {answered * 1000:>9.1f} ms {whole * 1000:>8.0f} ms {peak:>21.2f} MB")


if __name__ == "__main__":
    main()
