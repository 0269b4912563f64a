"""Benchmark of the pages that grow with the archive: 40,000 agreed actions (``make bench``).

Run as ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/smewg_bench python bench/scale.py``.
Builds (or finds) the archive of ``bench/archive.py`` on the PostgreSQL database named by
``DATABASE_URL``, then prints in one run (issue 10):

- through Django's test client, the median of ``BENCH_RUNS`` runs (default 5): the action
  tracker's first and last page, unfiltered and filtered by economy and by status (as the
  Secretariat and as a delegate), a delegate's dashboard, the page of the 14th meeting and
  of the 200-item 100th (kept in the cache, and rendered afresh) and the export request of
  the 200-item meetings;
- the CSV of every action and the Secretariat's calendar feed, each in a fresh process:
  time, and how much the process's peak memory (ru_maxrss) grew while serving it;
- under gunicorn (2 sync workers, DEBUG off), requests per second of the meeting page and
  the tracker as a share of the login page's (the meeting page as it is served: kept after
  its first request, rendered again after any change to its record).

Targets (issue 10): tracker and dashboard at most 150 ms; CSV at most 4 s and calendar at
most 3 s, each growing memory by less than 50 MB; meeting page at least 40% of the login
page's throughput; export request at most 50 ms.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH_ENV = dict(
    ALLOWED_HOSTS="testserver,127.0.0.1,localhost", SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0",
    CSRF_COOKIE_SECURE="0", STATIC_MANIFEST="0", ALLOW_INSECURE_KEY="1", LOG_LEVEL="WARNING",
    # No broker: an export's one render runs in the request that asks for it, so later requests reuse it.
    BACKGROUND_THREAD="0",
)
os.environ.update(BENCH_ENV)
for _variable in ("REDIS_URL", "CELERY_BROKER_URL"):
    os.environ.pop(_variable, None)

from bench.archive import (  # noqa: E402
    DELEGATE_USERNAME,
    archive_build,
    django_setup_from_environment,
    django_setup_on,
)

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
HAMMER_SECONDS = float(os.environ.get("BENCH_HAMMER_SECONDS", "5"))
PAGE_MS, EXPORT_MS = 150, 50
CSV_S, CALENDAR_S, MEMORY_MB = 4, 3, 50
THROUGHPUT_SHARE = 0.40
DELEGATE_CODE = "mex"
# BENCH_ONLY=tracker,dashboard,meeting,export,downloads,throughput runs those parts alone.
ONLY = {part for part in os.environ.get("BENCH_ONLY", "").split(",") if part}


def wanted(part: str) -> bool:
    return not ONLY or part in ONLY


def timed(client, url: str, params: dict | None = None, *, post: bool = False,
          before=None) -> tuple[float, float, int, int, int]:
    """Median and slowest milliseconds, HTTP status, SQL queries and bytes of ``url``; ``before``,
    if given, is called (untimed) before each request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = client.post if post else client.get
    params = params or {}
    call(url, params)  # warm: templates, connections, a first render
    times, status, queries, size = [], 0, 0, 0
    for _ in range(RUNS):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = call(url, params)
            size = _consume(response)
            times.append((time.perf_counter() - start) * 1000)
        status, queries = response.status_code, len(captured)
    return statistics.median(times), max(times), status, queries, size


def _consume(response) -> int:
    """The body's size, read the way a client reads it (a stream chunk by chunk)."""
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def line(label: str, figures, target_ms: float | None = None) -> str:
    median, slowest, status, queries, size = figures
    verdict = ""
    if target_ms is not None:
        verdict = "  ok" if median <= target_ms else f"  OVER {target_ms:.0f} ms"
    return (f"  {label:<46} {median:8.0f} ms  (slowest {slowest:6.0f} ms, {queries:2} queries, "
            f"{size / 1024:7.0f} kB, HTTP {status}){verdict}")


def _clients(archive):
    from django.contrib.auth.models import User
    from django.test import Client

    staff_user = User.objects.get(pk=archive.staff_id)
    delegate_user = User.objects.get(username=DELEGATE_USERNAME.format(code=DELEGATE_CODE))
    staff, delegate = Client(), Client()
    staff.force_login(staff_user)
    delegate.force_login(delegate_user)
    return staff, delegate, staff_user, delegate_user


