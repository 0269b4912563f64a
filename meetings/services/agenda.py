"""The agenda editor's writes: items in order, decisions, agreed actions."""
import datetime

from django.db import transaction

from ..models import (
    Action,
    ActionStatus,
    AgendaItem,
    Decision,
    Meeting,
)

# The agenda editor: items keep positions 1..n without gaps. The (meeting, position)
# constraint is checked row by row (not deferrable), so moves park a row past the end first.


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, text: str = "") -> AgendaItem:
    """Append an agenda item to the meeting, numbered after the last one."""
    positions = list(
        AgendaItem.objects.select_for_update().filter(meeting=meeting).values_list("position", flat=True)
    )
    return AgendaItem.objects.create(meeting=meeting, position=max(positions, default=0) + 1, title=title, text=text)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> bool:
    """Swap an agenda item with its neighbour above (``"up"``) or below (``"down"``).

    Returns False when there is no neighbour that way (the first item cannot go up).
    Only positions change; the items' versions stay, so nobody's open edit becomes stale.
    """
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")
    items = list(AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id).order_by("position"))
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None:
        return False
    neighbour_index = index - 1 if direction == "up" else index + 1
    if not 0 <= neighbour_index < len(items):
        return False
    moving, neighbour = items[index], items[neighbour_index]
    moving_to, neighbour_to = neighbour.position, moving.position
    # Park the moving row past the end (no history row for this step), then save both for real.
    parked = max(other.position for other in items) + 1
    AgendaItem.objects.filter(pk=moving.pk).update(position=parked)
    neighbour.position = neighbour_to
    neighbour.save(update_fields=["position"])
    moving.position = moving_to
    moving.save(update_fields=["position"])
    item.position = moving_to
    return True


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    """Delete an agenda item (its decisions and actions with it) and renumber those after it."""
    meeting_id = item.meeting_id
    list(AgendaItem.objects.select_for_update().filter(meeting_id=meeting_id).values_list("pk", flat=True))
    item.delete()
    agenda_renumber(meeting_id=meeting_id)


@transaction.atomic
def agenda_renumber(*, meeting_id: int) -> None:
    """Renumber a meeting's agenda items 1..n in their current order, closing any gaps."""
    items = AgendaItem.objects.select_for_update().filter(meeting_id=meeting_id).order_by("position")
    for number, item in enumerate(items, start=1):
        # Ascending order: each target number is free (gaps only ever open below).
        if item.position != number:
            item.position = number
            item.save(update_fields=["position"])


def _next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def decision_add(*, agenda_item: AgendaItem, kind: str, text: str) -> Decision:
    """Record a decision under an agenda item, after the ones already there."""
    position = _next_position(Decision.objects.filter(agenda_item=agenda_item))
    return Decision.objects.create(agenda_item=agenda_item, position=position, kind=kind, text=text)


@transaction.atomic
def action_add(
    *,
    agenda_item: AgendaItem,
    text: str,
    decision: Decision | None = None,
    responsible_economies=(),
    responsible_organisations=(),
    responsible_other: str = "",
    due_date: datetime.date | None = None,
    due_next_meeting: bool = False,
    status: str = ActionStatus.OPEN,
) -> Action:
    """Record an agreed action under an agenda item, after the ones already there."""
    action = Action.objects.create(
        agenda_item=agenda_item,
        position=_next_position(Action.objects.filter(agenda_item=agenda_item)),
        text=text,
        decision=decision,
        responsible_other=responsible_other,
        due_date=due_date,
        due_next_meeting=due_next_meeting,
        status=status,
    )
    action.responsible_economies.set(responsible_economies)
    action.responsible_organisations.set(responsible_organisations)
    return action
