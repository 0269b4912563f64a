"""E-mails about agreed actions: progress notifications and the weekly overdue digest."""
import datetime
import time

import pytest
from django.conf import settings
from django.core import mail

from accounts.services import user_create_with_role
from meetings.models import ActionStatus, Economy
from meetings.notifications import overdue_digest, overdue_digest_messages, overdue_digest_send
from meetings.services import action_report_progress
from meetings.tasks import overdue_actions_digest
from tests.conftest import ARTIFACTS
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory
from tests.meetings.actions_arrange import two_economies

pytestmark = pytest.mark.django_db

FIXED_TODAY = datetime.date(2003, 1, 10)


@pytest.fixture
def second_mexico_delegate(db):
    return user_create_with_role(username="mex2", password="pw-mex2", role="Delegate",
                                 economy=Economy.objects.get(code="MEX"), email="mex2@example.org")


def test_progress_note_mails_responsible_delegates_and_secretariat(
    eager_tasks, django_capture_on_commit_callbacks, delegate_user, second_mexico_delegate, other_delegate_user,
    secretariat_user,
):
    action = two_economies().mexico_action

    with django_capture_on_commit_callbacks(execute=True):
        action_report_progress(action=action, user=delegate_user, note="Draft sent", status="in_progress",
                               version=action.version)

    first = mail.outbox[0]
    assert (sorted(message.to[0] for message in mail.outbox), first.subject,
            "Status changed: Open → In progress" in first.body, "Draft sent" in first.body,
            f"{settings.SITE_URL}{action.get_absolute_url()}" in first.body) == (
        ["mex2@example.org", "sec@example.org"], "[SMEWG] Progress on “Revise the SPAN proposal”", True, True, True
    )


def test_progress_note_mail_names_responsible_economies_split_by_semicolons(
    eager_tasks, django_capture_on_commit_callbacks, delegate_user, secretariat_user
):
    action = ActionFactory(agenda_item=AgendaItemFactory(), text="Joint SME survey", economies=["HKC", "MEX"])

    with django_capture_on_commit_callbacks(execute=True):
        action_report_progress(action=action, user=delegate_user, note="Survey sent", status="open",
                               version=action.version)

    responsible = [line for line in mail.outbox[0].body.splitlines() if line.startswith("Responsible:")]
    assert responsible == ["Responsible: Hong Kong, China; Mexico"]


def test_progress_note_mail_not_sent_before_commit(eager_tasks, django_capture_on_commit_callbacks, delegate_user,
                                                   secretariat_user):
    action = two_economies().mexico_action

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        action_report_progress(action=action, user=delegate_user, note="Draft sent", status="open",
                               version=action.version)

    assert (len(callbacks), len(mail.outbox)) == (1, 0)


def test_progress_note_by_secretariat_mails_the_delegates(eager_tasks, django_capture_on_commit_callbacks,
                                                          delegate_user, secretariat_user):
    action = two_economies().mexico_action

    with django_capture_on_commit_callbacks(execute=True):
        action_report_progress(action=action, user=secretariat_user, note="", status="done", version=action.version)

    assert [message.to for message in mail.outbox] == [["mex@example.org"]]


def test_progress_note_via_page_sends_mail(eager_tasks, django_capture_on_commit_callbacks, delegate_client,
                                           secretariat_user):
    action = two_economies().mexico_action

    with django_capture_on_commit_callbacks(execute=True):
        delegate_client.post(action.get_absolute_url(), {"note": "Done", "status": "done", "version": action.version})

    assert [message.to for message in mail.outbox] == [["sec@example.org"]]


def test_progress_note_confirmation_names_who_is_emailed(eager_tasks, delegate_client, second_mexico_delegate,
                                                         secretariat_user):
    action = two_economies().mexico_action

    response = delegate_client.post(action.get_absolute_url(), {"note": "Done", "status": "done",
                                                                 "version": action.version}, follow=True)

    assert ("Your progress report is saved. An e-mail about it goes to mex2 (delegate of Mexico) and sec "
            "(Secretariat).") in response.content.decode()


