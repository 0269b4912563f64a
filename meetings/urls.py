"""URLs of the meeting record, under /meetings/."""
from django.urls import path

from . import views

app_name = "meetings"
urlpatterns: list = []
