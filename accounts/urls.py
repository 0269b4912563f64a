"""Sign-in, sign-out and password pages (Django's own views, our templates)."""
from django.urls import include, path

urlpatterns = [
    path("", include("django.contrib.auth.urls")),
]
