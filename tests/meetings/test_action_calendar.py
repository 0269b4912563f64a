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


def test_calendar_event_is_written_as_icalendar_writes_it():
    # The feed writes its events by hand for speed; icalendar's own Event is the reference.
    from icalendar import Event

    from meetings.views.actions import calendar_event

    stamp = datetime.datetime(2026, 12, 4, 14, 0, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    fields = {
        "uid": "action-7@smewg-secretariat",
        "summary": "Due: Report on SPAN; draft, then final \\ version",
        "description": "Viña del Mar: ‘long’ text, with commas; semicolons\n\nResponsible: Hong Kong, China\n"
        + "word " * 40,
        "url": "http://testserver/meetings/actions/7/",
    }
    reference = Event()
    reference.add("uid", fields["uid"])
    reference.add("dtstamp", stamp)
    reference.add("dtstart", datetime.date(2030, 1, 31))
    reference.add("dtend", datetime.date(2030, 2, 1))
    reference.add("summary", fields["summary"])
    reference.add("description", fields["description"])
    reference.add("url", fields["url"])

    written = calendar_event(stamp=stamp, due=datetime.date(2030, 1, 31), **fields)

    assert written.encode() == reference.to_ical()
