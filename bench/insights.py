"""Benchmark of the numbers page and search on the 40,000-action archive (``make bench``).

Run as ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/smewg_bench python bench/insights.py``.
Builds (or finds) the archive of ``bench/archive.py`` on the PostgreSQL database named by
``DATABASE_URL`` (the Makefile passes ``BENCH_DATABASE_URL``), then times through Django's
test client, as the Secretariat and as a delegate of Mexico:

- the numbers page of SMEWG (every meeting, and one decade), and its CSV downloads;
- search for common and rare words, a stemmed word, a document symbol, with filters.

Each figure is the median of ``BENCH_RUNS`` runs (default 7), with the slowest run and
the number of SQL queries. Target: search under 200 ms.
"""
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.update(ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0",
                  CSRF_COOKIE_SECURE="0", STATIC_MANIFEST="0")

try:
    from bench.archive import DELEGATE_USERNAME, archive_build, django_setup_from_environment
except ImportError:  # the archive generator of issue 10 (scale) is not on this branch yet
    print("bench/insights.py needs bench/archive.py, the 40,000-action archive generator (issue 10).")
    sys.exit(2)

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SEARCH_TARGET_MS = 200

SEARCHES = [
    ("a common word", {"q": "finance"}),
    ("two words", {"q": "workshop incubators"}),
    ("a stemmed word", {"q": "circulating proposals"}),
    ("a rare word", {"q": "Vladivostok"}),
    ("a document symbol", {"q": "2002/SMEWG14/005"}),
    ("decisions only, 2010-2015", {"q": "endorsed recommendations", "kind": "decision", "year_from": "2010",
                                   "year_to": "2015"}),
    ("one economy's actions", {"q": "report", "kind": "action", "economy": "JPN"}),
]


def timed(client, url: str, params: dict) -> tuple[float, float, int, int]:
    """Median and slowest milliseconds, status and SQL queries of GET ``url``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, status, queries = [], 0, 0
    client.get(url, params)  # warm: templates, connections
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
        status, queries = response.status_code, len(captured)
    return statistics.median(times), max(times), status, queries


def line(label: str, figures: tuple[float, float, int, int], target: float | None = None) -> str:
    median, slowest, status, queries = figures
    verdict = ""
    if target is not None:
        verdict = "  ok" if median < target else f"  OVER {target:.0f} ms"
    return f"  {label:<44} {median:8.0f} ms  (slowest {slowest:5.0f} ms, {queries:2} queries, HTTP {status}){verdict}"


def main() -> int:
    if not django_setup_from_environment():
        return 2
    from django.contrib.auth.models import User
    from django.test import Client

    from meetings.models import Action

    archive = archive_build()
    staff = Client()
    staff.force_login(User.objects.get(pk=archive.staff_id))
    delegate = Client()
    delegate.force_login(User.objects.get(username=DELEGATE_USERNAME.format(code="mex")))
    print(f"Numbers page and search on {Action.objects.count():,} agreed actions "
          f"({len(archive.meetings)} SMEWG meetings); median of {RUNS} runs")
    # The machine's own speed, for reading the figures below: a page that reads one row.
    print(line("for scale: the E-mail settings page", timed(staff, "/accounts/settings/", {})))
    print("Numbers page")
    for who, client in (("Secretariat", staff), ("delegate of Mexico", delegate)):
        print(line(f"{who}, every meeting", timed(client, "/insights/SMEWG/", {})))
    print(line("Secretariat, 2010-2019", timed(staff, "/insights/SMEWG/", {"start": "2010-01-01", "end": "2019-12-31"})))
    for chart in ("attendance", "participants", "actions", "open", "completion"):
        print(line(f"Secretariat, {chart}.csv", timed(staff, f"/insights/SMEWG/{chart}.csv", {})))
    print(f"Search (target: under {SEARCH_TARGET_MS} ms)")
    for who, client in (("Secretariat", staff), ("delegate", delegate)):
        for label, params in SEARCHES:
            print(line(f"{who}: {label}", timed(client, "/insights/search/", params), SEARCH_TARGET_MS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
