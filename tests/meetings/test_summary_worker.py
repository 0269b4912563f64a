"""End to end: the export page, the real Redis broker and a real Celery worker process.

Needs DATABASE_URL on PostgreSQL and REDIS_URL (CI has both); skipped with a reason otherwise.
"""
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from meetings.models import AgendaItem, SummaryExport
from meetings.services import meeting_change_status
from projects.models import ProjectReport
from tests.conftest import ARTIFACTS

from .summary_fixtures import SEED_CHAIR, SEED_MEMBERS_IN_TEXT, SEED_TITLES, pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _export_and_wait(client, meeting, timeout: float = 60) -> dict:
    response = client.post(reverse("meetings:summary_export", args=[meeting.pk]))
    assert response.status_code == 302
    status_url = response.url + "status.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(status_url).json()
        if status["finished"]:
            return status
        time.sleep(0.2)
    pytest.fail(f"The export did not finish in {timeout} s: {status}")


def _download(client, status: dict) -> bytes:
    response = client.get(status["download_url"])
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_worker_exports_demo_pdf_then_reuses_it_then_renders_after_an_edit(
    celery_worker_process, demo_meeting, secretariat_user, secretariat_client
):
    project_titles = list(
        ProjectReport.objects.filter(meeting=demo_meeting).values_list("project__title", flat=True)
    )

    first = _export_and_wait(secretariat_client, demo_meeting)
    text = pdf_text(_download(secretariat_client, first))

    assert (first["status"], first["reused"], first["page_count"]) == ("done", False, 4)
    assert [title for title in SEED_TITLES if title not in text] == []
    assert [name for name in SEED_MEMBERS_IN_TEXT if name not in text] == []
    assert SEED_CHAIR in text
    assert len(project_titles) == 16
    assert [title for title in project_titles if title.replace("’", "'") not in text] == []

    second = _export_and_wait(secretariat_client, demo_meeting)

    assert (second["status"], second["reused"]) == ("done", True)
    assert second["id"] != first["id"]
    exports = {export.pk: export for export in SummaryExport.objects.all()}
    assert exports[second["id"]].file.name == exports[first["id"]].file.name
    assert len(default_storage.listdir("summaries")[1]) == 1

    # An adopted summary is frozen: the edit is made on the reopened record, then adopted again.
    meeting_change_status(meeting=demo_meeting, user=secretariat_user, status="circulated", reason="Item 2's title.")
    AgendaItem.objects.filter(meeting=demo_meeting, position=2).update(title="Work Plan for 2002")
    meeting_change_status(meeting=demo_meeting, user=secretariat_user, status="adopted")
    third = _export_and_wait(secretariat_client, demo_meeting)

    assert (third["status"], third["reused"]) == ("done", False)
    assert "2. Work Plan for 2002" in pdf_text(_download(secretariat_client, third))
    assert SummaryExport.objects.get(pk=third["id"]).file.name != exports[first["id"]].file.name
    assert len(default_storage.listdir("summaries")[1]) == 2
    worker_log = (ARTIFACTS / "worker.log").read_text()
    assert worker_log.count("Chair's summary export") == 2  # the reused export never reached the worker
