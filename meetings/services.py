"""Writes to the meeting record that do more than save one form.

Every public function takes keyword-only arguments and runs in one transaction.
"""
import datetime
from dataclasses import dataclass, field

from django.db import transaction

from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceCapacity,
    Decision,
    DecisionKind,
    Document,
    DocumentPurpose,
    Economy,
    Forum,
    Meeting,
    MeetingStatus,
    Organisation,
    OrganisationKind,
    Participant,
    ParticipantRole,
    Sex,
)
from .names import UnknownName, resolve_economy, resolve_organisation, resolve_party
from .record import DUE_NEXT_MEETING

CAPACITY_FOR_KIND = {
    OrganisationKind.SECRETARIAT: AttendanceCapacity.SECRETARIAT,
    OrganisationKind.OBSERVER: AttendanceCapacity.OBSERVER,
    OrganisationKind.APEC_BODY: AttendanceCapacity.OBSERVER,
    OrganisationKind.GUEST: AttendanceCapacity.GUEST,
}


class RecordError(ValueError):
    """A record that cannot be saved; ``problems`` lists every reason, one sentence each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


class MeetingExists(RecordError):
    """The forum already has a meeting with this number and replacing was not asked for."""


@dataclass
class _Resolved:
    problems: list[str] = field(default_factory=list)

    def economy(self, name, where: str) -> Economy | None:
        if not name:
            return None
        try:
            return resolve_economy(name)
        except UnknownName:
            self.problems.append(f"{where}: unknown economy “{name}”.")
            return None

    def date(self, value, where: str) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.problems.append(f"{where}: “{value}” is not a date (YYYY-MM-DD).")
            return None


def _responsible(names: list[str]) -> tuple[list[Economy], list[Organisation], str]:
    economies, organisations, others = [], [], []
    for name in names:
        try:
            economy, organisation = resolve_party(name)
        except UnknownName:
            others.append(name.strip())
            continue
        if economy:
            economies.append(economy)
        else:
            organisations.append(organisation)
    return economies, organisations, "; ".join(others)


def _choice(value, choices, default, where: str, problems: list[str]):
    if value in (None, ""):
        return default
    if value not in choices.values:
        problems.append(f"{where}: “{value}” is not one of {', '.join(choices.values)}.")
        return default
    return value


@transaction.atomic
def meeting_save_record(*, record: dict, replace: bool = False, status: str | None = None) -> Meeting:
    """Create a meeting from a record dict (the format of ``record.record_from_meeting``).

    Raises ``MeetingExists`` when the forum already has that meeting number and
    ``replace`` is false, and ``RecordError`` listing every problem found otherwise;
    nothing is saved unless the whole record is good.
    """
    resolved = _Resolved()
    problems = resolved.problems
    forum = Forum.objects.filter(code=record.get("forum")).first()
    if forum is None:
        raise RecordError([f"Unknown forum “{record.get('forum')}”."])
    number = record.get("number")
    if not isinstance(number, int) or number < 1:
        raise RecordError([f"Meeting number “{number}” is not a positive whole number."])
    existing = Meeting.objects.filter(forum=forum, number=number).first()
    if existing and not replace:
        raise MeetingExists([f"The {existing} is already recorded; replace it or choose another number."])

    start = resolved.date(record.get("start_date"), "Start date")
    end = resolved.date(record.get("end_date"), "End date")
    if start and end and end < start:
        problems.append("End date: the meeting cannot end before it starts.")
    if not (record.get("city") or "").strip():
        problems.append("City: required.")
    chair = record.get("chair") or {}
    host = resolved.economy(record.get("host_economy"), "Host economy")
    chair_economy = resolved.economy(chair.get("economy"), "Chair's economy")
    members = [resolved.economy(name, "Member economies") for name in record.get("member_economies", [])]
    others = []
    for name in record.get("other_participants", []):
        try:
            others.append(resolve_organisation(name))
        except UnknownName:
            economy = resolved.economy(name, "Other participants")
            if economy:
                others.append(economy)
    meeting_status = _choice(status or record.get("status"), MeetingStatus, MeetingStatus.DRAFTED, "Status", problems)
    if problems:
        raise RecordError(problems)

    if existing:
        existing.delete()
    meeting = Meeting.objects.create(
        forum=forum,
        number=number,
        city=record["city"].strip(),
        host_economy=host,
        start_date=start,
        end_date=end,
        chair_name=chair.get("name") or "",
        chair_title=chair.get("title") or "",
        chair_economy=chair_economy,
        status=meeting_status,
    )
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, economy=economy, capacity=AttendanceCapacity.MEMBER) for economy in set(members)]
    )
    for other in others:
        if isinstance(other, Economy):
            Attendance.objects.get_or_create(
                meeting=meeting, economy=other, defaults={"capacity": AttendanceCapacity.GUEST}
            )
        else:
            Attendance.objects.get_or_create(
                meeting=meeting, organisation=other, defaults={"capacity": CAPACITY_FOR_KIND[other.kind]}
            )
    _save_participants(meeting, record.get("participants", []), problems)
    items = _save_agenda(meeting, record.get("agenda_items", []), problems)
    _save_projects(meeting, forum, items, record.get("projects", []), problems)
    _save_documents(meeting, items, record.get("documents", []), problems)
    if problems:
        transaction.set_rollback(True)
        raise RecordError(problems)
    return meeting


def _save_participants(meeting: Meeting, participants: list[dict], problems: list[str]) -> None:
    for index, data in enumerate(participants, start=1):
        where = f"Participant {index}"
        economy = organisation = None
        if data.get("represents"):
            try:
                economy, organisation = resolve_party(data["represents"])
            except UnknownName as error:
                problems.append(f"{where}: {error}")
        Participant.objects.create(
            meeting=meeting,
            name=data.get("name") or "",
            title=data.get("title") or "",
            employer=data.get("organisation") or "",
            economy=economy,
            organisation=organisation,
            sex=_choice(data.get("sex"), Sex, Sex.OTHER, where, problems),
            role=_choice(data.get("role"), ParticipantRole, ParticipantRole.DELEGATE, where, problems),
        )


def _save_agenda(meeting: Meeting, agenda_items: list[dict], problems: list[str]) -> dict[int, AgendaItem]:
    items: dict[int, AgendaItem] = {}
    for index, data in enumerate(agenda_items, start=1):
        number = data.get("number") or index
        where = f"Agenda item {number}"
        if number in items:
            problems.append(f"{where}: the number is used twice.")
            continue
        if not (data.get("title") or "").strip():
            problems.append(f"{where}: the title is missing.")
            continue
        item = AgendaItem.objects.create(
            meeting=meeting, position=number, title=data["title"].strip(), text=data.get("text") or ""
        )
        items[number] = item
        for position, decision in enumerate(data.get("decisions", []), start=1):
            Decision.objects.create(
                agenda_item=item,
                position=position,
                kind=_choice(decision.get("kind"), DecisionKind, DecisionKind.AGREED, where, problems),
                text=decision.get("text") or "",
            )
        for position, action_data in enumerate(data.get("actions", []), start=1):
            due = action_data.get("due")
            due_date = None
            if due and due != DUE_NEXT_MEETING:
                try:
                    due_date = datetime.date.fromisoformat(due)
                except ValueError:
                    problems.append(f"{where}, action {position}: due “{due}” is not a date or “next meeting”.")
            economies, organisations, other = _responsible(action_data.get("responsible", []))
            action = Action.objects.create(
                agenda_item=item,
                position=position,
                text=action_data.get("text") or "",
                responsible_other=other,
                due_date=due_date,
                due_next_meeting=due == DUE_NEXT_MEETING,
                status=_choice(action_data.get("status"), ActionStatus, ActionStatus.OPEN, where, problems),
            )
            action.responsible_economies.set(economies)
            action.responsible_organisations.set(organisations)
    return items


def _save_projects(meeting, forum, items: dict[int, AgendaItem], projects: list[dict], problems: list[str]) -> None:
    from projects.models import Project, ProjectReport, ProjectStatus, ReportKind

    positions: dict[str, int] = {}
    for index, data in enumerate(projects, start=1):
        where = f"Project {index}"
        title = (data.get("title") or "").strip()
        if not title:
            problems.append(f"{where}: the title is missing.")
            continue
        kind = _choice(data.get("reported_as"), ReportKind, ReportKind.REPORTED, where, problems)
        project, created = Project.objects.get_or_create(
            forum=forum,
            title=title,
            defaults={"status": _choice(data.get("status"), ProjectStatus, ProjectStatus.ONGOING, where, problems)},
        )
        positions[kind] = positions.get(kind, 0) + 1
        ProjectReport.objects.get_or_create(
            project=project,
            meeting=meeting,
            kind=kind,
            defaults={"agenda_item": items.get(data.get("agenda_item")), "position": positions[kind]},
        )


def _save_documents(meeting, items: dict[int, AgendaItem], documents: list[dict], problems: list[str]) -> None:
    for index, data in enumerate(documents, start=1):
        where = f"Document {index}"
        symbol = (data.get("symbol") or "").strip()
        if not symbol:
            problems.append(f"{where}: the symbol is missing.")
            continue
        if Document.objects.filter(symbol=symbol).exclude(meeting=meeting).exists():
            problems.append(f"{where}: symbol {symbol} is already registered at another meeting.")
            continue
        submitted_economy = submitted_organisation = None
        if data.get("submitted_by"):
            try:
                submitted_economy, submitted_organisation = resolve_party(data["submitted_by"])
            except UnknownName as error:
                problems.append(f"{where}: submitted by: {error}")
        Document.objects.create(
            meeting=meeting,
            symbol=symbol,
            title=(data.get("title") or symbol).strip(),
            purpose=_choice(data.get("purpose"), DocumentPurpose, DocumentPurpose.INFORMATION, where, problems),
            agenda_item=items.get(data.get("agenda_item")),
            submitted_by_economy=submitted_economy,
            submitted_by_organisation=submitted_organisation,
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
        responsible_other=responsible_other,
        due_date=due_date,
        due_next_meeting=due_next_meeting,
        status=status,
    )
    action.responsible_economies.set(responsible_economies)
    action.responsible_organisations.set(responsible_organisations)
    return action


# The record's lifecycle: planned -> held -> summary drafted -> circulated -> adopted.

MEETING_STATUS_ORDER = [
    MeetingStatus.PLANNED,
    MeetingStatus.HELD,
    MeetingStatus.DRAFTED,
    MeetingStatus.CIRCULATED,
    MeetingStatus.ADOPTED,
]


class MeetingStatusRefused(ValueError):
    """A status change the user may not make, or that needs a reason; the message says why."""


def meeting_status_choices_for(*, meeting: Meeting, user) -> list[tuple[str, str]]:
    """The statuses ``user`` may move ``meeting`` to (forward one step, or back for the Secretariat)."""
    from accounts.roles import is_chair, is_secretariat

    index = MEETING_STATUS_ORDER.index(meeting.status)
    labels = dict(MeetingStatus.choices)
    if is_secretariat(user):
        allowed = MEETING_STATUS_ORDER[index + 1:index + 2] + MEETING_STATUS_ORDER[:index][::-1]
    elif is_chair(user) and meeting.status == MeetingStatus.CIRCULATED:
        allowed = [MeetingStatus.ADOPTED]
    else:
        allowed = []
    return [(status, labels[status]) for status in allowed]


@transaction.atomic
def meeting_change_status(*, meeting: Meeting, user, status: str, reason: str = "") -> Meeting:
    """Move a meeting along its lifecycle, keeping who, when and why in its history.

    The Secretariat moves a meeting forward one step at a time, and may move it back to an
    earlier status with a reason; moving an adopted record back is "reopening" it, which
    unlocks it for edits. The Chair may only mark a circulated summary adopted. Raises
    ``MeetingStatusRefused`` with a sentence for the user otherwise.
    """
    from django.db.models import F

    if status not in MeetingStatus.values:
        raise MeetingStatusRefused(f"“{status}” is not a meeting status.")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if status == meeting.status:
        raise MeetingStatusRefused(f"The meeting is already “{meeting.get_status_display()}”.")
    if status not in dict(meeting_status_choices_for(meeting=meeting, user=user)):
        raise MeetingStatusRefused(
            f"You may not move this meeting from “{meeting.get_status_display()}” to "
            f"“{MeetingStatus(status).label}”."
        )
    backwards = MEETING_STATUS_ORDER.index(status) < MEETING_STATUS_ORDER.index(meeting.status)
    reason = (reason or "").strip()
    if backwards and not reason:
        what = "reopen an adopted record" if meeting.is_locked else "move a meeting back"
        raise MeetingStatusRefused(f"Give a reason to {what}; the history keeps it.")
    meeting.status = status
    meeting.version = F("version") + 1
    meeting._history_user = user
    meeting._change_reason = reason or f"Status changed to “{MeetingStatus(status).label}”."
    meeting.save()
    meeting.refresh_from_db()
    return meeting


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
    responsible delegates and the Secretariat are e-mailed once the transaction commits.
    """
    from django.db.models import F
    from django.utils import timezone

    from .concurrency import StaleEdit, update_if_current
    from .models import ProgressNote
    from .tasks import action_progress_notify

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
    transaction.on_commit(lambda: action_progress_notify.delay(progress_note_id=progress.pk))
    return progress


