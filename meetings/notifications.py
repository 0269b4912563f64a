"""E-mails about agreed actions: a progress report, and the weekly digest of overdue actions.

Built here, sent by the Celery tasks in ``tasks.py``; Django's mail backend delivers them
(printed on the console unless ``EMAIL_BACKEND`` says otherwise).
"""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q

from accounts.models import Role
from accounts.roles import user_economy

from .history import person_name
from .models import Action, Economy, ProgressNote
from .selectors import actions_overdue, meeting_open_to_delegates

SUBJECT_PREFIX = "[SMEWG] "
# Long enough for the prefix, a few words and an action's short name (80 characters).
SUBJECT_MAX_CHARS = 120


def mail_subject(text: str) -> str:
    """The subject of one of our e-mails: the prefix and ``text`` on one line (Django refuses a
    header with a line break, and the task sending it would fail), runs of white space folded,
    cut to ``SUBJECT_MAX_CHARS``."""
    subject = " ".join((SUBJECT_PREFIX + text).split())
    if len(subject) > SUBJECT_MAX_CHARS:
        subject = subject[: SUBJECT_MAX_CHARS - 1].rstrip() + "…"
    return subject


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def secretariat_emails() -> set[str]:
    users = User.objects.filter(is_active=True).filter(Q(groups__name=Role.SECRETARIAT) | Q(is_superuser=True))
    return set(users.exclude(email="").values_list("email", flat=True))


def delegate_emails(economies) -> set[str]:
    users = User.objects.filter(is_active=True, groups__name=Role.DELEGATE, profile__economy__in=economies)
    return set(users.exclude(email="").values_list("email", flat=True))


def _action_lines(action: Action) -> list[str]:
    meeting = action.agenda_item.meeting
    return [
        f"Action: {action.text}",
        f"From: {meeting}, agenda item {action.agenda_item}",
        f"Responsible: {action.responsible_text or 'not named'}",
        f"Due: {action.due_display or 'no date'}",
        f"Status: {action.get_status_display()}",
    ]


@dataclass
class ProgressRecipients:
    """Who is e-mailed about a progress report: people with an address, the author left out."""

    economies: list[Economy]
    delegates: list[User]
    secretariat: list[User]
    delegates_may_see: bool = True  # False before the meeting's summary is adopted

    @property
    def addresses(self) -> set[str]:
        return {user.email for user in self.delegates + self.secretariat}


def progress_note_recipients(*, action: Action, author) -> ProgressRecipients:
    """The delegates of the action's responsible economies and the Secretariat, with an e-mail
    address; the author is left out (they know what they wrote). Delegates only once the
    meeting is adopted: before, they may not see the action (the read rule of ``selectors``)."""
    economies = list(action.responsible_economies.all())
    people = User.objects.filter(is_active=True).exclude(email="").order_by("first_name", "last_name", "username")
    if author is not None:
        people = people.exclude(email=author.email)
    delegates = []
    delegates_may_see = meeting_open_to_delegates(action.agenda_item.meeting)
    if delegates_may_see:
        delegates = list(people.filter(groups__name=Role.DELEGATE, profile__economy__in=economies).distinct())
    secretariat = [
        user for user in people.filter(Q(groups__name=Role.SECRETARIAT) | Q(is_superuser=True)).distinct()
        if user.email not in {delegate.email for delegate in delegates}
    ]
    return ProgressRecipients(
        economies=economies, delegates=delegates, secretariat=secretariat, delegates_may_see=delegates_may_see
    )


