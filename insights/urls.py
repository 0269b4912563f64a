"""URLs of the numbers page and search, under /insights/."""
from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.numbers_default, name="numbers_default"),
    path("search/", views.search, name="search"),
    path("<str:forum_code>/", views.numbers, name="numbers"),
    path("<str:forum_code>/<str:chart>.csv", views.numbers_csv, name="numbers_csv"),
]
