"""The numbers of a forum's record, one aggregate query (or two) per chart.

Every function takes the meetings the user may read (``meetings_visible_to``, narrowed by
forum and dates: see ``numbers_meetings``) and, for a delegate, their economy: a delegate
sees their own economy's part of each figure, staff and chair every economy's.
"""
import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from meetings.models import Action, ActionStatus, Attendance, Economy, Forum, Meeting, Participant, ProgressNote, Sex
from meetings.selectors import OPEN_STATUSES, meetings_visible_to


@dataclass
class NumbersScope:
    """What one numbers page counts: a forum's readable meetings in a date range, and
    (for a delegate) one economy."""

    forum: Forum
    meetings: QuerySet[Meeting]
    economy: Economy | None = None
    today: datetime.date = field(default_factory=datetime.date.today)

    @cached_property
    def meeting_list(self) -> list[Meeting]:
        """The meetings, fetched once for every chart of the page."""
        return list(self.meetings.select_related("forum"))


def numbers_meetings(*, user, forum: Forum, start: datetime.date | None = None,
                     end: datetime.date | None = None) -> QuerySet[Meeting]:
    """The forum's meetings ``user`` may read that start within [start, end], oldest first."""
    meetings = meetings_visible_to(user, Meeting.objects.filter(forum=forum))
    if start:
        meetings = meetings.filter(start_date__gte=start)
    if end:
        meetings = meetings.filter(start_date__lte=end)
    return meetings.order_by("start_date", "number")


def meeting_label(meeting) -> str:
    """A short name for a chart's axis: 'SMEWG 14 (2002)'."""
    return f"{meeting.forum.code} {meeting.number} ({meeting.start_date.year})"


def _actions(scope: NumbersScope) -> QuerySet[Action]:
    actions = Action.objects.filter(agenda_item__meeting__in=scope.meetings)
    if scope.economy is not None:
        actions = actions.filter(responsible_economies=scope.economy)
    return actions


def _per_meeting(scope: NumbersScope, rows: QuerySet, meeting_field: str, row_class, **counts) -> list:
    """``row_class(meeting, *counts)`` for every meeting in date order, the counts grouped by
    ``meeting_field`` in one aggregate query (0 for a meeting with no rows)."""
    by_meeting = {row[meeting_field]: row for row in rows.values(meeting_field).annotate(**counts).order_by()}
    return [
        row_class(meeting, *(by_meeting.get(meeting.pk, {}).get(name, 0) for name in counts))
        for meeting in scope.meeting_list
    ]


# Attendance: a heat-map of meetings × economies.


@dataclass
class AttendanceGrid:
    meetings: list[Meeting]
    economies: list[Economy]
    cells: dict[tuple[int, int], str]  # (meeting id, economy id) -> capacity
    present: dict[int, int]  # meeting id -> economies present
    attended: dict[int, int]  # economy id -> meetings attended

    @property
    def totals(self) -> list[int]:
        """Meetings attended, per economy in APEC order."""
        return [self.attended.get(economy.pk, 0) for economy in self.economies]

    def rows(self):
        """(meeting, [(economy, capacity or '')], economies present), in date order."""
        for meeting in self.meetings:
            yield meeting, [(e, self.cells.get((meeting.pk, e.pk), "")) for e in self.economies], \
                self.present.get(meeting.pk, 0)


def attendance_grid(scope: NumbersScope) -> AttendanceGrid:
    """Which economy attended which meeting, and in what capacity (two queries and the economies)."""
    meetings = scope.meeting_list
    economies = [scope.economy] if scope.economy else list(Economy.objects.order_by("position"))
    attendances = Attendance.objects.filter(meeting__in=scope.meetings, economy__isnull=False)
    if scope.economy is not None:
        attendances = attendances.filter(economy=scope.economy)
    cells = {(m, e): capacity for m, e, capacity in attendances.values_list("meeting_id", "economy_id", "capacity")}
    present: dict[int, int] = {}
    attended: dict[int, int] = {}
    for meeting_id, economy_id in cells:
        present[meeting_id] = present.get(meeting_id, 0) + 1
        attended[economy_id] = attended.get(economy_id, 0) + 1
    return AttendanceGrid(meetings, economies, cells, present, attended)


# Participants by sex, per meeting (in date order: the figure over time).


@dataclass
class SexRow:
    meeting: Meeting
    female: int
    male: int
    other: int

    @property
    def total(self) -> int:
        return self.female + self.male + self.other

    @property
    def female_share(self) -> int | None:
        """Women as a whole percentage of the participants, or None without participants."""
        return round(100 * self.female / self.total) if self.total else None


