"""Writes to the meeting record that do more than save one form, one module per area.

Every public function takes keyword-only arguments and runs in one transaction; tasks are
queued with ``transaction.on_commit``. Import them from here: ``from meetings.services
import meeting_change_status``.
"""
from .actions import ActionProgressRefused, action_report_progress
from .adoption import (
    adopted_record_current,
    adopted_record_fail,
    adopted_record_render_pdf,
    summary_adopt_record,
    summary_document_html,
)
from .agenda import (
    action_add,
    agenda_block_move,
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_renumber,
    decision_add,
)
from .meeting import (
    MEETING_STATUS_ORDER,
    AttendanceCopy,
    MeetingStatusRefused,
    SummaryPublicationRefused,
    attendance_copy,
    attendance_copy_plan,
    attendance_replace,
    meeting_change_status,
    meeting_publish_summary,
    meeting_status_choices_for,
    participants_import,
)
from .record import MeetingExists, RecordError, meeting_save_record
from .review import (
    ReviewListRefused,
    action_carry_forward,
    review_entry_add,
    review_entry_record,
    review_entry_remove,
    review_list_import,
    review_list_refresh,
)
from .summary import (
    SummaryExportRestartRefused,
    summary_export_fail,
    summary_export_is_stale,
    summary_export_render,
    summary_export_request,
    summary_export_restart,
    summary_export_waits_for_broker,
    summary_exports_sweep,
)

__all__ = [
    "MEETING_STATUS_ORDER",
    "ActionProgressRefused",
    "AttendanceCopy",
    "MeetingExists",
    "MeetingStatusRefused",
    "RecordError",
    "SummaryExportRestartRefused",
    "ReviewListRefused",
    "SummaryPublicationRefused",
    "action_add",
    "action_carry_forward",
    "adopted_record_current",
    "adopted_record_fail",
    "adopted_record_render_pdf",
    "action_report_progress",
    "agenda_block_move",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_renumber",
    "attendance_copy",
    "attendance_copy_plan",
    "attendance_replace",
    "decision_add",
    "meeting_change_status",
    "meeting_publish_summary",
    "meeting_save_record",
    "meeting_status_choices_for",
    "participants_import",
    "review_entry_add",
    "review_entry_record",
    "review_entry_remove",
    "review_list_import",
    "review_list_refresh",
    "summary_adopt_record",
    "summary_document_html",
    "summary_export_fail",
    "summary_export_render",
    "summary_export_is_stale",
    "summary_export_request",
    "summary_export_restart",
    "summary_export_waits_for_broker",
    "summary_exports_sweep",
]
