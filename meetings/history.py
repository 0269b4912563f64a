"""The history of a meeting record as readable differences: who, when, what (field: old -> new).

Every part of the record (header, attendance, participants, agenda items, decisions, agreed
actions, documents, project reports) has a django-simple-history ``history``; this module
gathers a meeting's historical rows from all of them in a fixed number of queries and
compares each row with the previous version of the same object.
"""
import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from simple_history.models import HistoricalRecords

from .models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Economy,
    Forum,
    Meeting,
    Organisation,
    Participant,
    ReviewEntry,
)

SKIPPED_FIELDS = {"id", "created", "modified", "version", "meeting"}  # every row is of this meeting
TYPE_WORDS = {"+": "added", "~": "changed", "-": "deleted"}
LONG_TEXT = 120
WORD = re.compile(r"\S+\s*")
CONTEXT_WORDS = 8  # unchanged words kept on each side of a change; longer unchanged runs become "…"
DIFF_MAX_WORDS = 20_000  # beyond this a word diff is slow to compute and no easier to read


@dataclass
class DiffPart:
    kind: str  # "same", "removed", "added" or "gap" (unchanged words left out)
    text: str


def word_diff(old: str, new: str) -> list[DiffPart] | None:
    """The words removed and added between two texts, with a little unchanged context around
    each change; None when the texts are too long to compare word by word."""
    before, after = WORD.findall(old), WORD.findall(new)
    if len(before) + len(after) > DIFF_MAX_WORDS:
        return None
    parts: list[DiffPart] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "equal":
            if i2 > i1:
                parts.append(DiffPart("removed", "".join(before[i1:i2])))
            if j2 > j1:
                parts.append(DiffPart("added", "".join(after[j1:j2])))
            continue
        words = before[i1:i2]
        head = CONTEXT_WORDS if parts else 0  # context after the previous change
        tail = CONTEXT_WORDS if i2 < len(before) else 0  # context before the next change
        if len(words) <= head + tail + 3:
            parts.append(DiffPart("same", "".join(words)))
            continue
        if head:
            parts.append(DiffPart("same", "".join(words[:head])))
        parts.append(DiffPart("gap", "… "))
        if tail:
            parts.append(DiffPart("same", "".join(words[-tail:])))
    return parts


@dataclass
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def is_long(self) -> bool:
        return len(self.old) > LONG_TEXT or len(self.new) > LONG_TEXT

    @property
    def word_diff(self) -> list[DiffPart] | None:
        return word_diff(self.old, self.new)


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    sort_key: tuple = ()

    @property
    def verb(self) -> str:
        return TYPE_WORDS.get(self.kind, self.kind)


def person_name(user) -> str:
    """How the history names who made a change; rows written by a command have no user."""
    return (user.get_full_name() or user.username) if user else "the system"


def _tracked_fields(historical_model) -> list[models.Field]:
    return [
        f for f in historical_model._meta.fields
        if not f.name.startswith("history_") and f.name not in SKIPPED_FIELDS
    ]


class _Names:
    """Readable names of the objects historical rows point to, loaded once."""

    def __init__(self):
        self.related = {
            Economy: {e.pk: e.name for e in Economy.objects.all()},
            Organisation: {o.pk: o.name for o in Organisation.objects.all()},
            Forum: {f.pk: f.code for f in Forum.objects.all()},
        }
        self.items: dict[int, str] = {}
        self.decisions: dict[int, str] = {}
        self.projects: dict[int, str] = {}
        self.meetings: dict[int, str] = {}
        self.actions: dict[int, str] = {}

    def value(self, model, model_field: models.Field, value) -> str:
        if value is None or value == "":
            return ""
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return "yes" if value else "no"
        if isinstance(model_field, models.ForeignKey):
            target = model_field.related_model
            if target in self.related:
                return self.related[target].get(value, f"#{value}")
            if target is AgendaItem:
                return self.items.get(value, f"item #{value}")
            if target is Decision:
                return self.decisions.get(value, f"decision #{value}")
            if target is Meeting:
                return self.meetings.get(value, f"meeting #{value}")
            if target is Action:
                return self.actions.get(value, f"action #{value}")
            if target._meta.model_name == "project":
                return self.projects.get(value, f"project #{value}")
            return f"#{value}"
        if isinstance(model_field, models.DateField):
            return value.isoformat()
        return str(value)


def _label(model, record, names: _Names) -> str:
    if model is Meeting:
        return "Meeting details"
    if model is Attendance:
        who = names.related[Economy].get(record.economy_id) or names.related[Organisation].get(record.organisation_id)
        return f"Attendance: {who}"
    if model is Participant:
        return f"Participant: {record.name}"
    if model is AgendaItem:
        return f"Agenda item {record.position}. {record.title}"
    if model is Decision:
        return f"Decision under {names.items.get(record.agenda_item_id, 'a deleted item')}"
    if model is Action:
        return f"Agreed action under {names.items.get(record.agenda_item_id, 'a deleted item')}"
    if model is Document:
        return f"Document {record.symbol}"
    if model is ReviewEntry:
        return f"Review list: {names.actions.get(record.action_id, 'an action since deleted')}"
    if model._meta.model_name == "projectreport":
        return f"Project report: {names.projects.get(record.project_id, 'a project')}"
    return model._meta.verbose_name.capitalize()


def _history_m2m_fields(model) -> list:
    """The many-to-many fields whose values the model's history keeps."""
    return getattr(model.history.model, "_history_m2m_fields", [])


