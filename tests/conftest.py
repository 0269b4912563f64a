"""Test settings and shared fixtures.

Settings come from the environment like everywhere else; the defaults below make a test
run on a laptop work (SQLite, no broker). CI sets DATABASE_URL and REDIS_URL to the real
PostgreSQL and Redis. Tests that need a real Celery worker use ``celery_worker_process``.
"""
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

# Environment defaults for tests (secret key, no HTTPS redirect, ...) are in pyproject.toml's
# pytest `env`, because they must be set before Django reads its settings.
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run tests that flush the database (live_server, browser) after the ordinary db tests.

    pytest-django orders by the ``transactional_db`` fixture name, but a browser test asks
    for ``live_server`` and a user fixture (``db``), so it would run among the ordinary tests
    and leave them an empty database (no economies, no roles) after its flush.
    """
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def _settings_for_tests(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Eager tasks run inside the test's transaction; the background thread is the
    # no-broker browser test's own (tests/browser/test_export_without_broker.py).
    settings.BACKGROUND_THREAD = False
    # Counts kept in the cache (password resets) start afresh in each test, also in a shared Redis.
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush every table, reference data and roles included: reload them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    if marker and marker.kwargs.get("transaction"):
        transactional = True
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from accounts.services import roles_grant_permissions
    from meetings.data.load import reference_data_load

    reference_data_load()
    roles_grant_permissions()


# Users, one per role.


def _user(username: str, role: str, economy_code: str | None = None):
    from accounts.services import user_create_with_role
    from meetings.models import Economy

    economy = Economy.objects.get(code=economy_code) if economy_code else None
    return user_create_with_role(
        username=username, password="pw-" + username, role=role, economy=economy, email=f"{username}@example.org"
    )


@pytest.fixture
def secretariat_user(db):
    return _user("sec", "Secretariat")


@pytest.fixture
def chair_user(db):
    return _user("chair", "Chair")


@pytest.fixture
def delegate_user(db):
    """A delegate of Mexico, which is responsible for several demo actions."""
    return _user("mex", "Delegate", "MEX")


@pytest.fixture
def other_delegate_user(db):
    """A delegate of Japan."""
    return _user("jpn", "Delegate", "JPN")


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def chair_client(client, chair_user):
    client.force_login(chair_user)
    return client


@pytest.fixture
def delegate_client(client, delegate_user):
    client.force_login(delegate_user)
    return client


@pytest.fixture
def demo_meeting(db):
    from meetings.demo import demo_load

    meeting, _ = demo_load()
    return meeting


@pytest.fixture
def draft_meeting(demo_meeting):
    """The demo meeting with its summary back in draft."""
    from meetings.models import Meeting

    Meeting.objects.filter(pk=demo_meeting.pk).update(status="drafted")
    demo_meeting.refresh_from_db()
    return demo_meeting


# The browser.


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (make test does).")
    from playwright.sync_api import sync_playwright

    from playwright.sync_api import expect

    # Assertions wait as long as actions do: on a loaded 2-core machine an htmx swap can take
    # more than Playwright's 5 s default without anything being wrong.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def browser_sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


# Celery: in-process for most tests, a real worker where the behaviour depends on it.


@pytest.fixture
def eager_tasks():
    """Run tasks in-process (as on a laptop without a broker), whatever the environment says.

    The app reads Django's upper-case CELERY_* names, which win over Celery's own keys.
    """
    from smewg.celery import app

    before = app.conf.task_always_eager
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=True)
    yield
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=before)


def shared_database_url() -> str:
    """The test database as a DATABASE_URL, for the processes a test starts (worker, web)."""
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def database_is_shared() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """A `celery worker` subprocess on the test database; needs PostgreSQL and Redis.

    Skipped with a reason on a laptop run without them (SQLite's test database lives in
    memory and cannot be shared with another process); CI always has both.
    """
    broker = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")
    if not broker or not database_is_shared():
        if os.environ.get("CI"):
            pytest.fail("CI must provide DATABASE_URL (PostgreSQL) and REDIS_URL for worker tests.")
        pytest.skip("needs DATABASE_URL on PostgreSQL and REDIS_URL (make test-full, or CI)")
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_BROKER_URL": broker,
    }
    # Queues of its own, so that no other worker on the broker takes this test's tasks: the
    # default queue and the render queue.
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    render_queue = f"{queue}-pdf"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    from smewg.celery import app

    default_before = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    settings.SUMMARY_RENDER_QUEUE = render_queue  # read by smewg.celery.task_route at each send
    eager_before = app.conf.task_always_eager
    # Django's upper-case CELERY_* names win over Celery's own keys: set those.
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=False)
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    log = (ARTIFACTS / "worker.log")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            [celery, "-A", "smewg", "worker", "--pool=solo", "--concurrency=1", "-Q", f"{queue},{render_queue}",
             "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if " ready." in log.read_text():
                    break
                if process.poll() is not None:
                    pytest.fail(f"Celery worker exited: {log.read_text()[-2000:]}")
                time.sleep(0.2)
            else:
                pytest.fail(f"Celery worker did not start: {log.read_text()[-2000:]}")
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            app.conf.update(CELERY_TASK_ALWAYS_EAGER=eager_before)
            app.conf.task_default_queue = default_before
