"""The meeting record: reference data, meetings, agenda, decisions, actions, documents."""
from .agenda import BLOCK_PLACE_FIELDS, Action, ActionStatus, AgendaItem, Block, BlockKind, Decision, DecisionKind, ProgressNote
from .document import Document, DocumentPurpose
from .importer import ImportDraft, ImportDraftStatus
from .meeting import (
    Attendance,
    AttendanceCapacity,
    Meeting,
    MeetingStatus,
    Participant,
    ParticipantRole,
    Sex,
)
from .reference import Economy, EconomyAlias, Forum, Organisation, OrganisationKind
from .reminder import ActionReminder, ReminderKind
from .review import AdoptedRecord, ReviewEntry, ReviewSource
from .summary import SummaryExport, SummaryExportStatus

__all__ = [
    "BLOCK_PLACE_FIELDS",
    "Action",
    "ActionReminder",
    "AdoptedRecord",
    "ActionStatus",
    "AgendaItem",
    "Attendance",
    "AttendanceCapacity",
    "Block",
    "BlockKind",
    "Decision",
    "DecisionKind",
    "Document",
    "DocumentPurpose",
    "Economy",
    "EconomyAlias",
    "Forum",
    "ImportDraft",
    "ImportDraftStatus",
    "Meeting",
    "MeetingStatus",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantRole",
    "ProgressNote",
    "ReminderKind",
    "ReviewEntry",
    "ReviewSource",
    "Sex",
    "SummaryExport",
    "SummaryExportStatus",
]