def _last_page(user, params: dict) -> int:
    """The tracker's last page number for ``params``, counted with the tracker's own selector."""
    from django.utils import timezone

    from meetings.models import Economy, Forum
    from meetings.selectors import actions_for_tracker
    from meetings.views.actions import ACTIONS_PER_PAGE

    economy = Economy.objects.filter(code=params.get("economy", "")).first()
    actions = actions_for_tracker(user=user, forum=Forum.objects.get(code="SMEWG"), today=timezone.localdate(),
                                  economy=economy, status=params.get("status", ""))
    return max(1, -(-actions.count() // ACTIONS_PER_PAGE))


# Memory of a download, in a fresh process: ``scale.py --download <what>``.


def download_in_fresh_process(what: str) -> dict:
    """Time and peak memory growth of one download, measured in a new Python process."""
    done = subprocess.run(
        [sys.executable, __file__, "--download", what], capture_output=True, text=True, env=os.environ.copy(),
        check=False,
    )
    if done.returncode != 0:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _download(what: str) -> dict:
    """In this (fresh) process: warm up, then serve the download ``RUNS`` times."""
    django_setup_on(os.environ["DATABASE_URL"])
    from accounts.services import profile_calendar_token_issue

    archive = archive_build()
    staff, _delegate, staff_user, _ = _clients(archive)
    if what == "csv":
        url = "/meetings/actions/export.csv"
    else:
        staff_user.refresh_from_db()
        token = getattr(getattr(staff_user, "profile", None), "calendar_token", "") or profile_calendar_token_issue(
            user=staff_user)
        url = f"/meetings/actions/calendar/{token}.ics"
    _consume(staff.get("/meetings/actions/"))  # the app's code and templates loaded, a connection open
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times, size, status = [], 0, 0
    for _ in range(max(1, RUNS // 2)):
        start = time.perf_counter()
        response = staff.get(url)
        size = _consume(response)
        status = response.status_code
        del response
        times.append(time.perf_counter() - start)
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024  # kB on Linux
    return {"seconds": statistics.median(times), "slowest": max(times), "grown_mb": grown, "bytes": size,
            "status": status, "runs": len(times)}


def download_line(label: str, figures: dict, target_s: float) -> str:
    if "error" in figures:
        return f"  {label:<46} failed: {figures['error']}"
    ok = figures["seconds"] <= target_s and figures["grown_mb"] < MEMORY_MB
    return (f"  {label:<46} {figures['seconds']:8.2f} s   (slowest {figures['slowest']:5.2f} s, peak memory "
            f"+{figures['grown_mb']:.0f} MB, {figures['bytes'] / 1024 / 1024:.1f} MB, HTTP {figures['status']})"
            f"  {'ok' if ok else f'OVER {target_s} s / {MEMORY_MB} MB'}")


# Throughput under gunicorn.


def _gunicorn(port: int) -> subprocess.Popen:
    env = os.environ.copy()
    env.update(DEBUG="0", CONN_MAX_AGE="60")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "smewg.wsgi:application", "--workers", "2",
         "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):
                return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within 30 s")


def hammer(url: str, cookie: str = "", *, threads: int = 4, seconds: float = HAMMER_SECONDS) -> tuple[float, int]:
    """Requests per second answered 200 by ``url`` with ``threads`` clients for ``seconds``; and failures."""
    counts = [0] * threads
    failures = [0] * threads
    stop = time.monotonic() + seconds

    def client(slot: int) -> None:
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        while time.monotonic() < stop:
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    counts[slot] += response.status == 200
            except (urllib.error.URLError, ConnectionError):
                failures[slot] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(slot,)) for slot in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.monotonic() - started), sum(failures)


def throughput(archive, staff) -> list[str]:
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={staff.cookies[settings.SESSION_COOKIE_NAME].value}"
    from tests.storage.servers import free_port

    port = free_port()
    server = _gunicorn(port)
    base = f"http://127.0.0.1:{port}"
    try:
        for path in ("/accounts/login/", f"/meetings/{archive.demo_id}/", "/meetings/actions/"):
            hammer(base + path, cookie, threads=2, seconds=1)  # warm both workers
        login, _ = hammer(base + "/accounts/login/")
        lines = [f"  {'login page (no session)':<46} {login:8.1f} req/s"]
        for label, path in (("meeting page of the 14th meeting", f"/meetings/{archive.demo_id}/"),
                            ("tracker, page 1", "/meetings/actions/")):
            rate, failed = hammer(base + path, cookie)
            share = rate / login if login else 0
            verdict = ""
            if path.startswith("/meetings/") and "actions" not in path:
                verdict = "  ok" if share >= THROUGHPUT_SHARE else f"  UNDER {THROUGHPUT_SHARE:.0%}"
            lines.append(f"  {label:<46} {rate:8.1f} req/s  ({share:.0%} of login"
                         f"{f', {failed} failed' if failed else ''}){verdict}")
        return lines
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    if not django_setup_from_environment():
        return 2
    from meetings.models import Action

    archive = archive_build()
    staff, delegate, staff_user, delegate_user = _clients(archive)
    print(f"Scale benchmark on {Action.objects.count():,} agreed actions ({len(archive.meetings)} SMEWG meetings); "
          f"median of {RUNS} runs")
    if wanted("tracker"):
        tracker(staff, delegate, staff_user, delegate_user)
    if wanted("dashboard"):
        print(line(f"Dashboard of a delegate of {DELEGATE_CODE.upper()}", timed(delegate, "/meetings/my-economy/"),
                   PAGE_MS))
    if wanted("meeting"):
        from django.core.cache import cache

        # The page is kept rendered under its record's fingerprint: "kept" is every request
        # but the first after a change, "afresh" the first (the cache emptied before each).
        for label, meeting_id in (("the 14th meeting", archive.demo_id), ("the 200-item 100th", archive.big_adopted_id)):
            url = f"/meetings/{meeting_id}/"
            print(line(f"Meeting page of {label}, kept", timed(staff, url)))
            print(line(f"Meeting page of {label}, afresh", timed(staff, url, before=cache.clear)))
    if wanted("export"):
        for label, meeting_id in (("adopted", archive.big_adopted_id), ("drafted", archive.big_draft_id)):
            print(line(f"Export request, 200-item meeting ({label})",
                       timed(staff, f"/meetings/{meeting_id}/summary/export/", post=True), EXPORT_MS))
    if wanted("downloads"):
        print(f"Downloads, each in a fresh process (target: CSV {CSV_S} s, calendar {CALENDAR_S} s, "
              f"memory growth under {MEMORY_MB} MB)")
        print(download_line("CSV of every action (Secretariat)", download_in_fresh_process("csv"), CSV_S))
        print(download_line("Calendar feed (Secretariat)", download_in_fresh_process("calendar"), CALENDAR_S))
    if wanted("throughput"):
        print(f"Throughput under gunicorn (2 sync workers, DEBUG off, 4 client threads, {HAMMER_SECONDS:.0f} s "
              f"each; target: meeting page at least {THROUGHPUT_SHARE:.0%} of login)")
        for text in throughput(archive, staff):
            print(text)
    return 0


def tracker(staff, delegate, staff_user, delegate_user) -> None:
    from meetings.models import Economy

    economy = Economy.objects.get(code="JPN").code
    print(f"Action tracker (target: at most {PAGE_MS} ms)")
    for who, client, user, filters in (
        ("Secretariat, no filter", staff, staff_user, {}),
        (f"Secretariat, economy {economy}", staff, staff_user, {"economy": economy}),
        ("Secretariat, status open", staff, staff_user, {"status": "open"}),
        (f"delegate of {DELEGATE_CODE.upper()}", delegate, delegate_user, {}),
    ):
        last = _last_page(user, filters)
        print(line(f"{who}, page 1", timed(client, "/meetings/actions/", filters), PAGE_MS))
        print(line(f"{who}, last page ({last})", timed(client, "/meetings/actions/", {**filters, "page": last}),
                   PAGE_MS))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--download"]:
        print(json.dumps(_download(sys.argv[2])))
        sys.exit(0)
    sys.exit(main())
