"""Two web machines and a worker sharing nothing but the database, Redis and object storage
(issue 16): each process has its own empty MEDIA_ROOT, and whatever one writes the others
serve. gunicorn A and B, a Celery worker on both queues, moto as S3, all real processes.
"""
import os
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from meetings.models import ImportDraft, Meeting, SummaryExport
from tests.conftest import ARTIFACTS, ROOT, _user, database_is_shared, shared_database_url
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory
from tests.storage.servers import free_port, wait_until

pytestmark = pytest.mark.worker

BIN = Path(sys.executable).parent
SEED = ROOT / "tests" / "meetings" / "summaries" / "seed" / "smewg14-chairs-summary.txt"


class Machine:
    """One process (gunicorn or a worker) with a MEDIA_ROOT of its own."""

    def __init__(self, name: str, command: list[str], env: dict, media_root: Path):
        media_root.mkdir(parents=True)
        self.name, self.media_root = name, media_root
        self.log = ARTIFACTS / f"machines-{name}.log"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env={**env, "MEDIA_ROOT": str(media_root)},
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Web(Machine):
    def __init__(self, name: str, env: dict, media_root: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__(name, [str(BIN / "gunicorn"), "smewg.wsgi", "--bind", f"127.0.0.1:{self.port}",
                                "--workers", "1", "--timeout", "60"], env, media_root)
        wait_until(lambda: requests.get(self.url + "/healthz", timeout=2).status_code == 200, timeout=40,
                   what=f"gunicorn {name}", process=self.process)


@dataclass
class Cluster:
    worker: Machine
    web_a: Web
    web_b: Web
    s3: object
    bucket: str

    def files_on_disks(self) -> list[str]:
        """Every file under any of the three machines' MEDIA_ROOT."""
        return [str(path) for machine in (self.worker, self.web_a, self.web_b)
                for path in machine.media_root.rglob("*") if path.is_file()]

    def in_bucket(self, name: str) -> bool:
        import boto3

        client = boto3.client("s3", endpoint_url=self.s3.url, region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        return client.list_objects_v2(Bucket=self.bucket, Prefix=name).get("KeyCount", 0) > 0


@pytest.fixture
def machines(transactional_db, s3_server, tmp_path):
    broker = os.environ.get("REDIS_URL")
    if not broker or not database_is_shared():
        if os.environ.get("CI"):
            pytest.fail("CI must provide DATABASE_URL (PostgreSQL) and REDIS_URL for this test.")
        pytest.skip("needs DATABASE_URL on PostgreSQL and REDIS_URL (make test-full, or CI)")
    bucket = f"smewg-machines-{uuid.uuid4().hex[:10]}"
    s3_server.bucket_create(bucket)
    run = uuid.uuid4().hex[:8]
    env = {
        **os.environ, **s3_server.env(bucket),
        "DATABASE_URL": shared_database_url(), "REDIS_URL": broker, "CELERY_BROKER_URL": broker,
        # Queues of this test's own, so no other worker on the broker takes its tasks.
        "CELERY_DEFAULT_QUEUE": f"machines-{run}", "SUMMARY_RENDER_QUEUE": f"machines-{run}-pdf",
        "ALLOWED_HOSTS": "127.0.0.1", "CONN_MAX_AGE": "0", "LOG_LEVEL": "INFO", "OUTBOX_GRACE_SECONDS": "0",
    }
    started = []
    try:
        started.append(Machine(
            "worker", [str(BIN / "celery"), "-A", "smewg", "worker", "--pool=solo", "--concurrency=1",
                       "-Q", f"machines-{run},machines-{run}-pdf", "--loglevel=INFO",
                       "--without-gossip", "--without-mingle", "--without-heartbeat"],
            env, tmp_path / "media-worker"))
        started.append(Web("web-a", env, tmp_path / "media-a"))
        started.append(Web("web-b", env, tmp_path / "media-b"))
        wait_until(lambda: " ready." in started[0].log.read_text(), timeout=40, what="the worker",
                   process=started[0].process)
        yield Cluster(*started, s3=s3_server, bucket=bucket)
    finally:
        for machine in started:
            machine.stop()


def _signed_in(web: Web, username: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(web.url + "/accounts/login/", timeout=30)
    assert page.status_code == 200
    response = session.post(web.url + "/accounts/login/", timeout=30, allow_redirects=False,
                            data={"username": username, "password": password,
                                  "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert response.status_code == 302, re.findall(r'class="[^"]*(?:invalid|alert)[^"]*"[^>]*>([^<]+)', response.text)
    return session


def _post(session, url, data=None, files=None):
    return session.post(url, data={**(data or {}), "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                        files=files, timeout=60, allow_redirects=False, headers={"Referer": url})


def _download_through(session, url) -> bytes:
    """The app answers with a presigned redirect; the browser follows it to the bucket."""
    response = session.get(url, timeout=30, allow_redirects=False)
    assert response.status_code == 302, (response.status_code, response.text[:300])
    stored = requests.get(response.headers["Location"], timeout=30)
    assert stored.status_code == 200
    return stored.content


def test_what_one_machine_writes_the_others_serve(machines, settings):
    a, b = machines.web_a, machines.web_b
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what gunicorn checks with
    _user("sec", "Secretariat")
    meeting = MeetingFactory(number=15, status="drafted")
    item = AgendaItemFactory(meeting=meeting, position=1, title="SME finance")
    DecisionFactory(agenda_item=item, text="The Group agreed to share SME finance practices.")
    on_a = _signed_in(a, "sec", "pw-sec")
    on_b = requests.Session()
    on_b.cookies.update(on_a.cookies)  # one session, in the database: any machine serves it

    # A document uploaded through A downloads through B.
    paper = b"%PDF-1.7 " + os.urandom(64 * 1024)
    documents = f"{a.url}/meetings/{meeting.pk}/documents/"
    on_a.get(documents, timeout=30)
    uploaded = _post(on_a, documents, {
        "document-symbol": "2002/SMEWG15/005", "document-title": "SME finance in APEC",
        "document-submitted_by": "", "document-purpose": "information", "document-agenda_item": "",
    }, files={"document-file": ("paper.pdf", paper, "application/pdf")})
    assert uploaded.status_code == 302, uploaded.text[:500]
    document = meeting.documents.get()
    assert _download_through(on_b, f"{b.url}/meetings/documents/{document.pk}/download/") == paper

    # A summary export asked on A, drawn by the worker, downloads through B.
    asked = _post(on_a, f"{a.url}/meetings/{meeting.pk}/summary/export/")
    assert asked.status_code == 302, asked.text[:500]
    export_id = int(re.search(r"/summary-exports/(\d+)/", asked.headers["Location"]).group(1))
    deadline = time.monotonic() + 90
    while (status := on_b.get(f"{b.url}/meetings/summary-exports/{export_id}/status.json", timeout=30).json())[
        "status"
    ] != "done":
        assert status["status"] in ("queued", "rendering"), status
        assert time.monotonic() < deadline, "the worker did not draw the summary in 90 s"
        time.sleep(0.5)
    assert _download_through(on_b, b.url + status["download_url"]).startswith(b"%PDF")

    # An import uploaded on A is reviewed and saved on B.
    imported = _post(on_a, f"{a.url}/meetings/import/", {"forum": "SMEWG"},
                     files={"file": ("smewg14.txt", SEED.read_bytes(), "text/plain")})
    assert imported.status_code == 302, imported.text[:500]
    draft = ImportDraft.objects.get()
    source_in_bucket = machines.in_bucket(draft.source.name)
    review = b.url + imported.headers["Location"]
    assert "Vina del Mar" in on_b.get(review, timeout=30).text
    saved = _post(on_b, review, {
        "forum": "SMEWG", "number": "14", "city": "Vina del Mar", "host_economy": "Chile",
        "start_date": "2002-04-03", "end_date": "2002-04-05", "chair_name": "Mr. Lic. Moises Gomez Reyna",
        "chair_title": "General Director for Exportable Goods, Ministry of Economy", "chair_economy": "Mexico",
    })
    assert saved.status_code == 302, saved.text[:500]

    assert (source_in_bucket, Meeting.objects.get(number=14).agenda_items.count(),
            SummaryExport.objects.get(pk=export_id).page_count > 0) == (True, 11, True)
    assert (machines.in_bucket(document.file.name), machines.files_on_disks()) == (True, [])
