"""Reminders of due actions: 14 and 3 days before, and when overdue; once each, on dates we fix."""
import datetime

import pytest
from django.conf import settings
from django.core import mail

from accounts.models import Profile
from accounts.services import user_create_with_role
from meetings.models import ActionReminder, ActionStatus, Economy
from meetings.reminders import action_reminders_send, reminder_kind
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2003, 3, 1)


def _action(*, status: str = "adopted", economies=("MEX",), text: str = "Revise the SPAN proposal", due=DUE):
    meeting = MeetingFactory(status=status, number=15)
    return ActionFactory(agenda_item=AgendaItemFactory(meeting=meeting), text=text, economies=list(economies),
                         due_next_meeting=False, due_date=due)


def _days(first: int, last: int):
    for offset in range(first, last + 1):
        yield DUE + datetime.timedelta(days=offset)


def _run_daily(first: int, last: int) -> list[tuple[datetime.date, str, str]]:
    """Run the reminders every day from DUE+first to DUE+last; (day, recipient, subject) sent."""
    sent = []
    for day in _days(first, last):
        before = len(mail.outbox)
        action_reminders_send(today=day)
        sent += [(day, message.to[0], message.subject) for message in mail.outbox[before:]]
    return sent


def test_reminder_kind_windows_cover_14_3_and_overdue():
    assert [reminder_kind(days_left=days) for days in (15, 14, 4, 3, 0, -1, -7, -8)] == [
        None, "due_14", "due_14", "due_3", "due_3", "overdue", "overdue", None
    ]


def test_reminders_each_sent_once_14_and_3_days_before_and_on_the_first_overdue_day(delegate_user):
    _action()

    sent = _run_daily(-30, 30)

    assert sent == [
        (datetime.date(2003, 2, 15), "mex@example.org", "[SMEWG] Due in 14 days: “Revise the SPAN proposal”"),
        (datetime.date(2003, 2, 26), "mex@example.org", "[SMEWG] Due in 3 days: “Revise the SPAN proposal”"),
        (datetime.date(2003, 3, 2), "mex@example.org", "[SMEWG] Overdue: “Revise the SPAN proposal”"),
    ]
    assert ActionReminder.objects.count() == 3


def test_reminders_run_twice_on_one_day_send_once(delegate_user):
    _action()

    first = action_reminders_send(today=DUE - datetime.timedelta(days=14))
    second = action_reminders_send(today=DUE - datetime.timedelta(days=14))

    assert (first, second, len(mail.outbox)) == (1, 0, 1)


def test_reminders_missed_day_is_caught_up_once(delegate_user):
    _action()

    sent = _run_daily(-10, -5)

    assert sent == [(datetime.date(2003, 2, 19), "mex@example.org", "[SMEWG] Due in 10 days: “Revise the SPAN proposal”")]


def test_reminders_none_after_completion(delegate_user):
    action = _action()
    _run_daily(-20, -10)
    action.status = ActionStatus.DONE
    action.save()

    sent = _run_daily(-9, 30)

    assert (sent, ActionReminder.objects.count()) == ([], 1)


def test_reminders_none_to_a_delegate_who_turned_them_off(delegate_user):
    _action()
    Profile.objects.filter(user=delegate_user).update(action_reminders=False)

    assert _run_daily(-30, 30) == []


def test_reminders_go_to_every_delegate_of_each_responsible_economy_only(delegate_user, other_delegate_user):
    user_create_with_role(username="mex2", password="pw", role="Delegate", economy=Economy.objects.get(code="MEX"),
                          email="mex2@example.org")
    user_create_with_role(username="chl", password="pw", role="Delegate", economy=Economy.objects.get(code="CHL"),
                          email="chl@example.org")
    _action(economies=("MEX", "JPN"))

    sent = _run_daily(-14, -14)

    assert sorted(recipient for _day, recipient, _subject in sent) == [
        "jpn@example.org", "mex2@example.org", "mex@example.org"
    ]


def test_reminders_none_for_an_action_of_a_meeting_the_delegate_may_not_read(delegate_user):
    _action(status="drafted")

    assert _run_daily(-30, 30) == []


def test_reminders_none_to_delegate_without_email_or_inactive(delegate_user):
    _action()
    delegate_user.email = ""
    delegate_user.save()

    assert _run_daily(-30, 30) == []


def test_reminders_start_again_when_the_due_date_moves(delegate_user):
    action = _action()
    _run_daily(-30, -10)
    action.due_date = DUE + datetime.timedelta(days=30)
    action.save()

    sent = _run_daily(15, 16)

    assert sent == [(datetime.date(2003, 3, 17), "mex@example.org", "[SMEWG] Due in 14 days: “Revise the SPAN proposal”")]


def test_reminders_for_action_due_by_the_next_meeting_use_its_start(delegate_user):
    meeting = MeetingFactory(status="adopted", number=15, start_date=datetime.date(2002, 8, 20),
                             end_date=datetime.date(2002, 8, 21))
    ActionFactory(agenda_item=AgendaItemFactory(meeting=meeting), text="Report on SPAN", economies=["MEX"],
                  due_next_meeting=True)
    MeetingFactory(number=16, status="planned", start_date=DUE, end_date=DUE)

    sent = _run_daily(-3, -3)

    assert sent == [(datetime.date(2003, 2, 26), "mex@example.org", "[SMEWG] Due in 3 days: “Report on SPAN”")]


def test_reminder_subject_of_an_action_with_line_breaks_is_one_line(delegate_user):
    _action(text="Revise the\nSPAN\r\nproposal")

    _run_daily(-3, -3)

    assert mail.outbox[0].subject == "[SMEWG] Due in 3 days: “Revise the SPAN proposal”"


def test_reminder_links_to_the_progress_form_and_to_the_settings(delegate_user):
    action = _action()

    _run_daily(-14, -14)

    body = mail.outbox[0].body
    assert (
        f"Report progress: {settings.SITE_URL}{action.get_absolute_url()}#report-heading" in body,
        f"Turn them off: {settings.SITE_URL}/accounts/settings/" in body,
        "This agreed action of your economy is due on 1 March 2003." in body,
    ) == (True, True, True)


class _RefusingBackend:
    """A mail server that is down (the outside world, not our code)."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("Connection refused")


def test_reminder_not_recorded_when_the_mail_server_refuses(delegate_user, settings):
    _action()
    settings.EMAIL_BACKEND = f"{__name__}._RefusingBackend"

    with pytest.raises(OSError):
        action_reminders_send(today=DUE - datetime.timedelta(days=3))

    assert ActionReminder.objects.count() == 0


def test_reminders_scheduled_daily_by_beat():
    schedule = settings.CELERY_BEAT_SCHEDULE["action-reminders"]

    assert (schedule["task"], schedule["schedule"].hour, schedule["schedule"].minute) == (
        "meetings.tasks.action_reminders", {6}, {0}
    )
    assert "overdue-actions-digest" in settings.CELERY_BEAT_SCHEDULE
