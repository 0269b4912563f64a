"""URLs of the meeting record, under /meetings/. Each area adds its block."""
from django.urls import path  # noqa: F401

app_name = "meetings"
urlpatterns: list = []

# Meetings: list, record page, header, lifecycle (views/meetings.py).
from .views import meetings as meeting_views  # noqa: E402

urlpatterns += [
    path("", meeting_views.meeting_list, name="list"),
    path("new/", meeting_views.meeting_create, name="create"),
    path("<int:pk>/", meeting_views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", meeting_views.meeting_edit, name="edit"),
    path("<int:pk>/status/", meeting_views.meeting_status, name="status"),
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
    path("summary-exports/<int:export_id>/", summary_views.summary_export_status, name="summary_export_status"),
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
