"""The review list of a meeting: filling it by the default rule, changing it by hand,
recording what the meeting said about each action, carrying an action forward.

The list can change until the summary is adopted; the default rule may be applied again
("refreshed") until the summary is circulated. Every change is in the meeting's history.
"""
import difflib
import re

from django.db import transaction
from django.utils import timezone

from ..models import Action, ActionStatus, Meeting, MeetingStatus, ReviewEntry, ReviewSource
from ..selectors import review_default_actions, review_meetings_for, review_next_meeting

REFRESHABLE = (MeetingStatus.PLANNED, MeetingStatus.HELD, MeetingStatus.DRAFTED)
REMOVED_BY_HAND = "Removed from the review list."


class ReviewListRefused(ValueError):
    """A change to a review list that cannot be made; the message says why."""


def _editable(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.ADOPTED:
        raise ReviewListRefused(
            "The summary of this meeting is adopted: its review list is part of the official record. "
            "Reopen the record to change it."
        )


def _removed_by_hand(meeting: Meeting) -> set[int]:
    return set(
        ReviewEntry.history.filter(
            meeting_id=meeting.pk, history_type="-", history_change_reason=REMOVED_BY_HAND
        ).values_list("action_id", flat=True)
    )


@transaction.atomic
def review_list_refresh(*, meeting: Meeting, user=None) -> tuple[int, int]:
    """Apply the default rule to a meeting's review list; returns (added, dropped).

    Adds the actions the rule selects that are not on the list, except those the secretariat
    removed by hand; drops entries the rule put there and no longer selects, unless the
    meeting recorded something about them. Refused once the summary is circulated.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in REFRESHABLE:
        raise ReviewListRefused(
            "The review list is no longer filled by the default rule once the summary is circulated; "
            "add or remove actions by hand."
        )
    wanted = set(review_default_actions(meeting).values_list("pk", flat=True)) - _removed_by_hand(meeting)
    present = set(ReviewEntry.objects.filter(meeting=meeting).values_list("action_id", flat=True))
    stale = ReviewEntry.objects.filter(
        meeting=meeting, source=ReviewSource.DEFAULT, status_reported="", note=""
    ).exclude(action_id__in=wanted)
    dropped = 0
    for entry in stale:
        entry._history_user = user
        entry._change_reason = "No longer selected by the default rule."
        entry.delete()
        dropped += 1
    added = 0
    for action_id in sorted(wanted - present):
        entry = ReviewEntry(meeting=meeting, action_id=action_id, source=ReviewSource.DEFAULT, added_by=user)
        entry._history_user = user
        entry._change_reason = "Added by the default rule."
        entry.save()
        added += 1
    return added, dropped


@transaction.atomic
def review_entry_add(
    *, meeting: Meeting, action: Action, user=None, source: str = ReviewSource.HAND, reason: str = ""
) -> ReviewEntry:
    """Put an earlier action of the same forum on a meeting's review list."""
    meeting = Meeting.objects.select_for_update().select_related("forum").get(pk=meeting.pk)
    _editable(meeting)
    action = Action.objects.select_related("agenda_item__meeting").get(pk=action.pk)
    own = action.agenda_item.meeting
    if own.forum_id != meeting.forum_id:
        raise ReviewListRefused(f"This action was agreed at a meeting of another forum, not of {meeting.forum.code}.")
    if (own.start_date, own.number) >= (meeting.start_date, meeting.number):
        raise ReviewListRefused(f"Only actions of meetings before the {meeting} can be reviewed at it.")
    if ReviewEntry.objects.filter(meeting=meeting, action=action).exists():
        raise ReviewListRefused(f"This action is already on the review list of the {meeting}.")
    entry = ReviewEntry(meeting=meeting, action=action, source=source, added_by=user)
    entry._history_user = user
    entry._change_reason = reason or "Added to the review list."
    entry.save()
    return entry


@transaction.atomic
def review_entry_remove(*, entry: ReviewEntry, user=None) -> None:
    """Take an action off a meeting's review list (the default rule will not put it back)."""
    entry = ReviewEntry.objects.select_related("meeting").select_for_update().get(pk=entry.pk)
    _editable(entry.meeting)
    entry._history_user = user
    entry._change_reason = REMOVED_BY_HAND
    entry.delete()


@transaction.atomic
def review_entry_record(*, entry: ReviewEntry, user=None, status_reported: str, note: str) -> ReviewEntry:
    """Keep what the meeting recorded about a reviewed action: the status reported and a note."""
    entry = ReviewEntry.objects.select_related("meeting").select_for_update().get(pk=entry.pk)
    _editable(entry.meeting)
    if status_reported and status_reported not in ActionStatus.values:
        raise ReviewListRefused(f"“{status_reported}” is not an action status.")
    entry.status_reported = status_reported
    entry.note = note.strip()
    entry._history_user = user
    entry.save()
    return entry


def action_carry_forward(*, action: Action, user=None, meeting: Meeting | None = None) -> ReviewEntry:
    """"Review at the next meeting": put an action on the review list of ``meeting``, or of the
    forum's next meeting after the action's own that is not adopted yet."""
    if meeting is None:
        meeting = review_next_meeting(review_meetings_for(action), today=timezone.localdate())
        if meeting is None:
            raise ReviewListRefused(
                "There is no later meeting of the forum to review this action at: create the next meeting first."
            )
    return review_entry_add(meeting=meeting, action=action, user=user, reason="Carried forward to this meeting.")


# Importing a "status of actions" section (issue 9's importer calls this with the lines it found).

STATUS_WORDS = [
    (ActionStatus.DONE, r"\b(complete[d]?|done|finished|achieved|accomplished|concluded)\b"),
    (ActionStatus.DROPPED, r"\b(dropped|withdrawn|cancell?ed|abandoned|discontinued)\b"),
    (ActionStatus.IN_PROGRESS, r"\b(in progress|ongoing|on-going|under way|underway|continuing)\b"),
    (ActionStatus.OPEN, r"\b(open|pending|outstanding|not started|not yet)\b"),
]
MATCH_THRESHOLD = 0.6


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def reported_status(line: str) -> str:
    """The action status a line of a "status of actions" section reports, or ""."""
    lowered = line.lower()
    for status, pattern in STATUS_WORDS:
        if re.search(pattern, lowered):
            return status
    return ""


# An agenda item of an imported summary that reports on earlier actions, by its title:
# "Status of actions from previous meetings", "Review of action items", "Follow-up on actions".
STATUS_SECTION = re.compile(
    r"\b(status|review|follow[- ]?up|progress)\b.*\bactions?\b|\bactions?\b.*\b(previous|earlier|last)\b",
    re.IGNORECASE,
)


def review_list_from_agenda(*, meeting: Meeting) -> tuple[list[ReviewEntry], list[str]]:
    """Fill the review list from the meeting's "status of actions" item, if it has one
    (``review_list_import`` on its lines); otherwise leave the list at the default."""
    item = next((item for item in meeting.agenda_items.order_by("position") if STATUS_SECTION.search(item.title)), None)
    if item is None:
        return [], []
    return review_list_import(meeting=meeting, lines=[line for line in item.text.splitlines() if line.strip()])


@transaction.atomic
def review_list_import(*, meeting: Meeting, lines: list[str]) -> tuple[list[ReviewEntry], list[str]]:
    """Fill a meeting's review list from the lines of its "status of actions" section.

    Each line is matched to the earlier action of the forum whose text it resembles most
    (at least ``MATCH_THRESHOLD`` alike, or containing the action's text); the status words
    in the line ("completed", "ongoing", ...) become the status reported and the line the
    note. Returns the entries made or updated and the lines matched to no action. When no
    line matches, the list is left at the default rule.
    """
    earlier = list(
        Action.objects.filter(
            agenda_item__meeting__forum_id=meeting.forum_id, agenda_item__meeting__start_date__lt=meeting.start_date
        ).only("pk", "text")
    )
    texts = {action.pk: _words(action.text) for action in earlier}
    entries, unmatched = [], []
    for line in (line.strip(" -•\t") for line in lines):
        if not line:
            continue
        words = _words(line)
        best, best_score = None, 0.0
        for action in earlier:
            text = texts[action.pk]
            score = 1.0 if text and text in words else difflib.SequenceMatcher(None, words, text).ratio()
            if score > best_score:
                best, best_score = action, score
        if best is None or best_score < MATCH_THRESHOLD:
            unmatched.append(line)
            continue
        entry = ReviewEntry.objects.filter(meeting=meeting, action=best).first()
        if entry is None:
            entry = ReviewEntry(meeting=meeting, action=best, source=ReviewSource.IMPORTED)
            entry._change_reason = "Read from the summary's status of actions."
        entry.status_reported = reported_status(line)
        entry.note = line[:2000]
        entry.save()
        entries.append(entry)
    if entries:  # the summary says what the meeting reviewed: the rule's other guesses go
        for entry in ReviewEntry.objects.filter(
            meeting=meeting, source=ReviewSource.DEFAULT, status_reported="", note=""
        ).exclude(pk__in=[entry.pk for entry in entries]):
            entry._change_reason = "Not in the summary's status of actions."
            entry.delete()
    return entries, unmatched
