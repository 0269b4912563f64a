"""Reused queries of the meeting record, each with its joins in one place.

The read rule (issue 11) lives here and nowhere else: every page, htmx part, export, feed,
search and e-mail that lists or shows meetings, actions, progress notes, documents or projects
asks these selectors, so a new page cannot forget it.

- The Secretariat and the Chair read everything, drafts included.
- A delegate reads the record of an adopted meeting (its agenda, decisions, actions,
  documents, participants, chair's summary), as published. Of agreed actions as live objects
  (the tracker and its CSV, the calendar feed, the dashboard, the action page, progress notes
  and the e-mails about them) a delegate sees only their own economy's actions of adopted
  meetings: before adoption an action is still a draft and the delegate sees nothing of it,
  not even read-only; after, other economies' progress is theirs to tell.
- A signed-in user with no role reads nothing; anonymous users are sent to sign in.
- Something a user may not see answers 404, as if it did not exist (``meeting_or_404``,
  ``action_or_404``); 403 is for what a user may see but not do.
"""
import datetime
import heapq
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.roles import can_read_drafts, is_delegate, user_economy
from projects.models import ProjectReport

from .history import object_history, person_name
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Document,
    Economy,
    Forum,
    ImportDraft,
    ImportDraftStatus,
    Meeting,
    MeetingStatus,
    Organisation,
    ProgressNote,
    ReviewEntry,
)
from .paging import late_rows

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def actions_with_context() -> QuerySet[Action]:
    """Actions with their meeting, agenda item and responsible bodies, ready to list."""
    return Action.objects.select_related("agenda_item__meeting__forum", "decision").prefetch_related(
        "responsible_economies", "responsible_organisations"
    )


# The review list: which earlier actions a meeting reviews (issue 17).


