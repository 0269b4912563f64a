"""URLs of the meeting record, under /meetings/. Each area adds its block."""
from django.urls import path  # noqa: F401

app_name = "meetings"
urlpatterns: list = []

# Meetings: list, record page, header, lifecycle (views/meetings.py).
from .views import home as home_views  # noqa: E402
from .views import meetings as meeting_views  # noqa: E402

urlpatterns += [
    path("", meeting_views.meeting_list, name="list"),
    path("awaiting-adoption/", home_views.chair_queue, name="chair_queue"),
    path("new/", meeting_views.meeting_create, name="create"),
    path("<int:pk>/", meeting_views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", meeting_views.meeting_edit, name="edit"),
    path("<int:pk>/status/", meeting_views.meeting_status, name="status"),
]

# Attendance, participants (views/participants.py) and the History page (views/history.py).
from .views import history as history_views  # noqa: E402
from .views import participants as participant_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/attendance/", participant_views.attendance_edit, name="attendance"),
    path("<int:pk>/attendance/copy/", participant_views.attendance_copy_from_previous, name="attendance_copy"),
    path("<int:pk>/participants/", participant_views.participant_list, name="participants"),
    path("<int:pk>/participants/add/", participant_views.participant_create, name="participant_create"),
    path("<int:pk>/participants/<int:participant_pk>/edit/", participant_views.participant_edit,
         name="participant_edit"),
    path("<int:pk>/participants/<int:participant_pk>/remove/", participant_views.participant_delete,
         name="participant_delete"),
    path("<int:pk>/participants/import/", participant_views.participant_import, name="participant_import"),
    path("<int:pk>/participants/template.csv", participant_views.participant_template,
         name="participant_template"),
    path("<int:pk>/participants/export.csv", participant_views.participant_export, name="participant_export"),
    path("<int:pk>/history/", history_views.meeting_history_view, name="history"),
]

# Agreed actions: tracker, action page, exports, calendar feed, my economy (views/actions.py).
from .views import actions as action_views  # noqa: E402
from .views import dashboard as dashboard_views  # noqa: E402

urlpatterns += [
    path("actions/", action_views.action_list, name="actions"),
    path("actions/export.csv", action_views.action_export_csv, name="actions_csv"),
    path("actions/<int:pk>/", action_views.action_detail, name="action_detail"),
    path("actions/calendar/", action_views.calendar_token, name="actions_calendar_token"),
    path("actions/calendar/<str:token>.ics", action_views.calendar_feed, name="actions_calendar_feed"),
    path("my-economy/", dashboard_views.my_economy, name="my_economy"),
]

# Chair's summary: preview, PDF export, status and download (views/summary.py).
from .views import summary as summary_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/summary/", summary_views.summary_preview, name="summary_preview"),
    path("<int:pk>/summary/export/", summary_views.summary_export, name="summary_export"),
    path("<int:pk>/summary/word-copy.docx", summary_views.summary_word_copy, name="summary_word_copy"),
    path("<int:pk>/summary/publish/", summary_views.summary_publish, name="summary_publish"),
    path("adopted-records/<int:record_id>/download/", summary_views.adopted_record_download,
         name="adopted_record_download"),
    path("summary-exports/<int:export_id>/", summary_views.summary_export_status, name="summary_export_status"),
    path(
        "summary-exports/<int:export_id>/start-again/",
        summary_views.summary_export_start_again,
        name="summary_export_start_again",
    ),
    path(
        "summary-exports/<int:export_id>/status.json",
        summary_views.summary_export_status_json,
        name="summary_export_status_json",
    ),
    path(
        "summary-exports/<int:export_id>/download/",
        summary_views.summary_export_download,
        name="summary_export_download",
    ),
]

