"""URLs of the meeting record, under /meetings/. Each area adds its block."""
from django.urls import path  # noqa: F401

app_name = "meetings"
urlpatterns: list = []