def earlier_than(meeting: Meeting, prefix: str = "") -> Q:
    """Meetings of the same forum held before ``meeting`` (same day: lower number first)."""
    return Q(**{f"{prefix}forum_id": meeting.forum_id}) & (
        Q(**{f"{prefix}start_date__lt": meeting.start_date})
        | Q(**{f"{prefix}start_date": meeting.start_date, f"{prefix}number__lt": meeting.number})
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The forum's meeting just before ``meeting``."""
    return Meeting.objects.filter(earlier_than(meeting)).order_by("-start_date", "-number").first()


def review_default_actions(meeting: Meeting) -> QuerySet[Action]:
    """The actions the default rule puts on a meeting's review list.

    The previous meeting's unfinished actions and those it asked "by the next meeting"
    (whatever their status, so the meeting can record them done), and unfinished actions of
    any earlier meeting that fell due since the previous meeting ended, up to this meeting's
    end. An action that fell due before that was on the previous meeting's list already
    (by the same rule), so the list never grows into the archive.
    """
    previous = previous_meeting(meeting)
    if previous is None:
        return Action.objects.none()
    of_previous = Q(agenda_item__meeting=previous) & (Q(status__in=OPEN_STATUSES) | Q(due_next_meeting=True))
    fell_due = (
        earlier_than(meeting, "agenda_item__meeting__")
        & Q(status__in=OPEN_STATUSES, due_date__gt=previous.end_date, due_date__lte=meeting.end_date)
    )
    return Action.objects.filter(of_previous | fell_due)


def review_list(meeting: Meeting) -> QuerySet[ReviewEntry]:
    """The meeting's review list, in the order of the earlier meetings, items and actions."""
    return (
        ReviewEntry.objects.filter(meeting=meeting)
        .select_related("action__agenda_item__meeting__forum", "action__decision")
        .prefetch_related("action__responsible_economies", "action__responsible_organisations")
        .order_by(
            "action__agenda_item__meeting__start_date",
            "action__agenda_item__meeting__number",
            "action__agenda_item__position",
            "action__position",
            "action__pk",
        )
    )


def actions_open_not_reviewed(meeting: Meeting) -> QuerySet[Action]:
    """Unfinished actions of the forum's earlier meetings that are not on ``meeting``'s review list."""
    return Action.objects.filter(
        earlier_than(meeting, "agenda_item__meeting__"), status__in=OPEN_STATUSES
    ).exclude(review_entries__meeting=meeting)


def review_candidates(
    meeting: Meeting, *, search: str = "", from_meeting: Meeting | None = None, economy: Economy | None = None,
    limit: int | None = None,
) -> QuerySet[Action]:
    """Open actions of earlier meetings the secretariat may add to ``meeting``'s list, newest
    meeting first; the first ``limit`` of them when given.

    With a limit, the actions are found with the filters and sort keys alone and only those
    read whole (``late_rows``): after 100 meetings some 10,000 are open, and sorting them
    joined to their item, meeting and decision took twice as long."""
    actions = actions_open_not_reviewed(meeting)
    if from_meeting is not None:
        actions = actions.filter(agenda_item__meeting=from_meeting)
    if economy is not None:
        actions = actions.filter(responsible_economies=economy)
    if search:
        actions = actions.filter(
            Q(text__icontains=search)
            | Q(responsible_other__icontains=search)
            | Q(agenda_item__title__icontains=search)
        )
    ordered = actions.order_by("-agenda_item__meeting__start_date", "agenda_item__position", "position", "pk")
    if limit is None:
        return actions_with_context().filter(pk__in=ordered.values("pk")).order_by(*ordered.query.order_by)
    return late_rows(ordered, 0, limit, rows=lambda ids: actions_with_context().filter(pk__in=ids))


def review_meetings_for(action: Action) -> QuerySet[Meeting]:
    """Meetings whose review list may take ``action``: later meetings of its forum, not adopted."""
    own = action.agenda_item.meeting
    later = Q(start_date__gt=own.start_date) | Q(start_date=own.start_date, number__gt=own.number)
    return (
        Meeting.objects.select_related("forum")
        .filter(later, forum_id=own.forum_id)
        .exclude(status=MeetingStatus.ADOPTED)
        .order_by("start_date", "number")
    )


def review_next_meeting(meetings, *, today: datetime.date) -> Meeting | None:
    """"The next meeting" among not-adopted ``meetings`` (ordered by start): the first one not
    yet started, else the most recent one (a meeting just held, its summary being drafted)."""
    meetings = list(meetings)
    upcoming = [meeting for meeting in meetings if meeting.start_date >= today]
    if upcoming:
        return upcoming[0]
    return meetings[-1] if meetings else None


# The action tracker, the action page and a delegate's dashboard (issue 5).


def actions_with_progress() -> QuerySet[Action]:
    """Actions with context, annotated for listing.

    ``due_on``: the due date, or for "by the next meeting" the start of the forum's next
    meeting once it is recorded; ``last_note_at``, ``last_note_text`` and
    ``last_note_status``: the latest progress note (``None`` when there is none). Both come
    from data kept next to the record (``meetings.derived``), so they cost a join, not a
    subquery an action.
    """
    return actions_with_context().annotate(
        due_on=Case(
            When(due_date__isnull=False, then=F("due_date")),
            When(due_next_meeting=True, then=F("agenda_item__meeting__next_meeting_start")),
            default=Value(None),
            output_field=DateField(),
        ),
        last_note_at=F("latest_note__created"),
        last_note_text=F("latest_note__text"),
        last_note_status=F("latest_note__status_after"),
    )


def _overdue(today: datetime.date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


def action_is_overdue(action: Action, *, today: datetime.date) -> bool:
    """``_overdue`` for one action of ``actions_with_progress`` (it reads ``due_on``)."""
    return action.status in OPEN_STATUSES and action.due_on is not None and action.due_on < today


UNFINISHED = "unfinished"


def actions_for_tracker(
    *,
    user,
    forum: Forum,
    today: datetime.date,
    economy: Economy | None = None,
    meeting: Meeting | None = None,
    status: str = "",
    overdue: bool = False,
    search: str = "",
    latest_first: bool = False,
    outside_review: Meeting | None = None,
) -> QuerySet[Action]:
    """The agreed actions of a forum's meetings, filtered, sorted by due date (undated last).

    ``status`` is an ``ActionStatus`` value, ``UNFINISHED`` (open or in progress) or "" (any).
    ``outside_review``: only the unfinished actions of meetings before that one which its
    review list leaves out (the meeting page's "other open actions" link). Only what ``user``
    may open (``actions_visible_to``).
    """
    actions = actions_visible_to(user, actions_with_progress().filter(agenda_item__meeting__forum=forum))
    if economy is not None:
        actions = actions.filter(responsible_economies=economy)
    if meeting is not None:
        actions = actions.filter(agenda_item__meeting=meeting)
    if status == UNFINISHED:
        actions = actions.filter(status__in=OPEN_STATUSES)
    elif status:
        actions = actions.filter(status=status)
    if overdue:
        actions = actions.filter(_overdue(today))
    if outside_review is not None:
        actions = actions.filter(pk__in=actions_open_not_reviewed(outside_review).values("pk"))
    if search:
        actions = actions.filter(
            Q(text__icontains=search)
            | Q(responsible_other__icontains=search)
            | Q(agenda_item__title__icontains=search)
            | Q(decision__text__icontains=search)
        )
    due = F("due_on").desc(nulls_last=True) if latest_first else F("due_on").asc(nulls_last=True)
    return actions.order_by(
        due, "agenda_item__meeting__start_date", "agenda_item__position", "position", "pk"
    )


def actions_for_calendar(*, user, economy: Economy | None) -> QuerySet[Action]:
    """Unfinished actions with a known due day that ``user`` may open, of one economy or (None)
    of every forum."""
    actions = actions_visible_to(user, actions_with_progress().filter(status__in=OPEN_STATUSES, due_on__isnull=False))
    if economy is not None:
        actions = actions.filter(responsible_economies=economy)
    return actions.order_by("due_on", "pk")


def actions_streamed(actions: QuerySet[Action], *, chunk_size: int = 2000) -> Iterator[tuple[Action, str]]:
    """``(action, responsible text)`` for each action of ``actions`` (one of the selectors
    above), read ``chunk_size`` at a time: the exports of every action (CSV, calendar feed).

    Each action's agenda item and meeting come from a cache (a few thousand items, a hundred
    meetings), and its responsible bodies from two queries a chunk, rather than model
    instances and related managers for every row, so 40,000 actions take seconds and the
    memory of one chunk.
    """
    economies = {economy.pk: economy.name for economy in Economy.objects.all()}
    economy_rank = {pk: rank for rank, pk in enumerate(economies)}
    organisations = {organisation.pk: organisation.name for organisation in Organisation.objects.all()}
    organisation_rank = {pk: rank for rank, pk in enumerate(organisations)}
    items: dict[int, AgendaItem] = {}
    rows = actions.select_related(None).prefetch_related(None).iterator(chunk_size=chunk_size)
    while chunk := list(itertools.islice(rows, chunk_size)):
        missing = {action.agenda_item_id for action in chunk} - items.keys()
        items.update(AgendaItem.objects.select_related("meeting__forum").in_bulk(missing))
        ids = [action.pk for action in chunk]
        by_economy: dict[int, list[tuple[int, str]]] = {pk: [] for pk in ids}
        through = Action.responsible_economies.through.objects.filter(action_id__in=ids)
        for action_id, economy_id in through.values_list("action_id", "economy_id"):
            by_economy[action_id].append((economy_rank[economy_id], economies[economy_id]))
        by_organisation: dict[int, list[tuple[int, str]]] = {pk: [] for pk in ids}
        through = Action.responsible_organisations.through.objects.filter(action_id__in=ids)
        for action_id, organisation_id in through.values_list("action_id", "organisation_id"):
            by_organisation[action_id].append((organisation_rank[organisation_id], organisations[organisation_id]))
        for action in chunk:
            action.agenda_item = items[action.agenda_item_id]
            names = action.responsible_names(
                economies=[name for _, name in sorted(by_economy[action.pk])],
                organisations=[name for _, name in sorted(by_organisation[action.pk])],
            )
            yield action, "; ".join(names)


def actions_overdue(*, today: datetime.date) -> QuerySet[Action]:
    """Every unfinished action whose due day has passed, oldest due first."""
    return actions_with_progress().filter(_overdue(today)).order_by("due_on", "pk")


@dataclass
class EconomyActions:
    """An economy's actions in a forum, as its dashboard shows them: how many of each kind,
    and the most urgent few of each (the tracker lists the rest)."""

    overdue: list[Action]
    open: list[Action]
    recently_done: list[Action]
    overdue_count: int = 0
    open_count: int = 0
    done_count: int = 0


def actions_of_economy(
    *, user, economy: Economy, forum: Forum, today: datetime.date, shown: int = 10
) -> EconomyActions:
    """The economy's actions that ``user`` may open: how many are overdue, otherwise
    unfinished and done, with the ``shown`` most overdue, the ``shown`` next due and the
    ``shown`` last done.

    One query reads the sort keys of all the economy's actions (a few small columns each;
    the counts need every row anyway), the lists are picked from them here, and one query
    reads the picked actions whole (and two their responsible bodies), rather than a count
    and three sorted lists that each join the economy's actions again.
    """
    actions = actions_visible_to(user, actions_with_progress()).filter(
        agenda_item__meeting__forum=forum, responsible_economies=economy
    )
    overdue, pending, done = [], [], []
    for pk, status, due_on, modified in actions.order_by().values_list("pk", "status", "due_on", "modified"):
        if status in OPEN_STATUSES:
            (overdue if due_on is not None and due_on < today else pending).append((pk, due_on, modified))
        elif status == ActionStatus.DONE:
            done.append((pk, due_on, modified))
    picked = {
        "overdue": [pk for pk, *_ in heapq.nsmallest(shown, overdue, key=lambda row: (row[1], row[0]))],
        "open": [pk for pk, *_ in heapq.nsmallest(
            shown, pending, key=lambda row: (row[1] is None, row[1] or datetime.date.min, row[0]))],
        "done": [pk for pk, *_ in heapq.nsmallest(shown, done, key=lambda row: (-row[2].timestamp(), -row[0]))],
    }
    ids = [pk for listed in picked.values() for pk in listed]
    rows = {action.pk: action for action in actions_with_progress().filter(pk__in=ids)} if ids else {}
    return EconomyActions(
        overdue=[rows[pk] for pk in picked["overdue"]],
        open=[rows[pk] for pk in picked["open"]],
        recently_done=[rows[pk] for pk in picked["done"]],
        overdue_count=len(overdue), open_count=len(pending), done_count=len(done),
    )


def next_meeting(*, forum: Forum, today: datetime.date) -> Meeting | None:
    """The forum's next planned meeting, by start date."""
    return (
        Meeting.objects.select_related("forum", "host_economy")
        .filter(forum=forum, status=MeetingStatus.PLANNED, start_date__gte=today)
        .order_by("start_date", "number")
        .first()
    )


@dataclass
class TimelineEntry:
    """One line of an action's history: a progress note or a change to the record."""

    when: datetime.datetime
    who: str
    kind: str  # "note" or "change"
    text: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (label, before, after)


def action_timeline(action: Action) -> list[TimelineEntry]:
    """Progress notes and changes to the action's record (its history), newest first.

    A status change made together with a progress note shows once, on the note.
    """
    notes = list(action.progress_notes.select_related("author").order_by("created", "pk"))
    entries = []
    noted = set()
    for note in notes:
        changes = []
        if note.status_after and note.status_after != note.status_before:
            change = ("Status", note.get_status_before_display(), note.get_status_after_display())
            changes.append(change)
            noted.add((person_name(note.author), *change))
        entries.append(TimelineEntry(note.created, person_name(note.author), "note", note.text, changes))
    records = list(action.history.select_related("history_user").order_by("history_date", "history_id"))
    for entry in object_history(Action, records):
        if entry.kind == "+":
            entries.append(TimelineEntry(entry.when, entry.who, "change", "Recorded"))
            continue
        changes = [(c.label.capitalize(), c.old, c.new) for c in entry.changes]
        if len(changes) == 1 and (entry.who, *changes[0]) in noted:
            continue
        if changes or entry.reason:
            entries.append(TimelineEntry(entry.when, entry.who, "change", entry.reason, changes))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def meeting_open_to_delegates(meeting: Meeting) -> bool:
    """Whether delegates may read the meeting's record (and see its actions): once adopted."""
    return meeting.status == MeetingStatus.ADOPTED


def meeting_readable_by(user, meeting: Meeting) -> bool:
    """Whether ``user`` may read the meeting's record (the rule of ``meetings_visible_to``)."""
    return can_read_drafts(user) or (is_delegate(user) and meeting_open_to_delegates(meeting))


def meeting_or_404(user, meeting: Meeting) -> Meeting:
    """``meeting`` when ``user`` may read its record; else 404, as for a meeting that does not exist."""
    if not meeting_readable_by(user, meeting):
        raise Http404("No such meeting.")
    return meeting


def meeting_record_prefetch(meeting: Meeting) -> Meeting:
    """``meeting`` with what its page shows of the record attached, in a fixed number of queries.

    The record's text, decisions and actions in full (actions without the columns the page
    does not print); attendance, documents and project reports with the names they show,
    each in one joined query. Participants are not loaded: the page counts them
    (``participant_counts``).
    """
    actions = Action.objects.only(
        "agenda_item_id", "decision_id", "position", "text", "responsible_other", "due_date", "due_next_meeting",
        "status",
    ).prefetch_related("responsible_economies", "responsible_organisations")
    items = AgendaItem.objects.prefetch_related("decisions", Prefetch("actions", queryset=actions))
    documents = Document.objects.select_related("agenda_item", "submitted_by_economy", "submitted_by_organisation")
    prefetch_related_objects(
        [meeting],
        Prefetch("agenda_items", queryset=items),
        Prefetch("attendances", queryset=Attendance.objects.select_related("economy", "organisation")),
        Prefetch("project_reports", queryset=ProjectReport.objects.select_related("project")),
        Prefetch("documents", queryset=documents),
    )
    return meeting


def participant_counts(meeting: Meeting) -> dict[str, int]:
    """How many participants the meeting has of each sex (``Sex`` value), in one query."""
    return dict(meeting.participants.order_by().values_list("sex").annotate(count=Count("pk")))


def meetings_visible_to(user, meetings: QuerySet[Meeting] | None = None) -> QuerySet[Meeting]:
    """The meetings whose record ``user`` may read.

    Secretariat and Chair read every record, drafts included; delegates read adopted
    records; a signed-in user with no role reads none.
    """
    meetings = Meeting.objects.all() if meetings is None else meetings
    if can_read_drafts(user):
        return meetings
    if is_delegate(user):
        return meetings.filter(status=MeetingStatus.ADOPTED)
    return meetings.none()


def actions_visible_to(user, actions: QuerySet[Action] | None = None) -> QuerySet[Action]:
    """The agreed actions ``user`` may open (the rule of the action page).

    Secretariat and Chair: every action. A delegate: the actions of their own economy in
    the meetings they may read (``meetings_visible_to``). Anyone else: none.
    """
    actions = Action.objects.all() if actions is None else actions
    if can_read_drafts(user):
        return actions
    economy = user_economy(user)
    if not is_delegate(user) or economy is None:
        return actions.none()
    return actions.filter(
        responsible_economies=economy, agenda_item__meeting__in=meetings_visible_to(user)
    )


def action_or_404(user, pk, actions: QuerySet[Action] | None = None) -> Action:
    """The action ``pk`` of ``actions`` (default: all) if ``user`` may open it; else 404."""
    actions = Action.objects.all() if actions is None else actions
    action = actions_visible_to(user, actions).filter(pk=pk).first()
    if action is None:
        raise Http404("No such agreed action.")
    return action


def progress_notes_visible_to(user, notes: QuerySet[ProgressNote] | None = None) -> QuerySet[ProgressNote]:
    """The progress notes ``user`` may read: those on the actions of ``actions_visible_to``."""
    notes = ProgressNote.objects.all() if notes is None else notes
    if can_read_drafts(user):
        return notes
    return notes.filter(action__in=actions_visible_to(user))


def count_per_meeting(rows: QuerySet, meeting_field: str = "meeting") -> Coalesce:
    """The number of ``rows`` of each meeting, for ``Meeting.objects.annotate``: a subquery
    per meeting row. Two ``Count(..., distinct=True)`` over joins of the meeting's agenda
    items and participants multiply each other's rows (items × participants a meeting:
    8,000 rows for a 200-item meeting) before counting them again."""
    counted = (
        rows.filter(**{meeting_field: OuterRef("pk")}).order_by().values(meeting_field)
        .annotate(count=Count("pk")).values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def meetings_awaiting_adoption(user) -> QuerySet[Meeting]:
    """Meetings whose summary is circulated for adoption, oldest meeting first (the chair's queue)."""
    return (
        meetings_visible_to(user, Meeting.objects.filter(status=MeetingStatus.CIRCULATED))
        .select_related("forum", "host_economy")
        .annotate(item_count=count_per_meeting(AgendaItem.objects.all()),
                  action_count=count_per_meeting(Action.objects.all(), "agenda_item__meeting"))
        .order_by("start_date", "number", "pk")
    )


def meetings_adopted_recently(user, *, limit: int = 5) -> QuerySet[Meeting]:
    """The last meetings whose summary was adopted, newest first."""
    return (
        meetings_visible_to(user, Meeting.objects.filter(status=MeetingStatus.ADOPTED))
        .select_related("forum", "host_economy")
        .order_by("-start_date", "-number", "-pk")[:limit]
    )


def parties_represented_not_present(meeting: Meeting) -> list[str]:
    """Names of the economies and organisations that have participants at the meeting but are
    not ticked present in its attendance, in the attendance grid's order (one query)."""
    present = meeting.attendances.all()
    rows = (
        meeting.participants.exclude(economy__isnull=True, organisation__isnull=True)
        .exclude(economy__in=present.filter(economy__isnull=False).values("economy"))
        .exclude(organisation__in=present.filter(organisation__isnull=False).values("organisation"))
        .values_list("economy__position", "organisation__kind", "economy__name_in_text", "organisation__name",
                     "organisation__name_in_text")
        .distinct()
    )
    # Economies first (by their position), then organisations (by kind and name), as on the grid.
    ordered = sorted(rows, key=lambda row: (row[0] is None, row[0] or 0, row[1] or "", row[3] or ""))
    return [economy or organisation_in_text or organisation for _, _, economy, organisation, organisation_in_text in ordered]


def meeting_previous(meeting: Meeting) -> Meeting | None:
    """The forum's meeting held last before ``meeting`` (by start date, then number)."""
    return (
        Meeting.objects.select_related("forum", "host_economy")
        .filter(forum_id=meeting.forum_id, start_date__lt=meeting.start_date)
        .order_by("-start_date", "-number")
        .first()
    )


def import_drafts_listed() -> QuerySet[ImportDraft]:
    """Imported summaries not yet saved (awaiting review or refused), newest upload first."""
    return (
        ImportDraft.objects.exclude(status=ImportDraftStatus.SAVED)
        .select_related("forum", "uploaded_by")
        .order_by("-created", "pk")
    )


def import_duplicates(drafts) -> dict[int, dict]:
    """For each draft whose meeting is already recorded or in another draft: ``existing`` and ``twins``.

    A re-import is flagged, not silently duplicated: ``existing`` is the recorded meeting with
    the same forum and number, ``twins`` the other unsaved drafts of that meeting. Two queries.
    """
    keyed = {
        draft.pk: (draft.forum_id, draft.record.get("number"))
        for draft in drafts
        if draft.status == ImportDraftStatus.PENDING and isinstance(draft.record.get("number"), int)
    }
    if not keyed:
        return {}
    wanted = Q()
    for forum_id, number in set(keyed.values()):
        wanted |= Q(forum_id=forum_id, number=number)
    meetings = {(m.forum_id, m.number): m for m in Meeting.objects.filter(wanted).select_related("forum")}
    drafts_of: dict[tuple, list[dict]] = {}
    pending = ImportDraft.objects.filter(status=ImportDraftStatus.PENDING)
    for pk, forum_id, number, filename in pending.values_list("pk", "forum_id", "record__number", "filename"):
        drafts_of.setdefault((forum_id, number), []).append({"pk": pk, "filename": filename})
    result = {}
    for pk, key in keyed.items():
        twins = [other for other in drafts_of.get(key, []) if other["pk"] != pk]
        if key in meetings or twins:
            result[pk] = {"existing": meetings.get(key), "twins": twins}
    return result
