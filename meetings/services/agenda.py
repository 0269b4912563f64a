"""The agenda editor's writes: items in order, decisions, agreed actions."""
import datetime

from django.db import transaction
from django.db.models import Max

from projects.models import ProjectReport, ReportKind

from ..models import (
    BLOCK_PLACE_FIELDS,
    Action,
    ActionStatus,
    AgendaItem,
    Block,
    BlockKind,
    Decision,
    Meeting,
)

# The agenda editor: items keep positions 1..n without gaps. The (meeting, position)
# constraint is checked row by row (not deferrable), so moves park a row past the end first.


def _check_direction(direction: str) -> None:
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")


def _with_neighbour(rows: list, is_moving, direction: str) -> tuple | None:
    """The row to move and its neighbour that way, or None (no such row, or none that way)."""
    index = next((i for i, row in enumerate(rows) if is_moving(row)), None)
    if index is None:
        return None
    neighbour_index = index - 1 if direction == "up" else index + 1
    if not 0 <= neighbour_index < len(rows):
        return None
    return rows[index], rows[neighbour_index]


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
    _check_direction(direction)
    items = list(AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id).order_by("position"))
    pair = _with_neighbour(items, lambda other: other.pk == item.pk, direction)
    if pair is None:
        return False
    moving, neighbour = pair
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


def _item_blocks_locked(item_id: int) -> tuple[AgendaItem, list[Block]]:
    """The item (locked) and every one of its blocks, empty ones too, in print order."""
    item = AgendaItem.objects.select_for_update().prefetch_related("decisions").get(pk=item_id)
    reports = list(ProjectReport.objects.filter(agenda_item=item))
    return item, item.blocks(
        [report for report in reports if report.kind == ReportKind.REPORTED],
        [report for report in reports if report.kind == ReportKind.APPROVED],
        every_block=True,
    )


def _block_places_save(item: AgendaItem, blocks: list[Block]) -> None:
    """Number the blocks 1..n in the given order (only places change: no version, no history)."""
    item_places = {}
    for place, block in enumerate(blocks, start=1):
        if block.decision is not None:
            if block.decision.position != place:
                Decision.objects.filter(pk=block.decision.pk).update(position=place)
                block.decision.position = place
        elif getattr(item, BLOCK_PLACE_FIELDS[block.kind]) != place:
            item_places[BLOCK_PLACE_FIELDS[block.kind]] = place
        block.position = place
    if item_places:
        AgendaItem.objects.filter(pk=item.pk).update(**item_places)
    for name, place in item_places.items():
        setattr(item, name, place)


@transaction.atomic
def decision_add(*, agenda_item: AgendaItem, kind: str, text: str) -> Decision:
    """Record a decision under an agenda item, after all its other blocks but a list of
    projects approved that ends the item ("...approved three new project proposals:" is
    followed by its list)."""
    item = AgendaItem.objects.select_for_update().get(pk=agenda_item.pk)
    last_decision = Decision.objects.filter(agenda_item=item).aggregate(last=Max("position"))["last"] or 0
    position = max(item.text_position, item.projects_reported_position, last_decision) + 1
    if item.projects_approved_position == position - 1:  # the list ends the item: keep it last
        AgendaItem.objects.filter(pk=item.pk).update(projects_approved_position=position)
    return Decision.objects.create(agenda_item=item, position=position, kind=kind, text=text)


def _project_lists(blocks: list[Block]) -> tuple[list, list]:
    lists = {b.kind: b.projects for b in blocks if b.decision is None}
    return lists[BlockKind.PROJECTS_REPORTED], lists[BlockKind.PROJECTS_APPROVED]


@transaction.atomic
def agenda_block_move(*, item: AgendaItem, block: str, direction: str) -> bool:
    """Move a block of an agenda item (its text, a decision, a project list) past the
    printed block above (``"up"``) or below (``"down"``).

    ``block`` is a ``Block.key`` (``text``, ``decision-12``, ...). Empty text and empty
    project lists are not printed, so they are passed over. Returns False when there is
    no such block or no printed neighbour that way.
    """
    _check_direction(direction)
    locked, blocks = _item_blocks_locked(item.pk)
    printed_keys = {b.key for b in locked.blocks(*_project_lists(blocks))}
    printed = [b for b in blocks if b.key in printed_keys]
    pair = _with_neighbour(printed, lambda b: b.key == block, direction)
    if pair is None:
        return False
    moving, neighbour = pair
    # Take the block out and put it just past its neighbour: empty blocks keep their places.
    blocks.remove(moving)
    at = blocks.index(neighbour)
    blocks.insert(at if direction == "up" else at + 1, moving)
    _block_places_save(locked, blocks)
    for name in BLOCK_PLACE_FIELDS.values():
        setattr(item, name, getattr(locked, name))
    return True


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
