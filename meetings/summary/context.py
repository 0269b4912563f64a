"""What the chair's summary says: the meeting record arranged as the seed summary prints it.

``summary_context(meeting_id)`` collects everything in a constant number of queries (the
record through ``record.meeting_for_record``, plus three queries for the meeting's review
list: the earlier actions it reviews and what it recorded about each) and returns the template context. Sentences that join names follow
the seed: "Australia; Brunei Darussalam; ...; and the United States".
"""
from collections import Counter
from collections.abc import Mapping

from django.utils import timezone

from dataclasses import dataclass

from projects.models import ReportKind

from ..models import AgendaItem, AttendanceCapacity, Meeting, MeetingStatus, OrganisationKind, Sex
from ..models.meeting import ordinal
from ..record import meeting_for_record
from ..selectors import review_list

# Organisations named in "... were also represented.", in this order.
REPRESENTED_ORDER = {
    OrganisationKind.SECRETARIAT: 0,
    OrganisationKind.OBSERVER: 1,
    OrganisationKind.APEC_BODY: 2,
}


@dataclass(frozen=True)
class Annexes:
    """What the user chose to annex to the summary at export (a part of what a stored PDF is)."""

    participants: bool = False  # the list of participants, sex-disaggregated (seed item 7)
    documents: bool = False  # the documents register

    @classmethod
    def of(cls, export) -> "Annexes":
        return cls(participants=export.annex_participants, documents=export.annex_documents)

    def fields(self) -> dict:
        """As ``SummaryExport`` fields."""
        return {"annex_participants": self.participants, "annex_documents": self.documents}


def join_names(names: list[str], *, semicolons: bool = False) -> str:
    """'A', 'A and B', 'A, B and C'; with '; ' (and a serial '; and') when a name has a comma.

    ``semicolons`` always separates with '; ', as APEC records list member economies.
    """
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    if semicolons or any("," in name for name in names):
        return "; ".join(names[:-1]) + f"; and {names[-1]}"
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def sentence_case(text: str) -> str:
    """First letter upper case: 'the APEC Secretariat' opens a sentence as 'The APEC Secretariat'."""
    return text[:1].upper() + text[1:]


def list_punctuation(titles: list[str]) -> list[str]:
    """Bullets as the seed punctuates them: 'A;', 'B; and', 'C.'."""
    punctuated = []
    for index, title in enumerate(titles):
        title = title.rstrip(" ;.")
        if index == len(titles) - 1:
            punctuated.append(f"{title}.")
        elif index == len(titles) - 2:
            punctuated.append(f"{title}; and")
        else:
            punctuated.append(f"{title};")
    return punctuated


def _opening(meeting: Meeting) -> dict:
    attendances = list(meeting.attendances.all())
    members = sorted(
        (a.economy for a in attendances if a.economy_id and a.capacity == AttendanceCapacity.MEMBER),
        key=lambda economy: economy.position,
    )
    represented = sorted(
        (a.organisation for a in attendances if a.organisation_id and a.capacity != AttendanceCapacity.GUEST),
        key=lambda organisation: (REPRESENTED_ORDER.get(organisation.kind, 3), organisation.name),
    )
    guests = [
        a.economy.name_in_text for a in attendances if a.economy_id and a.capacity != AttendanceCapacity.MEMBER
    ]
    guests += [
        a.organisation.text_name
        for a in attendances
        if a.organisation_id and a.capacity == AttendanceCapacity.GUEST
    ]
    chair_parts = [part for part in (meeting.chair_name, meeting.chair_title) if part]
    if meeting.chair_economy_id:
        chair_parts.append(meeting.chair_economy.text_name)
    return {
        "members": members,
        "members_text": join_names([economy.name_in_text for economy in members], semicolons=True),
        "represented_text": sentence_case(join_names([o.text_name for o in represented])),
        "represented_verb": "was" if len(represented) == 1 else "were",
        "guests_text": sentence_case(join_names(guests)),
        "chair_text": ", ".join(chair_parts) if meeting.chair_name else "",
    }


