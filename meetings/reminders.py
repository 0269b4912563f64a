"""Reminders before an agreed action falls due, e-mailed to the responsible delegates.

Each delegate of a responsible economy gets three reminders about an unfinished action:
14 days before its due day, 3 days before, and on the day it becomes overdue (the day
after the due day). Celery beat runs ``action_reminders_send`` every morning; a row of
``ActionReminder`` per reminder sent makes every run idempotent. A reminder missed by a
day or more (beat down, an action added late) still goes out while its window lasts:
"14 days" until 4 days are left, "3 days" until the due day, "overdue" for a week (older
overdue actions are in the weekly digest). Delegates who turned reminders off on their
settings page, and delegates who may not read the action's meeting, get none.
"""
import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Role

from .models import Action, ActionReminder, ReminderKind
from .notifications import _absolute, _action_lines, mail_subject
from .selectors import OPEN_STATUSES, actions_with_progress, meeting_readable_by

logger = logging.getLogger(__name__)

# Days left until the due day (negative: days overdue) in which each reminder may go out.
WINDOWS = {
    ReminderKind.DUE_IN_14_DAYS: (4, 14),
    ReminderKind.DUE_IN_3_DAYS: (0, 3),
    ReminderKind.OVERDUE: (-7, -1),
}
EARLIEST, LATEST = min(low for low, _ in WINDOWS.values()), max(high for _, high in WINDOWS.values())


def reminder_kind(*, days_left: int) -> ReminderKind | None:
    """Which reminder is due when ``days_left`` days remain (negative: overdue), if any."""
    for kind, (low, high) in WINDOWS.items():
        if low <= days_left <= high:
            return kind
    return None


@dataclass
class Reminder:
    """A reminder to send: one action, one delegate, one kind."""

    action: Action
    recipient: User
    kind: ReminderKind
    days_left: int


def _delegates_by_economy() -> dict[int, list[User]]:
    """Active delegates with an e-mail address who want reminders, by economy id."""
    delegates = (
        User.objects.filter(is_active=True, groups__name=Role.DELEGATE, profile__action_reminders=True,
                            profile__economy__isnull=False)
        .exclude(email="")
        .select_related("profile")
    )
    by_economy: dict[int, list[User]] = {}
    for user in delegates:
        by_economy.setdefault(user.profile.economy_id, []).append(user)
    return by_economy


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """The reminders to send on ``today`` that have not been sent yet (three queries)."""
    actions = list(
        actions_with_progress()
        .filter(status__in=OPEN_STATUSES, due_on__gte=today + datetime.timedelta(days=EARLIEST),
                due_on__lte=today + datetime.timedelta(days=LATEST))
        .order_by("due_on", "pk")
    )
    if not actions:
        return []
    delegates = _delegates_by_economy()
    sent = set(
        ActionReminder.objects.filter(action__in=actions).values_list("action_id", "recipient_id", "kind", "due_on")
    )
    reminders = []
    for action in actions:
        days_left = (action.due_on - today).days
        kind = reminder_kind(days_left=days_left)
        recipients = {
            user.pk: user for economy in action.responsible_economies.all() for user in delegates.get(economy.pk, [])
        }
        for user in recipients.values():
            if (action.pk, user.pk, kind, action.due_on) in sent:
                continue
            if meeting_readable_by(user, action.agenda_item.meeting):
                reminders.append(Reminder(action, user, kind, days_left))
    return reminders


def reminder_subject(reminder: Reminder) -> str:
    if reminder.kind == ReminderKind.OVERDUE:
        when = "Overdue"
    elif reminder.days_left == 0:
        when = "Due today"
    else:
        when = f"Due in {reminder.days_left} day{'s' if reminder.days_left != 1 else ''}"
    return mail_subject(f"{when}: “{reminder.action}”")


def reminder_message(reminder: Reminder) -> EmailMessage:
    """The e-mail of one reminder, with a link straight to the action's progress form."""
    action = reminder.action
    due = f"{action.due_on.day} {action.due_on:%B %Y}"
    if reminder.kind == ReminderKind.OVERDUE:
        opening = f"This agreed action of your economy was due on {due} and is not marked done."
    else:
        opening = f"This agreed action of your economy is due on {due}."
    lines = [
        opening,
        "",
        *_action_lines(action),
        "",
        f"Report progress: {_absolute(action.get_absolute_url())}#report-heading",
        "",
        f"You receive these reminders as a delegate of {reminder.recipient.profile.economy.name}. "
        f"Turn them off: {_absolute(reverse('reminder_settings'))}",
    ]
    return EmailMessage(subject=reminder_subject(reminder), body="\n".join(lines), to=[reminder.recipient.email])


def action_reminders_send(*, today: datetime.date) -> int:
    """Send the reminders due on ``today``, each once; returns how many were sent.

    The row is written in the same transaction as the e-mail is handed to the mail
    server: if sending fails, no row stays and the next run tries again; if another run
    already wrote the row, this one sends nothing.
    """
    count = 0
    connection = get_connection()
    for reminder in reminders_due(today=today):
        try:
            with transaction.atomic():
                ActionReminder.objects.create(
                    action=reminder.action, recipient=reminder.recipient, kind=reminder.kind,
                    due_on=reminder.action.due_on,
                )
                connection.send_messages([reminder_message(reminder)])
        except IntegrityError:
            logger.info("Reminder %s of action %s to %s was already sent.", reminder.kind, reminder.action.pk,
                        reminder.recipient.pk)
            continue
        count += 1
    return count