# A meeting's review list and carrying an action forward (views/review.py).
from .views import review as review_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/review/", review_views.review_section, name="review_section"),
    path("<int:pk>/review/search/", review_views.review_search, name="review_search"),
    path("<int:pk>/review/add/", review_views.review_add, name="review_add"),
    path("<int:pk>/review/refresh/", review_views.review_refresh, name="review_refresh"),
    path("<int:pk>/review/<int:entry_pk>/record/", review_views.review_record, name="review_record"),
    path("<int:pk>/review/<int:entry_pk>/remove/", review_views.review_remove, name="review_remove"),
    path("actions/<int:pk>/review/", review_views.action_review_carry, name="action_review_carry"),
]

# Agenda editor: items, decisions, agreed actions, project reports (views/agenda.py).
from .views import agenda as agenda_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/agenda/", agenda_views.agenda, name="agenda"),
    path("<int:pk>/agenda/add/", agenda_views.agenda_item_add, name="agenda_item_add"),
    path("<int:pk>/agenda/<int:item_pk>/", agenda_views.agenda_item, name="agenda_item"),
    path("<int:pk>/agenda/<int:item_pk>/edit/", agenda_views.agenda_item_edit, name="agenda_item_edit"),
    path("<int:pk>/agenda/<int:item_pk>/move/", agenda_views.agenda_item_move, name="agenda_item_move"),
    path("<int:pk>/agenda/<int:item_pk>/delete/", agenda_views.agenda_item_delete, name="agenda_item_delete"),
    path("<int:pk>/agenda/<int:item_pk>/order/", agenda_views.agenda_block_move, name="agenda_block_move"),
    path("<int:pk>/agenda/<int:item_pk>/decisions/add/", agenda_views.part_add, {"part": agenda_views.DECISION},
         name="agenda_decision_add"),
    path("<int:pk>/agenda/decisions/<int:object_pk>/", agenda_views.part_show, {"part": agenda_views.DECISION},
         name="agenda_decision"),
    path("<int:pk>/agenda/decisions/<int:object_pk>/edit/", agenda_views.part_edit, {"part": agenda_views.DECISION},
         name="agenda_decision_edit"),
    path("<int:pk>/agenda/decisions/<int:object_pk>/delete/", agenda_views.part_delete, {"part": agenda_views.DECISION},
         name="agenda_decision_delete"),
    path("<int:pk>/agenda/<int:item_pk>/actions/add/", agenda_views.part_add, {"part": agenda_views.ACTION},
         name="agenda_action_add"),
    path("<int:pk>/agenda/actions/<int:object_pk>/", agenda_views.part_show, {"part": agenda_views.ACTION},
         name="agenda_action"),
    path("<int:pk>/agenda/actions/<int:object_pk>/edit/", agenda_views.part_edit, {"part": agenda_views.ACTION},
         name="agenda_action_edit"),
    path("<int:pk>/agenda/actions/<int:object_pk>/delete/", agenda_views.part_delete, {"part": agenda_views.ACTION},
         name="agenda_action_delete"),
    path("<int:pk>/agenda/<int:item_pk>/projects/link/", agenda_views.agenda_project_link,
         name="agenda_project_link"),
    path("<int:pk>/agenda/projects/<int:report_pk>/remove/", agenda_views.agenda_project_unlink,
         name="agenda_project_unlink"),
]

# Documents tabled at a meeting (views/documents.py).
from .views import documents as document_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/documents/", document_views.documents, name="documents"),
    path("<int:pk>/documents/<int:document_pk>/edit/", document_views.document_edit, name="document_edit"),
    path("<int:pk>/documents/<int:document_pk>/delete/", document_views.document_delete, name="document_delete"),
    path("documents/<int:document_pk>/download/", document_views.document_download, name="document_download"),
]

# Importing past chair's summaries: upload, review, save as a draft (views/importer.py).
from .views import importer as importer_views  # noqa: E402

urlpatterns += [
    path("import/", importer_views.summary_import, name="import"),
    path("import/drafts/", importer_views.summary_import_drafts, name="import_drafts"),
    path("import/drafts/<int:pk>/", importer_views.summary_import_review, name="import_review"),
    path("import/drafts/<int:pk>/discard/", importer_views.summary_import_discard, name="import_discard"),
]
