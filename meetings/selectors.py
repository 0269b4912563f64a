"""Reused queries of the meeting record, each with its joins in one place."""
from django.db.models import QuerySet

from .models import Action, ActionStatus, Meeting

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def actions_with_context() -> QuerySet[Action]:
    """Actions with their meeting, agenda item and responsible bodies, ready to list."""
    return Action.objects.select_related("agenda_item__meeting__forum", "decision").prefetch_related(
        "responsible_economies", "responsible_organisations"
    )


def actions_open_before(meeting: Meeting) -> QuerySet[Action]:
    """Actions still open from earlier meetings of the same forum, oldest meeting first.

    These are the actions a meeting reviews ("status of actions from previous meetings").
    """
    return (
        actions_with_context()
        .filter(
            agenda_item__meeting__forum_id=meeting.forum_id,
            agenda_item__meeting__start_date__lt=meeting.start_date,
            status__in=OPEN_STATUSES,
        )
        .order_by("agenda_item__meeting__start_date", "agenda_item__position", "position", "pk")
    )
