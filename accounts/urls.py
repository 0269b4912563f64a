"""Sign-in, sign-out and password pages (Django's own views, our templates), and settings."""
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import PasswordResetForm

urlpatterns = [
    path("settings/", views.reminder_settings, name="reminder_settings"),
    path("password_reset/", auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
         name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]
