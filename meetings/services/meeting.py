"""The meeting's lifecycle and its attendance and participants."""
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from accounts.roles import is_chair, is_secretariat

from ..models import (
    Attendance,
    Meeting,
    MeetingStatus,
    Participant,
)
from .adoption import summary_adopt_record

# The record's lifecycle: planned -> held -> summary drafted -> circulated -> adopted.

MEETING_STATUS_ORDER = [
    MeetingStatus.PLANNED,
    MeetingStatus.HELD,
    MeetingStatus.DRAFTED,
    MeetingStatus.CIRCULATED,
    MeetingStatus.ADOPTED,
]


class MeetingStatusRefused(ValueError):
    """A status change the user may not make, or that needs a reason; the message says why.

    ``field`` names the form field the message belongs beside: "status" or "reason".
    """

    def __init__(self, message: str, *, field: str = "status"):
        self.field = field
        super().__init__(message)


def meeting_status_choices_for(*, meeting: Meeting, user) -> list[tuple[str, str]]:
    """The statuses ``user`` may move ``meeting`` to (forward one step, or back for the Secretariat)."""

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
    unlocks it for edits. Adopting stores the summary as adopted (``summary_adopt_record``),
    each time anew. The Chair may only mark a circulated summary adopted. Raises
    ``MeetingStatusRefused`` with a sentence for the user otherwise.
    """

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
        raise MeetingStatusRefused(f"Give a reason to {what}; the history keeps it.", field="reason")
    meeting.status = status
    meeting.version = F("version") + 1
    meeting._history_user = user
    meeting._change_reason = reason or f"Status changed to “{MeetingStatus(status).label}”."
    meeting.save()
    meeting.refresh_from_db()
    if status == MeetingStatus.ADOPTED:
        summary_adopt_record(meeting=meeting, user=user)
    return meeting


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


@dataclass
class AttendanceCopy:
    """What copying from an earlier meeting adds, and what it finds already recorded and keeps."""

    source: Meeting
    attendances: list[Attendance] = field(default_factory=list)  # unsaved rows for this meeting
    attendances_kept: list[str] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)  # unsaved rows for this meeting
    participants_kept: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.attendances or self.participants)


def _attendance_key(row) -> tuple:
    return (row.economy_id, row.organisation_id)


def _participant_key(row) -> tuple:
    return (row.name.strip().casefold(), row.economy_id, row.organisation_id)


def attendance_copy_plan(*, meeting: Meeting, source: Meeting) -> AttendanceCopy:
    """What ``attendance_copy`` would add to ``meeting`` from ``source``; writes nothing.

    Economies, organisations and participants already recorded at ``meeting`` are kept as
    they are (capacity, title, e-mail ...): copying only adds what is missing.
    """
    plan = AttendanceCopy(source=source)
    here = {_attendance_key(a) for a in meeting.attendances.all()}
    # Economies first, then organisations, on every database (SQLite puts NULLs first).
    for attendance in source.attendances.select_related("economy", "organisation").order_by(
        F("economy__position").asc(nulls_last=True), "organisation__name"
    ):
        name = (attendance.economy or attendance.organisation).name
        if _attendance_key(attendance) in here:
            plan.attendances_kept.append(name)
            continue
        plan.attendances.append(Attendance(
            meeting=meeting, economy=attendance.economy, organisation=attendance.organisation,
            capacity=attendance.capacity,
        ))
    people_here = {_participant_key(p) for p in meeting.participants.all()}
    for person in source.participants.select_related("economy", "organisation"):
        if _participant_key(person) in people_here:
            plan.participants_kept.append(person.name)
            continue
        plan.participants.append(Participant(
            meeting=meeting, name=person.name, title=person.title, employer=person.employer,
            economy=person.economy, organisation=person.organisation, sex=person.sex, role=person.role,
            email=person.email,
        ))
    return plan


@transaction.atomic
def attendance_copy(*, meeting: Meeting, source: Meeting, attendance: bool, participants: bool) -> AttendanceCopy:
    """Add to ``meeting`` the attendance and/or participants of ``source`` that it lacks.

    Rows are saved one by one so that the history shows each addition; nothing already
    recorded at ``meeting`` is changed or removed. Returns what was added.
    """
    plan = attendance_copy_plan(meeting=Meeting.objects.select_for_update().get(pk=meeting.pk), source=source)
    if not attendance:
        plan.attendances, plan.attendances_kept = [], []
    if not participants:
        plan.participants, plan.participants_kept = [], []
    for row in plan.attendances + plan.participants:
        row.save()
    return plan


class SummaryPublicationRefused(ValueError):
    """Only an adopted summary may be published; the message says so."""


@transaction.atomic
def meeting_publish_summary(*, meeting: Meeting, user, public: bool) -> Meeting:
    """Open (or close) the adopted chair's summary to anyone with the link; kept in the history."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if public and meeting.status != MeetingStatus.ADOPTED:
        raise SummaryPublicationRefused("Only an adopted summary can be published.")
    if meeting.summary_is_public == public:
        return meeting
    meeting.summary_is_public = public
    # A new secret for each publication: a link of an earlier one stays dead (publication.py).
    meeting.summary_public_nonce = secrets.token_urlsafe(16) if public else ""
    meeting.version = F("version") + 1
    meeting._history_user = user
    meeting._change_reason = "Summary published to anyone with the link." if public else "Summary unpublished."
    meeting.save()
    meeting.refresh_from_db()
    return meeting
