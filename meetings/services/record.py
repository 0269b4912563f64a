"""Saving a whole meeting record from its export dict (the demo, an imported summary)."""
import datetime
from dataclasses import dataclass, field

from django.db import transaction

from projects.models import Project, ProjectReport, ProjectStatus, ReportKind
from projects.services import project_get_or_create

from ..models import (
    BLOCK_PLACE_FIELDS,
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
from ..names import NameIndex, UnknownName
from ..record import DUE_NEXT_MEETING, RECORD_BLOCK_NAMES, usual_block_order
from .review import REFRESHABLE, review_list_from_agenda, review_list_refresh


class RecordError(ValueError):
    """A record that cannot be saved; ``problems`` lists every reason, one sentence each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


class MeetingExists(RecordError):
    """The forum already has a meeting with this number and replacing was not asked for."""


@dataclass
class _Resolved:
    """Names and dates of one record, resolved once each, with every problem kept."""

    problems: list[str] = field(default_factory=list)
    names: NameIndex = field(default_factory=NameIndex)

    def economy(self, name, where: str) -> Economy | None:
        if not name:
            return None
        try:
            return self.names.economy(name)
        except UnknownName:
            self.problems.append(f"{where}: unknown economy “{name}”.")
            return None

    def date(self, value, where: str) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.problems.append(f"{where}: “{value}” is not a date (YYYY-MM-DD).")
            return None


def _responsible(names: list[str], index: NameIndex) -> tuple[list[Economy], list[Organisation], str]:
    economies, organisations, others = [], [], []
    for name in names:
        try:
            economy, organisation = index.party(name)
        except UnknownName:
            others.append(name.strip())
            continue
        if economy:
            economies.append(economy)
        else:
            organisations.append(organisation)
    return economies, organisations, "; ".join(others)


def _fits(value, model, field_name: str, where: str, problems: list[str]) -> bool:
    """Whether a text fits its field; if not, the problem says by how much (nothing is cut)."""
    field = model._meta.get_field(field_name)
    if value and field.max_length and len(value) > field.max_length:
        problems.append(
            f"{where}: “{field.verbose_name}” is {len(value):,} characters long; the limit is {field.max_length:,}."
        )
        return False
    return True


def _all_fit(data: dict, model, fields: dict[str, str], where: str, problems: list[str]) -> bool:
    """``_fits`` for several texts of a record dict (record key -> model field); all are checked."""
    return all([_fits(data.get(key) or "", model, name, where, problems) for key, name in fields.items()])


def _choice(value, choices, default, where: str, problems: list[str]):
    if value in (None, ""):
        return default
    if value not in choices.values:
        problems.append(f"{where}: “{value}” is not one of {', '.join(choices.values)}.")
        return default
    return value


@transaction.atomic
def meeting_save_record(
    *, record: dict, replace: bool = False, status: str | None = None, add_guests: bool = False
) -> Meeting:
    """Create a meeting from a record dict (the format of ``record.record_from_meeting``).

    With ``add_guests``, an other participant that is no known economy or organisation (a
    guest economy, an acronym the reference list lacks) is added as a guest organisation
    under the name as printed; without it, it is a problem.

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
    _fits((record.get("city") or "").strip(), Meeting, "city", "City", problems)
    _all_fit(chair, Meeting, {"name": "chair_name", "title": "chair_title"}, "Chair", problems)
    host = resolved.economy(record.get("host_economy"), "Host economy")
    chair_economy = resolved.economy(chair.get("economy"), "Chair's economy")
    members = [resolved.economy(name, "Member economies") for name in record.get("member_economies", [])]
    others = []
    for name in record.get("other_participants", []):
        try:
            others.append(resolved.names.organisation(name))
        except UnknownName:
            try:
                others.append(resolved.names.economy(name))
            except UnknownName:
                if add_guests and (name or "").strip():
                    others.append(_guest_organisation(name.strip()))
                else:
                    problems.append(f"Other participants: unknown economy or organisation “{name}”.")
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
                meeting=meeting, organisation=other, defaults={"capacity": AttendanceCapacity.for_organisation(other)}
            )
    _save_participants(meeting, record.get("participants", []), resolved)
    items = _save_agenda(meeting, record.get("agenda_items", []), resolved)
    _save_projects(meeting, forum, items, record.get("projects", []), problems)
    _save_documents(meeting, items, record.get("documents", []), resolved)
    if problems:
        transaction.set_rollback(True)
        raise RecordError(problems)
    if meeting.status in REFRESHABLE:
        review_list_refresh(meeting=meeting)
        review_list_from_agenda(meeting=meeting)  # an imported summary's "status of actions", if any
    return meeting


def _guest_organisation(name: str) -> Organisation:
    short = name if len(name) <= Organisation._meta.get_field("short_name").max_length and " " not in name else ""
    organisation, _created = Organisation.objects.get_or_create(
        name=name[: Organisation._meta.get_field("name").max_length],
        defaults={"short_name": short, "kind": OrganisationKind.GUEST},
    )
    return organisation