def _items(meeting: Meeting) -> tuple[list[AgendaItem], list[str], list[str]]:
    """The agenda items, each given ``projects_reported`` and ``projects_approved`` (titles,
    punctuated) and ``printed_blocks`` (text, decisions and those lists in the recorded
    order), and the titles of reports tied to no item."""
    items = {item.pk: item for item in meeting.agenda_items.all()}
    for item in items.values():
        item.projects_reported, item.projects_approved = [], []
    loose_reported: list[str] = []
    loose_approved: list[str] = []
    reports = sorted(meeting.project_reports.all(), key=lambda report: (report.position, report.pk))
    for report in reports:
        item = items.get(report.agenda_item_id)
        if report.kind == ReportKind.APPROVED:
            (item.projects_approved if item else loose_approved).append(report.project.title)
        else:
            (item.projects_reported if item else loose_reported).append(report.project.title)
    for item in items.values():
        item.projects_reported = list_punctuation(item.projects_reported)
        item.projects_approved = list_punctuation(item.projects_approved)
        item.printed_blocks = item.blocks(item.projects_reported, item.projects_approved)
    return list(items.values()), list_punctuation(loose_reported), list_punctuation(loose_approved)


def summary_adopted_on(meeting: Meeting):
    """The day the meeting's summary was last marked adopted (from its history), or None.

    One query: the meeting's status history, newest first; the adoption is the oldest
    record of the latest unbroken run of "adopted".
    """
    if meeting.status != MeetingStatus.ADOPTED:
        return None
    adopted_at = None
    for status, when in meeting.history.order_by("-history_date", "-history_id").values_list(
        "status", "history_date"
    ):
        if status != MeetingStatus.ADOPTED:
            break
        adopted_at = when
    return timezone.localdate(adopted_at) if adopted_at else None


def participant_summary(participants) -> dict:
    """How many participants, and how many of each sex (in ``Sex`` order, with a sentence)."""
    return participant_summary_of_counts(Counter(participant.sex for participant in participants))


def participant_summary_of_counts(counts: Mapping[str, int]) -> dict:
    """``participant_summary`` from the number of participants of each sex (``Sex`` value)."""
    by_sex = {label: 0 for _, label in Sex.choices}
    labels = dict(Sex.choices)
    for sex, count in counts.items():
        label = labels.get(sex, sex)
        by_sex[label] = by_sex.get(label, 0) + count
    by_sex_text = ", ".join(f"{count} {label.lower()}" for label, count in by_sex.items() if count)
    return {"total": sum(counts.values()), "by_sex": by_sex, "by_sex_text": by_sex_text}


def _annexes(meeting: Meeting, annexes: Annexes) -> list[dict]:
    """The chosen annexes, numbered 1, 2 in the order the summary prints them."""
    chosen = []
    if annexes.participants:
        participants = list(meeting.participants.all())
        chosen.append({"kind": "participants", "title": "List of participants", "participants": participants,
                       "counts": participant_summary(participants)})
    if annexes.documents:
        chosen.append({"kind": "documents", "title": "Documents register", "documents": list(meeting.documents.all())})
    for number, annex in enumerate(chosen, start=1):
        annex["number"] = number
    return chosen


def summary_context(meeting_id: int, *, annexes: Annexes = Annexes()) -> dict:
    """The template context of the chair's summary of a meeting (constant number of queries)."""
    meeting = meeting_for_record(meeting_id)
    items, loose_reported, loose_approved = _items(meeting)
    actions = []
    for item in items:
        for index, action in enumerate(item.actions.all(), start=1):
            action.number = f"{item.number}.{index}"  # "5.2": the second action of item 5
            actions.append(action)
    reviewed = list(review_list(meeting))
    return {
        "meeting": meeting,
        "forum": meeting.forum,
        "ordinal": ordinal(meeting.number),
        "is_draft": meeting.status != MeetingStatus.ADOPTED,
        "adopted_on": summary_adopted_on(meeting),
        **_opening(meeting),
        "items": items,
        "projects_reported_elsewhere": loose_reported,
        "projects_approved_elsewhere": loose_approved,
        "actions": actions,
        "review_entries": reviewed,
        "annexes": _annexes(meeting, annexes),
    }
