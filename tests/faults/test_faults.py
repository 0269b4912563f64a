"""Faults injected on a running copy (issue 13, points 1-5): each ends with nothing stuck and
nothing lost. Redis is the test's own and is stopped and started; the worker is killed with
SIGKILL and started again; database backends are terminated; a lock is held past the timeout.

Each test asserts what the user saw (pages from gunicorn) and what the database holds after.
"""
import psycopg2
import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from background.models import OutboxMessage
from meetings.models import Action, ProgressNote, SummaryExport

from .conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _export_row(timeout: float = 90, status: str = "done") -> SummaryExport:
    def reached():
        export = SummaryExport.objects.get()
        return export if export.status == status else None

    return wait_until(reached, timeout=timeout, what=f"the export to be {status}")


def _admin_connection():
    """A connection of the test's own, outside Django, for terminating backends and locking."""
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None, host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )


def _mexico_action(meeting) -> Action:
    return Action.objects.filter(agenda_item__meeting=meeting, responsible_economies__code="MEX").first()


def _mails_once(stack) -> list[str]:
    """The e-mails of the one progress note, once its outbox message is done."""
    wait_until(lambda: OutboxMessage.objects.get().delivered, timeout=60, what="the e-mails to be sent")
    return stack.mails()


def test_export_with_redis_down_is_kept_and_done_after_redis_returns(
    fault_stack, demo_meeting, secretariat_user, signed_in
):
    fault_stack.start()
    web = signed_in(secretariat_user)
    fault_stack.stop_redis()

    clicked = web.post(reverse("meetings:summary_export", args=[demo_meeting.pk]))
    status_url = clicked.location
    status_page = web.get(status_url)
    again = web.post(reverse("meetings:summary_export", args=[demo_meeting.pk]))

    assert clicked.status == 302
    assert status_page.status == 200
    assert "The background service cannot be reached just now" in status_page.text
    assert "it will start as soon as the" in status_page.text
    assert again.location == status_url  # the same export, not a second one
    waiting = SummaryExport.objects.get()
    assert (waiting.status, waiting.dispatched) == ("queued", None)

    fault_stack.start_redis()
    swept = fault_stack.sweep()
    export = _export_row()
    finished_page = web.get(status_url)
    download = web.get(reverse("meetings:summary_export_download", args=[export.pk]))

    assert "Summary exports: 1 sent again" in swept
    assert "Download the PDF" in finished_page.text
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.content.startswith(b"%PDF-")
    assert SummaryExport.objects.count() == 1
    assert (export.page_count, export.attempt) == (4, 1)
    assert default_storage.exists(export.file.name)


def test_progress_note_with_redis_down_is_saved_once_and_mailed_once_after_redis_returns(
    fault_stack, demo_meeting, delegate_user, secretariat_user, signed_in
):
    action = _mexico_action(demo_meeting)
    fault_stack.start()
    web = signed_in(delegate_user)
    fault_stack.stop_redis()

    saved = web.post(
        reverse("meetings:action_detail", args=[action.pk]),
        {"note": "Mexico circulated the draft survey.", "status": action.status, "version": action.version},
    )
    shown = web.get(saved.location)

    assert saved.status == 302
    assert "Your progress report is saved." in shown.text
    assert "will go out as soon as the background service is back" in shown.text
    assert ProgressNote.objects.filter(action=action).count() == 1
    outbox = OutboxMessage.objects.get()
    assert (outbox.dispatched, outbox.delivered) == (None, None)
    assert fault_stack.mails() == []

    fault_stack.start_redis()
    swept = fault_stack.sweep()
    mails = _mails_once(fault_stack)
    swept_again = fault_stack.sweep()

    assert "Outbox: 1 sent again" in swept
    assert "Outbox: 0 sent again" in swept_again
    assert len(mails) == 1  # the Secretariat; the author is not told of their own note
    assert "Mexico circulated the draft survey." in mails[0]
    assert "To: sec@example.org" in mails[0]
    assert ProgressNote.objects.filter(action=action).count() == 1