def _people(users: list[User], most: int = 5) -> str:
    names = [person_name(user) for user in users]
    if len(names) > most:
        names = names[:most] + [f"{len(users) - most} more"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def progress_note_told(recipients: ProgressRecipients) -> str:
    """The sentence that tells the author who is e-mailed about their report, or that nobody is."""
    economies = " and ".join(economy.text_name for economy in recipients.economies)
    parts = []
    if recipients.delegates:
        parts.append(f"{_people(recipients.delegates)} (delegate{'s' if len(recipients.delegates) > 1 else ''} "
                     f"of {economies})")
    if recipients.secretariat:
        parts.append(f"{_people(recipients.secretariat)} (Secretariat)")
    later = "" if recipients.delegates_may_see else (
        " Delegates are not e-mailed: they see the action once the meeting's summary is adopted."
    )
    if parts:
        return "An e-mail about it goes to " + " and ".join(parts) + "." + later
    if not recipients.delegates_may_see:
        return "Nobody is e-mailed about it: no one in the Secretariat has an e-mail address in the app." + later
    nobody = f"no other delegate of {economies} and no one in the Secretariat" if economies else "no one in the Secretariat"
    return f"Nobody is e-mailed about it: {nobody} has an e-mail address in the app."


def progress_note_messages(note: ProgressNote) -> list[EmailMessage]:
    """One e-mail per recipient (``progress_note_recipients``)."""
    action = note.action
    recipients = progress_note_recipients(action=action, author=note.author).addresses
    who = person_name(note.author) if note.author else "Someone"
    economy = user_economy(note.author) if note.author else None
    if economy:
        who = f"{who} ({economy.name})"
    lines = [f"{who} reported progress on an agreed action.", ""]
    if note.status_after:
        lines.append(f"Status changed: {note.get_status_before_display()} → {note.get_status_after_display()}")
    if note.text:
        lines += ["Progress note:", note.text]
    lines += ["", *_action_lines(action), "", f"See the action: {_absolute(action.get_absolute_url())}"]
    subject = mail_subject(f"Progress on “{action}”")
    body = "\n".join(lines)
    return [EmailMessage(subject=subject, body=body, to=[address]) for address in sorted(recipients)]


def progress_note_notify(*, progress_note_id: int) -> int:
    """Send the e-mails about one progress note; returns how many were sent."""
    note = (
        ProgressNote.objects.select_related("author__profile__economy", "action__agenda_item__meeting__forum")
        .filter(pk=progress_note_id)
        .first()
    )
    if note is None:
        return 0
    messages = progress_note_messages(note)
    return (get_connection().send_messages(messages) or 0) if messages else 0


# The weekly digest.


@dataclass
class DigestSection:
    """The overdue actions of one economy (``economy`` None: actions no economy holds)."""

    economy: Economy | None
    actions: list[Action]

    @property
    def heading(self) -> str:
        return self.economy.name if self.economy else "Other responsible bodies"


def overdue_digest(*, today: datetime.date) -> list[DigestSection]:
    """Overdue actions on ``today``, grouped by responsible economy in APEC order."""
    by_economy: dict[Economy | None, list[Action]] = {}
    for action in actions_overdue(today=today):
        economies = list(action.responsible_economies.all()) or [None]
        for economy in economies:
            by_economy.setdefault(economy, []).append(action)
    keyed = sorted(by_economy.items(), key=lambda item: item[0].position if item[0] else 10_000)
    return [DigestSection(economy, actions) for economy, actions in keyed]


def overdue_digest_text(*, sections: list[DigestSection], today: datetime.date) -> str:
    """The digest's body: one block per economy, one paragraph per action."""
    lines = [f"Agreed actions overdue on {today.day} {today:%B %Y}.", ""]
    for section in sections:
        lines += [section.heading, "=" * len(section.heading)]
        for action in section.actions:
            lines += [
                f"- {action.text}",
                f"  Due {action.due_on.day} {action.due_on:%B %Y}; {action.get_status_display().lower()}; "
                f"{action.agenda_item.meeting}.",
                f"  {_absolute(action.get_absolute_url())}",
            ]
        lines.append("")
    return "\n".join(lines)


def overdue_digest_messages(*, today: datetime.date) -> list[EmailMessage]:
    """One digest to the delegates of each economy with overdue actions, and one with
    every economy to the Secretariat. No overdue actions, no mail."""
    sections = overdue_digest(today=today)
    if not sections:
        return []
    title = f"Overdue agreed actions, {today.day} {today:%B %Y}"
    messages = []
    for section in sections:
        if section.economy is None:
            continue
        # Delegates read only the actions of adopted meetings (the read rule of ``selectors``).
        shown = [action for action in section.actions if meeting_open_to_delegates(action.agenda_item.meeting)]
        recipients = sorted(delegate_emails([section.economy]))
        if recipients and shown:
            body = overdue_digest_text(sections=[DigestSection(section.economy, shown)], today=today)
            messages.append(EmailMessage(subject=mail_subject(f"{title}: {section.economy.name}"), body=body,
                                         bcc=recipients))
    secretariat = sorted(secretariat_emails())
    if secretariat:
        body = overdue_digest_text(sections=sections, today=today)
        messages.append(EmailMessage(subject=mail_subject(title), body=body, bcc=secretariat))
    return messages


def overdue_digest_send(*, today: datetime.date) -> int:
    """Send the weekly digests for ``today``; returns how many e-mails went out."""
    messages = overdue_digest_messages(today=today)
    return (get_connection().send_messages(messages) or 0) if messages else 0
