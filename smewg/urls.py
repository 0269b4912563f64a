"""Top-level URLs."""
from django.contrib import admin
from django.urls import include, path

from meetings.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("projects/", include("projects.urls")),
    path("meetings/", include("meetings.urls")),
]