def _entries_for(model, records, names: _Names) -> list[HistoryEntry]:
    # ``model.history`` builds a new manager class at each access (simple_history): read once,
    # not per row (it was most of the History page's time with 1,500 rows).
    tracked = _tracked_fields(model.history.model)
    m2m_fields = _history_m2m_fields(model)
    previous_by_object: dict = {}
    created_entries: dict = {}  # object id -> its "added" entry, until another change follows
    entries = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous = previous_by_object.get(record.id)
        changes = []
        for historical_field in tracked:
            model_field = model._meta.get_field(historical_field.name)
            attname = historical_field.attname
            new = getattr(record, attname)
            if record.history_type == "~" and previous is not None:
                old = getattr(previous, attname)
                if old == new:
                    continue
                changes.append(FieldChange(str(model_field.verbose_name), names.value(model, model_field, old),
                                           names.value(model, model_field, new)))
            elif record.history_type == "+" and new not in (None, "", False):
                changes.append(FieldChange(str(model_field.verbose_name), "", names.value(model, model_field, new)))
        m2m_changes = _m2m_changes(m2m_fields, record, previous, names)
        previous_by_object[record.id] = record
        creation = created_entries.pop(record.id, None)
        if m2m_changes and not changes and creation and creation.who == person_name(record.history_user):
            # Many-to-many values are set just after the object is created: one "added" entry.
            creation.changes += [FieldChange(c.label, "", c.new) for c in m2m_changes]
            continue
        changes += m2m_changes
        if record.history_type == "~" and previous is not None and not changes and not record.history_change_reason:
            continue
        user = record.history_user
        entries.append(HistoryEntry(
            when=record.history_date,
            who=person_name(user),
            what=_label(model, record, names),
            kind=record.history_type,
            reason=record.history_change_reason or "",
            changes=changes,
            sort_key=(record.history_date, model._meta.model_name, record.history_id),
        ))
        if record.history_type == "+":
            created_entries[record.id] = entries[-1]
    return entries


def _m2m_ids(record, m2m_field) -> set[int]:
    return record.m2m_ids[m2m_field.name]


def _attach_m2m_ids(model, records: list) -> None:
    """Give each historical row ``m2m_ids``: {field name: ids}, one query per field."""
    for m2m_field in _history_m2m_fields(model):
        through = HistoricalRecords.m2m_models[m2m_field]
        target = f"{m2m_field.related_model._meta.model_name}_id"
        by_row: dict[int, set[int]] = {}
        pairs = through.objects.filter(history_id__in=[r.history_id for r in records]).values_list("history_id", target)
        for history_id, target_id in pairs:
            by_row.setdefault(history_id, set()).add(target_id)
        for record in records:
            record.m2m_ids = getattr(record, "m2m_ids", {})
            record.m2m_ids[m2m_field.name] = by_row.get(record.history_id, set())


def _m2m_changes(m2m_fields: list, record, previous, names: _Names) -> list[FieldChange]:
    """Changes to the many-to-many fields the history keeps (``m2m_fields``: an action's
    responsible economies)."""
    changes = []
    for m2m_field in m2m_fields:
        new = _m2m_ids(record, m2m_field)
        old = _m2m_ids(previous, m2m_field) if previous is not None else set()
        if record.history_type == "-" or new == old:
            continue
        labels = names.related.get(m2m_field.related_model, {})
        def show(ids):
            return "; ".join(sorted(labels.get(pk, f"#{pk}") for pk in ids))
        changes.append(FieldChange(str(m2m_field.verbose_name), show(old), show(new)))
    return changes


def object_history(model, records: list) -> list[HistoryEntry]:
    """Readable entries for historical rows of one kind of object, oldest first."""
    _attach_m2m_ids(model, records)
    return _entries_for(model, records, _Names())


def meeting_history(meeting: Meeting) -> list[HistoryEntry]:
    """Every change to the meeting's record, newest first."""
    from projects.models import Project, ProjectReport

    names = _Names()

    def rows(model, **filters):
        records = list(model.history.filter(**filters).select_related("history_user"))
        _attach_m2m_ids(model, records)
        return records

    item_rows = rows(AgendaItem, meeting_id=meeting.pk)
    item_ids = {row.id for row in item_rows}
    for row in sorted(item_rows, key=lambda r: (r.history_date, r.history_id)):
        names.items[row.id] = f"item {row.position}. {row.title}"
    decision_rows = rows(Decision, agenda_item_id__in=item_ids)
    for row in decision_rows:
        names.decisions[row.id] = row.text[:60]
    report_rows = rows(ProjectReport, meeting_id=meeting.pk)
    names.projects = dict(
        Project.objects.filter(pk__in={row.project_id for row in report_rows}).values_list("pk", "title")
    )
    names.meetings = {meeting.pk: str(meeting.title)}
    review_rows = rows(ReviewEntry, meeting_id=meeting.pk)
    names.actions = {
        action.pk: f"{action} ({action.agenda_item.meeting.title})"
        for action in Action.objects.filter(pk__in={row.action_id for row in review_rows}).select_related(
            "agenda_item__meeting__forum"
        )
    }
    entries = []
    for model, records in [
        (Meeting, rows(Meeting, id=meeting.pk)),
        (Attendance, rows(Attendance, meeting_id=meeting.pk)),
        (Participant, rows(Participant, meeting_id=meeting.pk)),
        (AgendaItem, item_rows),
        (Decision, decision_rows),
        (Action, rows(Action, agenda_item_id__in=item_ids)),
        (Document, rows(Document, meeting_id=meeting.pk)),
        (ProjectReport, report_rows),
        (ReviewEntry, review_rows),
    ]:
        entries += _entries_for(model, records, names)
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    return entries
