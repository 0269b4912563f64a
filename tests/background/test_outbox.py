"""The outbox: a task written with the change that asks for it, run once per message, and
sent again by the sweep when the broker did not take it (tasks in-process here; the real
Redis and worker are in tests/faults/)."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from background.models import OutboxMessage
from background.services import outbox_sweep
from meetings.services import action_report_progress
from meetings.tasks import action_progress_notify
from tests.meetings.actions_arrange import two_economies

pytestmark = pytest.mark.django_db


def test_outbox_progress_note_writes_its_message_with_the_note(delegate_user, secretariat_user):
    action = two_economies().mexico_action

    note = action_report_progress(action=action, user=delegate_user, note="Draft sent", status="open",
                                  version=action.version)  # not committed: nothing sent yet

    message = OutboxMessage.objects.get()
    assert (message.task, message.kwargs) == ("meetings.tasks.action_progress_notify", {"progress_note_id": note.pk})
    assert (message.dispatched, message.delivered, note.notification) == (None, None, message)
    assert mail.outbox == []


def test_outbox_message_sent_twice_mails_once(
    eager_tasks, django_capture_on_commit_callbacks, delegate_user, secretariat_user
):
    action = two_economies().mexico_action
    with django_capture_on_commit_callbacks(execute=True):
        note = action_report_progress(action=action, user=delegate_user, note="Draft sent", status="open",
                                      version=action.version)

    again = action_progress_notify.apply(kwargs={"progress_note_id": note.pk, "outbox_id": note.notification.pk})

    message = OutboxMessage.objects.get()
    assert (message.dispatch_count, message.delivered is not None) == (1, True)
    assert again.get() is None
    assert [m.to for m in mail.outbox] == [["sec@example.org"]]


def test_outbox_sweep_sends_a_message_the_broker_never_took(
    eager_tasks, django_capture_on_commit_callbacks, delegate_user, secretariat_user, settings
):
    action = two_economies().mexico_action
    note = action_report_progress(action=action, user=delegate_user, note="Draft sent", status="open",
                                  version=action.version)  # its on-commit send never ran, as with Redis down
    OutboxMessage.objects.update(created=timezone.now() - datetime.timedelta(seconds=settings.OUTBOX_GRACE_SECONDS + 1))

    sent = outbox_sweep()
    swept_again = outbox_sweep()

    message = OutboxMessage.objects.get()
    assert (sent, swept_again) == (1, 0)
    assert (message.dispatch_count, message.delivered is not None) == (1, True)
    assert [m.to for m in mail.outbox] == [["sec@example.org"]]
    assert "Draft sent" in mail.outbox[0].body
    assert note.notification.pk == message.pk


def test_outbox_sweep_leaves_a_message_in_its_grace_period(eager_tasks, delegate_user, secretariat_user):
    action = two_economies().mexico_action
    action_report_progress(action=action, user=delegate_user, note="Draft sent", status="open",
                           version=action.version)

    sent = outbox_sweep()

    assert sent == 0
    assert mail.outbox == []


def test_outbox_sweep_gives_up_after_the_most_sends(eager_tasks, delegate_user, secretariat_user, settings):
    action = two_economies().mexico_action
    action_report_progress(action=action, user=delegate_user, note="Draft sent", status="open",
                           version=action.version)
    long_ago = timezone.now() - datetime.timedelta(days=1)
    OutboxMessage.objects.update(created=long_ago, dispatched=long_ago, dispatch_count=settings.OUTBOX_MAX_DISPATCHES)

    sent = outbox_sweep()

    assert sent == 0
    assert OutboxMessage.objects.get().delivered is None
