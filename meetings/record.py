"""The meeting record as plain data: the export format for other systems.

``record_from_meeting`` turns a meeting into the dict that ``export_meeting`` prints;
``services.meeting_save_record`` turns such a dict (the demo data, an imported summary)
back into a meeting. Keys::

    forum, number, city, host_economy, start_date, end_date, status,
    chair {name, title, economy}, member_economies [official names, sorted],
    other_participants [organisation names], participants [...],
    agenda_items [{number, title, text, decisions [{kind, text}],
                   actions [{text, decision, responsible [names], status, due}],
                   order (only when not the usual one)}],
    projects [{title, status, reported_as, agenda_item}], documents [...]

``due`` is an ISO date, ``"next meeting"`` or ``null``; an action's ``decision`` is the
number (1, 2, ...) of the item's decision it carries out, or ``null``. An item's ``order``
lists its blocks as printed: ``"text"``, ``"projects reported"``, ``"decision 1"``, ...,
``"projects approved"``; without it (or for blocks it leaves out) the usual order applies:
text, projects reported, decisions, projects approved.
"""
from django.db.models import Prefetch

from .models import Action, AgendaItem, AttendanceCapacity, Block, BlockKind, Meeting

DUE_NEXT_MEETING = "next meeting"
RECORD_BLOCK_NAMES = {
    BlockKind.TEXT: "text",
    BlockKind.PROJECTS_REPORTED: "projects reported",
    BlockKind.PROJECTS_APPROVED: "projects approved",
}


def usual_block_order(decision_count: int) -> list[str]:
    """The record's names of an item's blocks in the usual order (text, projects reported,
    decisions, projects approved)."""
    decisions = [f"decision {number}" for number in range(1, decision_count + 1)]
    return ["text", "projects reported", *decisions, "projects approved"]


def block_order(item: AgendaItem) -> list[str]:
    """The record's names of all the item's blocks, in the order they print."""
    numbers = {decision.pk: number for number, decision in enumerate(item.decisions.all(), start=1)}

    def name(block: Block) -> str:
        return f"decision {numbers[block.decision.pk]}" if block.decision else RECORD_BLOCK_NAMES[block.kind]

    return [name(block) for block in item.blocks(every_block=True)]


def meeting_for_record(meeting_id: int) -> Meeting:
    """The meeting with everything the record needs, in a fixed number of queries."""
    actions = Action.objects.prefetch_related("responsible_economies", "responsible_organisations")
    items = AgendaItem.objects.prefetch_related("decisions", Prefetch("actions", queryset=actions))
    return (
        Meeting.objects.select_related("forum", "host_economy", "chair_economy")
        .prefetch_related(
            Prefetch("agenda_items", queryset=items),
            "attendances__economy",
            "attendances__organisation",
            "participants__economy",
            "participants__organisation",
            "project_reports__project",
            "project_reports__agenda_item",
            "documents__agenda_item",
            "documents__submitted_by_economy",
            "documents__submitted_by_organisation",
        )
        .get(pk=meeting_id)
    )


def due_value(action: Action) -> str | None:
    if action.due_date:
        return action.due_date.isoformat()
    if action.due_next_meeting:
        return DUE_NEXT_MEETING
    return None


def decision_number(item: AgendaItem, action: Action) -> int | None:
    """Which of its item's decisions (1, 2, ...) an action carries out, if any."""
    for number, decision in enumerate(item.decisions.all(), start=1):
        if decision.pk == action.decision_id:
            return number
    return None


def _item_record(item: AgendaItem) -> dict:
    record = {
        "number": item.position,
        "title": item.title,
        "text": item.text,
        "decisions": [{"kind": d.kind, "text": d.text} for d in item.decisions.all()],
        "actions": [
            {
                "text": action.text,
                "decision": decision_number(item, action),
                "responsible": action.responsible_names(),
                "status": action.status,
                "due": due_value(action),
            }
            for action in item.actions.all()
        ],
    }
    order = block_order(item)
    if order != usual_block_order(len(record["decisions"])):
        record["order"] = order
    return record


def record_from_meeting(meeting: Meeting) -> dict:
    """The meeting as the export dict (pass a meeting from ``meeting_for_record``)."""
    attendances = list(meeting.attendances.all())
    members = sorted(
        a.economy.name for a in attendances if a.economy_id and a.capacity == AttendanceCapacity.MEMBER
    )
    others = [a.organisation.name for a in attendances if a.organisation_id]
    others += [a.economy.name for a in attendances if a.economy_id and a.capacity != AttendanceCapacity.MEMBER]
    reports = sorted(meeting.project_reports.all(), key=lambda r: (r.kind != "reported", r.position, r.pk))
    return {
        "forum": meeting.forum.code,
        "number": meeting.number,
        "city": meeting.city,
        "host_economy": meeting.host_economy.name if meeting.host_economy_id else None,
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "status": meeting.status,
        "chair": {
            "name": meeting.chair_name,
            "title": meeting.chair_title,
            "economy": meeting.chair_economy.name if meeting.chair_economy_id else None,
        },
        "member_economies": members,
        "other_participants": sorted(others),
        "participants": [
            {
                "name": p.name,
                "title": p.title,
                "organisation": p.employer,
                "represents": (p.economy or p.organisation).name if (p.economy_id or p.organisation_id) else None,
                "sex": p.sex,
                "role": p.role,
            }
            for p in meeting.participants.all()
        ],
        "agenda_items": [_item_record(item) for item in meeting.agenda_items.all()],
        "projects": [
            {
                "title": report.project.title,
                "status": report.project.status,
                "reported_as": report.kind,
                "agenda_item": report.agenda_item.position if report.agenda_item_id else None,
            }
            for report in reports
        ],
        "documents": [
            {
                "symbol": document.symbol,
                "title": document.title,
                "purpose": document.purpose,
                "submitted_by": document.submitted_by.name if document.submitted_by else None,
                "agenda_item": document.agenda_item.position if document.agenda_item_id else None,
            }
            for document in meeting.documents.all()
        ],
    }