def participants_by_sex(scope: NumbersScope) -> list[SexRow]:
    """Participants of each meeting by sex (one aggregate query and the meetings)."""
    participants = Participant.objects.filter(meeting__in=scope.meetings)
    if scope.economy is not None:
        participants = participants.filter(economy=scope.economy)
    return _per_meeting(
        scope, participants, "meeting_id", SexRow,
        female=Count("pk", filter=Q(sex=Sex.FEMALE)),
        male=Count("pk", filter=Q(sex=Sex.MALE)),
        other=Count("pk", filter=Q(sex=Sex.OTHER)),
    )


# Actions agreed and completed, per meeting.


@dataclass
class ActionsRow:
    meeting: Meeting
    agreed: int
    done: int
    unfinished: int


def actions_per_meeting(scope: NumbersScope) -> list[ActionsRow]:
    """Actions each meeting agreed, how many are done and how many unfinished (one aggregate query)."""
    return _per_meeting(
        scope, _actions(scope), "agenda_item__meeting_id", ActionsRow,
        agreed=Count("pk"),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        unfinished=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
    )


# Actions open and overdue, per economy.


@dataclass
class EconomyActionsRow:
    economy: Economy
    unfinished: int
    overdue: int


def _meetings_past_their_next(scope: NumbersScope) -> list[int]:
    """Ids of the forum's meetings whose next meeting has started before ``today``: their
    actions due "by the next meeting" are overdue. The due-day rule of ``actions_with_progress``, worked out
    once for the forum's hundred-odd meetings instead of once for every action."""
    dates = list(Meeting.objects.filter(forum=scope.forum).order_by("start_date").values_list("pk", "start_date"))
    past = []
    for pk, start in dates:
        later = next((other for _pk, other in dates if other > start), None)
        if later is not None and later < scope.today:
            past.append(pk)
    return past


def actions_open_per_economy(scope: NumbersScope) -> list[EconomyActionsRow]:
    """Unfinished actions of each responsible economy and how many are overdue on ``today``
    (one aggregate query over the action-economy pairs, and the forum's meeting dates);
    economies with none are left out."""
    past_next = _meetings_past_their_next(scope)
    overdue = Q(action__due_date__lt=scope.today) | Q(
        action__due_next_meeting=True, action__agenda_item__meeting_id__in=past_next
    )
    pairs = Action.responsible_economies.through.objects.filter(
        action__status__in=OPEN_STATUSES, action__agenda_item__meeting__in=scope.meetings
    )
    if scope.economy is not None:
        pairs = pairs.filter(economy=scope.economy)
    counts = (
        pairs.values("economy_id").annotate(unfinished=Count("pk"), overdue=Count("pk", filter=overdue)).order_by()
    )
    by_id = {row["economy_id"]: row for row in counts}
    return [
        EconomyActionsRow(economy, by_id[economy.pk]["unfinished"], by_id[economy.pk]["overdue"])
        for economy in Economy.objects.filter(pk__in=by_id).order_by("position")
    ]


# Time from agreement (the meeting's last day) to completion.

COMPLETION_BUCKETS = [  # (label, days taken below which an action falls in it)
    ("Within 3 months", 91),
    ("3 to 6 months", 183),
    ("6 to 12 months", 366),
    ("1 to 2 years", 731),
    ("Over 2 years", None),
]


@dataclass
class CompletionTimes:
    buckets: list[tuple[str, int]]
    done: int


def completion_times(scope: NumbersScope) -> CompletionTimes:
    """Done actions by how long they took, from the meeting's last day to the day they were
    reported done (the last progress note that set "done"; the action's last change
    otherwise). One aggregate query; the grouping by action keeps PostgreSQL from working
    out each action's completion day once per bucket."""
    done = (
        _actions(scope).filter(status=ActionStatus.DONE)
        .annotate(last_done=Max("progress_notes__created", filter=Q(progress_notes__status_after=ActionStatus.DONE)))
        .annotate(done_on=Coalesce(TruncDate("last_done"), TruncDate("modified")),
                  agreed_on=F("agenda_item__meeting__end_date"))
    )
    aggregates = {"done": Count("pk")}
    for index, (_label, high) in enumerate(COMPLETION_BUCKETS):
        condition = Q()
        if index:  # each bucket starts where the one before ends; the first takes "done early" too
            condition &= Q(done_on__gte=F("agreed_on") + datetime.timedelta(days=COMPLETION_BUCKETS[index - 1][1]))
        if high is not None:
            condition &= Q(done_on__lt=F("agreed_on") + datetime.timedelta(days=high))
        aggregates[f"bucket{index}"] = Count("pk", filter=condition)
    result = done.aggregate(**aggregates)
    return CompletionTimes(
        [(label, result[f"bucket{index}"]) for index, (label, _high) in enumerate(COMPLETION_BUCKETS)], result["done"]
    )
