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