def test_export_whose_worker_is_killed_mid_render_is_started_again_and_done(
    fault_stack, demo_meeting, secretariat_user, signed_in
):
    fault_stack.configure(SUMMARY_RENDER_TIME_LIMIT=12)
    fault_stack.start()
    web = signed_in(secretariat_user)

    status_url = web.post(reverse("meetings:summary_export", args=[demo_meeting.pk])).location
    _export_row(timeout=30, status="rendering")
    fault_stack.worker.kill()
    fault_stack.start_worker()
    stuck = SummaryExport.objects.get()

    assert (stuck.status, stuck.attempt, stuck.time_limit) == ("rendering", 1, 12)
    assert "Start again" not in web.get(status_url).text  # still within its time limit

    stale_page = wait_until(
        lambda: (page := web.get(status_url)) and "Start again" in page.text and page, timeout=30,
        what="the status page to offer Start again", interval=1,
    )
    swept = fault_stack.sweep()
    export = _export_row()

    assert "run past its time limit" in stale_page.text
    assert "1 started again" in swept
    assert (export.status, export.attempt, export.page_count) == ("done", 2, 4)
    assert SummaryExport.objects.count() == 1
    assert "Download the PDF" in web.get(status_url).text
    assert default_storage.exists(export.file.name)


def test_terminated_database_backends_give_no_error_to_the_next_request(
    fault_stack, demo_meeting, delegate_user, secretariat_user, signed_in
):
    action = _mexico_action(demo_meeting)
    fault_stack.start()
    web = signed_in(delegate_user)
    assert web.get(reverse("meetings:actions")).status == 200  # the web process now keeps a connection
    admin = _admin_connection()
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name LIKE 'smewg-fault-%'"
        )
        terminated = cursor.fetchone()[0]
    admin.close()

    page = web.get(reverse("meetings:actions"))
    saved = web.post(
        reverse("meetings:action_detail", args=[action.pk]),
        {"note": "Survey sent to all economies.", "status": "in_progress", "version": action.version},
    )

    assert terminated >= 1
    assert page.status == 200
    assert saved.status == 302
    assert ProgressNote.objects.filter(action=action).count() == 1
    assert Action.objects.get(pk=action.pk).status == "in_progress"
    assert len(_mails_once(fault_stack)) == 1


def test_lock_held_past_the_timeout_gives_the_busy_page_and_saves_nothing(
    fault_stack, demo_meeting, delegate_user, secretariat_user, signed_in
):
    action = _mexico_action(demo_meeting)
    fault_stack.configure(DB_LOCK_TIMEOUT_MS=1000, DB_STATEMENT_TIMEOUT_MS=3000)
    fault_stack.start()
    web = signed_in(delegate_user)
    form = {"note": "Workshop held in Mexico City.", "status": action.status, "version": action.version}
    admin = _admin_connection()
    with admin.cursor() as cursor:
        cursor.execute("LOCK TABLE meetings_action IN ACCESS EXCLUSIVE MODE")
        busy = web.post(reverse("meetings:action_detail", args=[action.pk]), form)
    admin.rollback()
    admin.close()
    notes_while_locked = ProgressNote.objects.filter(action=action).count()

    saved = web.post(reverse("meetings:action_detail", args=[action.pk]), form)

    assert busy.status == 503
    assert busy.headers["retry-after"] == "10"
    assert "The system is busy: please try again in a moment" in busy.text
    assert "nothing was saved" in busy.text
    assert busy.headers["x-request-id"] in busy.text
    assert f"[{busy.headers['x-request-id']}] smewg.middleware: Database busy (lock timeout)" in (
        fault_stack.web.log_text()
    )
    assert notes_while_locked == 0
    assert saved.status == 302
    assert ProgressNote.objects.filter(action=action).count() == 1
    assert len(_mails_once(fault_stack)) == 1
