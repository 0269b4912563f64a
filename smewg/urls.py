"""Top-level URLs."""
from django.contrib import admin
from django.urls import include, path

from meetings.views.home import home
from meetings.views.summary import public_summary

urlpatterns = [
    path("", home, name="home"),
    path("published/<str:token>/", public_summary, name="public_summary"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("projects/", include("projects.urls")),
    path("meetings/", include("meetings.urls")),
    path("insights/", include("insights.urls")),
]
