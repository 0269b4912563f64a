"""Progress on agreed actions, reported by delegates and the Secretariat."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from background.services import outbox_send

from ..concurrency import StaleEdit, update_if_current
from ..models import (
    Action,
    ActionStatus,
    ProgressNote,
)

# Progress on agreed actions, reported by delegates and the Secretariat (issue 5).


class ActionProgressRefused(ValueError):
    """A progress report that says nothing, or names a status that does not exist."""


@transaction.atomic
def action_report_progress(*, action: Action, user, note: str, status: str, version: int):
    """Add a progress note to an agreed action and/or change its status; return the note.

    ``version`` is the action's version the user was shown: if the action changed since,
    ``concurrency.StaleEdit`` is raised and nothing is written. A note must say something
    (text, or a new status), else ``ActionProgressRefused``. The lock on an adopted meeting
    does not apply: actions live on after their meeting's summary is adopted. The
    responsible delegates and the Secretariat are e-mailed through the outbox once the
    transaction commits; ``note.notification.dispatched`` is empty if the broker could not
    take it yet (the sweep sends it when it is back).
    """

    note = (note or "").strip()
    if status not in ActionStatus.values:
        raise ActionProgressRefused(f"“{status}” is not a status of an action.")
    status_before = action.status
    if not note and status == status_before:
        raise ActionProgressRefused("Write a progress note or change the status.")
    if status != status_before:
        action._history_user = user
        update_if_current(
            action,
            version=version,
            changes={"status": status},
            reason=f"Status changed to “{ActionStatus(status).label}” with a progress report.",
        )
    else:
        updated = Action.objects.filter(pk=action.pk, version=version).update(
            version=F("version") + 1, modified=timezone.now()
        )
        if not updated:
            raise StaleEdit(Action.objects.filter(pk=action.pk).first(), {"note": note, "status": status})
        action.version = version + 1
    changed = status != status_before
    progress = ProgressNote.objects.create(
        action=action,
        author=user,
        text=note,
        status_before=status_before if changed else "",
        status_after=status if changed else "",
    )
    from ..tasks import action_progress_notify  # tasks import this module

    # Written with the note: if the broker is away the e-mails wait in the outbox, not lost.
    progress.notification = outbox_send(task=action_progress_notify, kwargs={"progress_note_id": progress.pk})
    return progress