# The chair's summary PDF: one SummaryExport row per request, rendered by a Celery task.

SUMMARY_RUNNING = ("queued", "rendering")


@transaction.atomic
def summary_export_request(*, meeting: Meeting, user) -> "SummaryExport":
    """Ask for the chair's summary PDF of a meeting; returns the export row to follow.

    The content hash covers the rendered HTML, its stylesheet and the template version.
    If a finished export has the same hash, its file is reused at once (a new row with
    ``reused=True``, nothing rendered); if one with the same hash is queued or rendering,
    that row is returned instead of rendering twice; otherwise a queued row is created and
    the render task is queued when the transaction commits.
    """
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from .models import SummaryExport, SummaryExportStatus
    from .summary.render import summary_content_hash, summary_html

    # Lock the meeting row so two clicks at once cannot both queue a render.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    content_hash = summary_content_hash(summary_html(meeting.pk))
    is_draft = meeting.status != MeetingStatus.ADOPTED
    same = SummaryExport.objects.filter(meeting=meeting, content_hash=content_hash)
    for done in same.filter(status=SummaryExportStatus.DONE).exclude(file=""):
        if default_storage.exists(done.file.name):
            return SummaryExport.objects.create(
                meeting=meeting,
                requested_by=user,
                status=SummaryExportStatus.DONE,
                content_hash=content_hash,
                is_draft=is_draft,
                file=done.file.name,
                page_count=done.page_count,
                reused=True,
                finished=timezone.now(),
            )
    running = same.filter(status__in=SUMMARY_RUNNING).first()
    if running:
        return running
    export = SummaryExport.objects.create(
        meeting=meeting, requested_by=user, content_hash=content_hash, is_draft=is_draft
    )
    transaction.on_commit(lambda: _summary_export_queue(export.pk))
    return export


