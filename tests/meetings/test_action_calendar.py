"""The calendar feed names the responsible economies as every other page does."""
import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.services import profile_calendar_token_issue
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_calendar_feed_separates_responsible_names_with_semicolons(client, secretariat_user):
    # "Hong Kong, China" holds a comma: a comma between names would read as three economies.
    ActionFactory(due_next_meeting=False, due_date=datetime.date(2030, 1, 1), economies=["HKC", "MEX"])
    token = profile_calendar_token_issue(user=secretariat_user)

    response = client.get(reverse("meetings:actions_calendar_feed", args=[token]))

    (event,) = Calendar.from_ical(response.getvalue()).walk("VEVENT")
    assert "Responsible: Hong Kong, China; Mexico\n" in str(event["description"])