def _save_participants(meeting: Meeting, participants: list[dict], resolved: _Resolved) -> None:
    problems = resolved.problems
    for index, data in enumerate(participants, start=1):
        where = f"Participant {index}"
        if not _all_fit(data, Participant, {"name": "name", "title": "title", "organisation": "employer"}, where, problems):
            continue
        economy = organisation = None
        if data.get("represents"):
            try:
                economy, organisation = resolved.names.party(data["represents"])
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


def _save_agenda(meeting: Meeting, agenda_items: list[dict], resolved: _Resolved) -> dict[int, AgendaItem]:
    problems = resolved.problems
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
        texts = [
            _all_fit({**data, "title": data["title"].strip()}, AgendaItem, {"title": "title", "text": "text"}, where, problems),
            *(_fits(d.get("text") or "", Decision, "text", f"{where}, decision {n}", problems)
              for n, d in enumerate(data.get("decisions", []), start=1)),
            *(_fits(a.get("text") or "", Action, "text", f"{where}, action {n}", problems)
              for n, a in enumerate(data.get("actions", []), start=1)),
        ]
        if not all(texts):
            continue
        places = _block_places(data, where, problems)
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=number,
            title=data["title"].strip(),
            text=data.get("text") or "",
            **{BLOCK_PLACE_FIELDS[kind]: places[name] for kind, name in RECORD_BLOCK_NAMES.items()},
        )
        items[number] = item
        decisions = {}
        for position, decision in enumerate(data.get("decisions", []), start=1):
            decisions[position] = Decision.objects.create(
                agenda_item=item,
                position=places[f"decision {position}"],
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
            decision_number = action_data.get("decision")
            if decision_number is not None and decision_number not in decisions:
                problems.append(
                    f"{where}, action {position}: there is no decision {decision_number} under this item."
                )
            economies, organisations, other = _responsible(action_data.get("responsible", []), resolved.names)
            if not _fits(other, Action, "responsible_other", f"{where}, action {position}", problems):
                continue
            action = Action.objects.create(
                agenda_item=item,
                position=position,
                decision=decisions.get(decision_number),
                text=action_data.get("text") or "",
                responsible_other=other,
                due_date=due_date,
                due_next_meeting=due == DUE_NEXT_MEETING,
                status=_choice(action_data.get("status"), ActionStatus, ActionStatus.OPEN, where, problems),
            )
            action.responsible_economies.set(economies)
            action.responsible_organisations.set(organisations)
    return items


def _block_places(data: dict, where: str, problems: list[str]) -> dict[str, int]:
    """Each block's place (1, 2, ...) from the item's ``order``; blocks it leaves out follow
    in the usual order."""
    usual = usual_block_order(len(data.get("decisions", [])))
    order = data.get("order") or []
    if not isinstance(order, list) or not all(isinstance(name, str) for name in order):
        problems.append(f"{where}: the order must be a list of blocks such as “text” and “decision 1”.")
        order = []
    for name in dict.fromkeys(order):
        if name not in usual:
            problems.append(f"{where}: the order names “{name}”, which is not one of {', '.join(usual)}.")
        elif order.count(name) > 1:
            problems.append(f"{where}: the order names “{name}” twice.")
    decisions = [name for name in order if name.startswith("decision ")]
    if decisions != sorted(decisions, key=lambda name: int(name.split()[1]) if name.split()[1].isdigit() else 0):
        problems.append(f"{where}: the order must keep the decisions in their own order (decision 1 first).")
    known = list(dict.fromkeys(name for name in order if name in usual))
    final = known + [name for name in usual if name not in known]
    return {name: place for place, name in enumerate(final, start=1)}


def _save_projects(meeting, forum, items: dict[int, AgendaItem], projects: list[dict], problems: list[str]) -> None:
    positions: dict[str, int] = {}
    for index, data in enumerate(projects, start=1):
        where = f"Project {index}"
        title = (data.get("title") or "").strip()
        if not title:
            problems.append(f"{where}: the title is missing.")
            continue
        if not _fits(title, Project, "title", where, problems):
            continue
        kind = _choice(data.get("reported_as"), ReportKind, ReportKind.REPORTED, where, problems)
        status = _choice(data.get("status"), ProjectStatus, ProjectStatus.ONGOING, where, problems)
        project = project_get_or_create(forum=forum, title=title, status=status)
        positions[kind] = positions.get(kind, 0) + 1
        ProjectReport.objects.get_or_create(
            project=project,
            meeting=meeting,
            kind=kind,
            defaults={"agenda_item": items.get(data.get("agenda_item")), "position": positions[kind]},
        )


def _save_documents(meeting, items: dict[int, AgendaItem], documents: list[dict], resolved: _Resolved) -> None:
    problems = resolved.problems
    for index, data in enumerate(documents, start=1):
        where = f"Document {index}"
        symbol = (data.get("symbol") or "").strip()
        if not symbol:
            problems.append(f"{where}: the symbol is missing.")
            continue
        if not _all_fit({**data, "symbol": symbol}, Document, {"symbol": "symbol", "title": "title"}, where, problems):
            continue
        if Document.objects.filter(symbol=symbol).exclude(meeting=meeting).exists():
            problems.append(f"{where}: symbol {symbol} is already registered at another meeting.")
            continue
        submitted_economy = submitted_organisation = None
        if data.get("submitted_by"):
            try:
                submitted_economy, submitted_organisation = resolved.names.party(data["submitted_by"])
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