def _summary_export_queue(export_id: int) -> None:
    from .tasks import summary_export_render_task

    summary_export_render_task.delay(export_id=export_id)


def summary_export_render(*, export_id: int) -> "SummaryExport":
    """Render an export's PDF and store it; a finished export is returned untouched.

    Draws the meeting as it is now (its hash is recorded again, in case the record changed
    since the request), reuses a stored file of the same content if one exists, and stores
    the PDF under a name that carries the content hash and the template version.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from .models import SummaryExport, SummaryExportStatus
    from .summary.render import summary_content_hash, summary_file_name, summary_html, summary_pdf

    with transaction.atomic():
        export = SummaryExport.objects.select_for_update().select_related("meeting__forum").get(pk=export_id)
        if export.status == SummaryExportStatus.DONE:
            return export
        export.status = SummaryExportStatus.RENDERING
        export.error = ""
        export.save(update_fields=["status", "error"])

    meeting = export.meeting
    html = summary_html(meeting.pk)
    content_hash = summary_content_hash(html)
    name = "summaries/" + summary_file_name(meeting, content_hash)
    earlier = (
        SummaryExport.objects.filter(meeting=meeting, content_hash=content_hash, status=SummaryExportStatus.DONE)
        .exclude(file="")
        .first()
    )
    if earlier and default_storage.exists(earlier.file.name):
        name, pages, reused = earlier.file.name, earlier.page_count, True
    else:
        pdf, pages = summary_pdf(html)
        if default_storage.exists(name):  # left by a render whose row is gone: same content, replace it
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(pdf))
        reused = False
    with transaction.atomic():
        export = SummaryExport.objects.select_for_update().get(pk=export_id)
        if export.status == SummaryExportStatus.DONE:
            return export
        export.file.name = name
        export.content_hash = content_hash
        export.is_draft = meeting.status != MeetingStatus.ADOPTED
        export.page_count = pages
        export.reused = reused
        export.status = SummaryExportStatus.DONE
        export.finished = timezone.now()
        export.save()
    return export


def summary_export_fail(*, export_id: int, error: str) -> None:
    """Mark an export failed with a message the status page shows (never a traceback)."""
    from django.utils import timezone

    from .models import SummaryExport, SummaryExportStatus

    SummaryExport.objects.filter(pk=export_id).exclude(status=SummaryExportStatus.DONE).update(
        status=SummaryExportStatus.FAILED, error=error[:1000], finished=timezone.now()
    )


@transaction.atomic
def attendance_replace(*, meeting: Meeting, economies: dict, organisations: dict) -> None:
    """Make the meeting's attendance exactly ``economies`` and ``organisations`` ({obj: capacity}).

    Rows that stay are updated in place and rows that go are deleted one by one, so the
    history shows each economy or organisation added, removed or changed in capacity.
    """
    wanted = {("economy", obj.pk): capacity for obj, capacity in economies.items()}
    wanted |= {("organisation", obj.pk): capacity for obj, capacity in organisations.items()}
    for attendance in Attendance.objects.filter(meeting=meeting):
        key = ("economy", attendance.economy_id) if attendance.economy_id else ("organisation", attendance.organisation_id)
        capacity = wanted.pop(key, None)
        if capacity is None:
            attendance.delete()
        elif capacity != attendance.capacity:
            attendance.capacity = capacity
            attendance.save()
    for (kind, pk), capacity in wanted.items():
        Attendance.objects.create(meeting=meeting, capacity=capacity, **{f"{kind}_id": pk})


@transaction.atomic
def participants_import(*, meeting: Meeting, rows: list) -> list[Participant]:
    """Add the checked rows of a participant list (``participant_csv.ParticipantRow``) to a meeting."""
    return [
        Participant.objects.create(
            meeting=meeting, name=row.name, title=row.title, employer=row.employer, economy=row.economy,
            organisation=row.organisation, sex=row.sex, role=row.role, email=row.email,
        )
        for row in rows
    ]
