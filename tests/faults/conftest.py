"""The fault suite's stack: a Redis of its own, a Celery worker and gunicorn, as processes
the tests stop, kill and start again, all on the test database.

Needs PostgreSQL (DATABASE_URL) and redis-server; CI has both (``.ci/run``). Ports: Redis
6391, gunicorn 8161.
"""
import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, ROOT, database_is_shared, shared_database_url

REDIS_PORT = 6391
WEB_PORT = 8161
BIN = Path(sys.executable).parent


def wait_until(check, *, timeout: float, what: str, interval: float = 0.2):
    """Poll ``check`` until it returns something true; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout} s waiting for {what}.")


class Process:
    """A server process with its log in tests/artifacts/faults-<name>.log."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        self.name, self.command, self.env = name, command, env
        self.log = ARTIFACTS / f"faults-{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        log = open(self.log, "a")
        # A session of its own, so SIGKILL reaches the whole process group (a worker's pool too).
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if not self.running():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL to the process and its children, as an out-of-memory killer would."""
        if self.running():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode(errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class WebClient:
    """Plain HTTP to gunicorn with a signed-in session's cookies (no redirects followed)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict | None = None, timeout: float = 60) -> Response:
        from urllib.parse import urlencode

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if method == "POST":
            body = urlencode(form or {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        content = raw.read()
        for header in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        connection.close()
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, content)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: dict | None = None) -> Response:
        return self.request("POST", path, form)


class Stack:
    """Redis (own port), a Celery worker and gunicorn on the test database."""

    def __init__(self, tmp_path: Path, media_root: Path):
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        redis_dir = tmp_path / "redis"
        redis_dir.mkdir()
        self.env = {
            **os.environ,
            "DATABASE_URL": shared_database_url(),
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "MEDIA_ROOT": str(media_root),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "INFO",
            # The sweep sends what the broker did not take at once (beat waits 10 s).
            "OUTBOX_GRACE_SECONDS": "0",
        }
        self.redis = Process(
            "redis",
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(redis_dir)],
            self.env,
        )
        self.worker: Process | None = None
        self.web: Process | None = None

    def configure(self, **env: str) -> None:
        """Settings for the processes started after this (time limits, timeouts)."""
        self.env.update({key: str(value) for key, value in env.items()})

    def start_redis(self) -> None:
        self.redis.env = self.env
        self.redis.start()
        wait_until(self.redis_up, timeout=15, what="Redis to answer")

    def redis_up(self) -> bool:
        done = subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True)
        return done.stdout.strip() == "PONG"

    def stop_redis(self) -> None:
        self.redis.stop()
        assert not self.redis_up()

    def start_worker(self) -> None:
        self.worker = Process(
            "worker",
            [str(BIN / "celery"), "-A", "smewg", "worker", "--pool=prefork", "--concurrency=1", "--loglevel=INFO",
             "-Q", "default,pdf", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            {**self.env, "PGAPPNAME": "smewg-fault-worker"},
        )
        before = self.worker.log_text().count(" ready.")
        self.worker.start()
        wait_until(lambda: self.worker.log_text().count(" ready.") > before, timeout=30, what="the worker")

    def start_web(self) -> None:
        self.web = Process(
            "web",
            [str(BIN / "gunicorn"), "smewg.wsgi", "--bind", f"127.0.0.1:{WEB_PORT}", "--workers", "1",
             "--timeout", "30", "--access-logfile", "-"],
            {**self.env, "PGAPPNAME": "smewg-fault-web"},
        )
        self.web.start()

        def answers() -> bool:
            try:
                return WebClient(WEB_PORT).get("/accounts/login/").status == 200
            except OSError:
                return False

        wait_until(answers, timeout=30, what="gunicorn")

    def start(self) -> None:
        """Redis, then the worker, then gunicorn."""
        self.start_redis()
        self.start_worker()
        self.start_web()

    def sweep(self) -> str:
        """What beat runs every minute, run once (``manage.py sweep_background``)."""
        done = subprocess.run(
            [sys.executable, "manage.py", "sweep_background"], cwd=ROOT, env=self.env, capture_output=True, text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def mails(self) -> list[str]:
        """The e-mails the worker sent (one file per connection, messages separated by dashes)."""
        texts = [path.read_text() for path in sorted(self.mail_dir.glob("*.log"))]
        return [part for text in texts for part in text.split("-" * 79) if part.strip()]

    def stop(self) -> None:
        """At the end of a test: nothing left to finish, so no graceful shutdown to wait for."""
        for process in (self.web, self.worker, self.redis):
            if process is not None:
                process.kill()


@pytest.fixture
def fault_stack(transactional_db, settings, tmp_path):
    if not database_is_shared() or not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("CI must provide PostgreSQL (DATABASE_URL) and redis-server for the fault suite.")
        pytest.skip("needs DATABASE_URL on PostgreSQL and redis-server (make test-full, or CI)")
    for name in ("redis", "worker", "web"):
        (ARTIFACTS / f"faults-{name}.log").unlink(missing_ok=True)
    stack = Stack(tmp_path, Path(settings.MEDIA_ROOT))
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture
def signed_in(client):
    """A WebClient for gunicorn signed in as ``user`` (a session made by the test client)."""

    def sign_in(user) -> WebClient:
        client.force_login(user)
        return WebClient(WEB_PORT, {"sessionid": client.cookies["sessionid"].value, "csrftoken": secrets.token_hex(16)})

    return sign_in
