"""Sign-in, sign-out and password pages (Django's own views, our templates), and settings."""
from django.urls import include, path

from . import views

urlpatterns = [
    path("settings/", views.reminder_settings, name="reminder_settings"),
    path("", include("django.contrib.auth.urls")),
]
