"""Top-level URLs."""
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from meetings.views.home import home
from smewg.health import healthz
from meetings.views.summary import public_summary

urlpatterns = [
    path("", home, name="home"),
    # Browsers and feed readers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.ico"), permanent=True)),
    path("published/<str:token>/", public_summary, name="public_summary"),
    path("healthz", healthz, name="healthz"),  # answered by smewg.health.HealthCheckMiddleware first
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("projects/", include("projects.urls")),
    path("meetings/", include("meetings.urls")),
    path("insights/", include("insights.urls")),
]

handler500 = "smewg.errors.server_error"
