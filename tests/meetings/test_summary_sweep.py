"""Exports nobody is working on: the sweep sends them again, starts them again or fails them
with a message, and the status page offers "Start again" (tasks in-process here; Redis
stopped and the worker killed for real in tests/faults/)."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import SummaryExport
from meetings.services import summary_export_render, summary_exports_sweep
from meetings.services.summary import summary_time_limits
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.timedelta(hours=2)


def _sweep(capture) -> dict:
    with capture(execute=True):
        counts = summary_exports_sweep()
    return counts


def test_sweep_sends_an_export_the_broker_never_took(
    demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks, settings
):
    export = SummaryExport.objects.create(meeting=demo_meeting, requested_by=secretariat_user)
    SummaryExport.objects.update(queued=timezone.now() - datetime.timedelta(seconds=settings.OUTBOX_GRACE_SECONDS + 1))

    counts = _sweep(django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert counts == {"sent": 1, "restarted": 0, "failed": 0}
    assert (export.status, export.attempt, export.page_count) == ("done", 1, 4)


def test_sweep_starts_again_a_render_past_its_time_limit(
    demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, status="rendering", time_limit=120,
        started=timezone.now() - datetime.timedelta(seconds=151),
    )

    counts = _sweep(django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert counts == {"sent": 0, "restarted": 1, "failed": 0}
    assert (export.status, export.attempt, export.error) == ("done", 2, "")


def test_sweep_leaves_a_render_within_its_time_limit(demo_meeting, secretariat_user, django_capture_on_commit_callbacks):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, status="rendering", time_limit=120,
        started=timezone.now() - datetime.timedelta(seconds=100), dispatched=timezone.now(),
    )

    counts = _sweep(django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert counts == {"sent": 0, "restarted": 0, "failed": 0}
    assert (export.status, export.attempt) == ("rendering", 1)


def test_sweep_fails_a_render_interrupted_too_often(
    demo_meeting, secretariat_user, django_capture_on_commit_callbacks, settings
):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, status="rendering", time_limit=120,
        attempt=settings.SUMMARY_RENDER_MAX_ATTEMPTS, started=timezone.now() - LONG_AGO,
    )

    counts = _sweep(django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert counts == {"sent": 0, "restarted": 0, "failed": 1}
    assert export.status == "failed"
    assert export.error.startswith("Rendering was interrupted 3 times")
    assert export.finished is not None


def test_sweep_fails_an_export_queued_past_the_give_up_time(
    demo_meeting, secretariat_user, django_capture_on_commit_callbacks
):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, queued=timezone.now() - LONG_AGO
    )

    counts = _sweep(django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert counts == {"sent": 0, "restarted": 0, "failed": 1}
    assert export.status == "failed"
    assert export.error.startswith("The background service did not start this export within 60 minutes.")


def test_export_render_of_an_earlier_attempt_does_nothing(demo_meeting, secretariat_user):
    export = SummaryExport.objects.create(meeting=demo_meeting, requested_by=secretariat_user, attempt=2)

    summary_export_render(export_id=export.pk, attempt=1)

    export.refresh_from_db()
    assert (export.status, export.started, export.file.name) == ("queued", None, "")


def test_summary_time_limits_grow_with_the_record_up_to_the_maximum(db, settings):
    settings.SUMMARY_RENDER_TIME_LIMIT, settings.SUMMARY_RENDER_MAX_TIME_LIMIT = 120, 300
    small, big, huge = MeetingFactory(), MeetingFactory(), MeetingFactory()
    AgendaItemFactory(meeting=small, text="Short.")
    AgendaItemFactory(meeting=big, text="x" * 450_000)
    AgendaItemFactory(meeting=huge, text="x" * 2_000_000)

    assert [summary_time_limits(m.pk) for m in (small, big, huge)] == [(120, 150), (240, 300), (300, 375)]


def test_export_status_page_of_a_queued_export_without_broker_says_it_waits(
    secretariat_client, demo_meeting, secretariat_user
):
    export = SummaryExport.objects.create(meeting=demo_meeting, requested_by=secretariat_user)

    page = secretariat_client.get(reverse("meetings:summary_export_status", args=[export.pk])).content.decode()

    assert "The background service cannot be reached just now." in page
    assert "it will start as soon as the" in page
    assert "Start again" not in page


def test_export_start_again_of_a_stuck_render_requeues_the_same_export(
    secretariat_client, demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, status="rendering", time_limit=120,
        started=timezone.now() - LONG_AGO,
    )
    status_url = reverse("meetings:summary_export_status", args=[export.pk])
    page = secretariat_client.get(status_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(reverse("meetings:summary_export_start_again", args=[export.pk]))

    export.refresh_from_db()
    assert "This render has run past its time limit" in page
    assert ">Start again</button>" in page
    assert response.url == status_url
    assert (export.status, export.attempt, export.page_count) == ("done", 2, 4)
    assert SummaryExport.objects.count() == 1


def test_export_start_again_of_a_running_export_is_refused(secretariat_client, demo_meeting, secretariat_user):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, status="rendering", time_limit=120,
        started=timezone.now(),
    )

    response = secretariat_client.post(reverse("meetings:summary_export_start_again", args=[export.pk]), follow=True)

    export.refresh_from_db()
    assert "This export is still under way; this page follows it." in response.content.decode()
    assert (export.status, export.attempt) == ("rendering", 1)


@pytest.mark.parametrize("method", ["get", "post"])
def test_export_start_again_refuses_a_delegate_and_a_get(client, delegate_user, secretariat_user, demo_meeting, method):
    export = SummaryExport.objects.create(meeting=demo_meeting, requested_by=secretariat_user, status="failed")
    url = reverse("meetings:summary_export_start_again", args=[export.pk])
    client.force_login(delegate_user)

    response = getattr(client, method)(url)

    export.refresh_from_db()
    assert response.status_code == 403
    assert (export.status, export.attempt) == ("failed", 1)