def test_progress_note_confirmation_says_nobody_has_an_address(eager_tasks, delegate_client, django_user_model):
    action = two_economies().mexico_action
    user_create_with_role(username="sec-no-mail", password="pw", role="Secretariat", economy=None, email="")

    response = delegate_client.post(action.get_absolute_url(), {"note": "Done", "status": "done",
                                                                 "version": action.version}, follow=True)

    assert ("Your progress report is saved. Nobody is e-mailed about it: no other delegate of Mexico and no one "
            "in the Secretariat has an e-mail address in the app.") in response.content.decode()
    assert mail.outbox == []


# The weekly digest, on a fixed day.


def _digest_arrangement():
    actions = two_economies()  # Mexico's due 1 Dec 2002 (overdue), Japan's 1 Mar 2003 (not yet)
    item = actions.mexico_action.agenda_item
    ActionFactory(agenda_item=item, text="Closed long ago", economies=["MEX"], status=ActionStatus.DONE,
                  due_next_meeting=False, due_date=datetime.date(2002, 9, 1))
    ActionFactory(agenda_item=item, text="Joint paper", economies=["JPN", "MEX"], status=ActionStatus.IN_PROGRESS,
                  due_next_meeting=False, due_date=datetime.date(2002, 11, 1))
    ActionFactory(agenda_item=item, text="Chair to write to SOM", responsible_other="SMEWG Chair",
                  due_next_meeting=True)
    MeetingFactory(number=16, start_date=datetime.date(2003, 1, 5), end_date=datetime.date(2003, 1, 6))
    return actions


def test_overdue_digest_groups_by_economy_for_fixed_day():
    _digest_arrangement()

    sections = overdue_digest(today=FIXED_TODAY)

    assert [(section.heading, [action.text for action in section.actions]) for section in sections] == [
        ("Japan", ["Joint paper"]),
        ("Mexico", ["Joint paper", "Revise the SPAN proposal"]),
        ("Other responsible bodies", ["Chair to write to SOM"]),
    ]


def test_overdue_digest_messages_for_fixed_day(delegate_user, other_delegate_user, secretariat_user):
    _digest_arrangement()

    messages = overdue_digest_messages(today=FIXED_TODAY)

    mexico = messages[1]
    assert ([(message.subject, message.bcc) for message in messages], mexico.body.splitlines()[:6]) == (
        [
            ("[SMEWG] Overdue agreed actions, 10 January 2003: Japan", ["jpn@example.org"]),
            ("[SMEWG] Overdue agreed actions, 10 January 2003: Mexico", ["mex@example.org"]),
            ("[SMEWG] Overdue agreed actions, 10 January 2003", ["sec@example.org"]),
        ],
        [
            "Agreed actions overdue on 10 January 2003.",
            "",
            "Mexico",
            "======",
            "- Joint paper",
            "  Due 1 November 2002; in progress; 15th SMEWG meeting, Acapulco.",
        ],
    )


def test_overdue_digest_nothing_overdue_sends_nothing(delegate_user, secretariat_user):
    two_economies()

    sent = overdue_digest_send(today=datetime.date(2002, 1, 1))

    assert (sent, len(mail.outbox)) == (0, 0)


def test_overdue_digest_task_sends(eager_tasks, delegate_user, secretariat_user):
    two_economies()

    sent = overdue_actions_digest.delay().get()

    assert (sent, len(mail.outbox)) == (2, 2)


def test_overdue_digest_scheduled_weekly_with_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["overdue-actions-digest"]

    assert (entry["task"], entry["schedule"].day_of_week) == ("meetings.tasks.overdue_actions_digest", {1})


# A real worker.


@pytest.mark.worker
def test_progress_notification_sent_by_real_worker(celery_worker_process, delegate_user, secretariat_user):
    action = ActionFactory(agenda_item=AgendaItemFactory(), text="Worker-delivered action", economies=["MEX"])

    action_report_progress(action=action, user=delegate_user, note="Seen by the worker", status="open",
                           version=action.version)

    log = ARTIFACTS / "worker.log"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "1 notification(s) sent" not in log.read_text():
        time.sleep(0.2)
    text = log.read_text()
    assert ("1 notification(s) sent" in text, "To: sec@example.org" in text, "Seen by the worker" in text) == (
        True, True, True
    )
