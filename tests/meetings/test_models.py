"""The database itself refuses records that break the domain's rules."""
import datetime

import pytest
from django.db import IntegrityError, transaction

from meetings.models import Action, Attendance, Economy, Meeting
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory, economy

pytestmark = pytest.mark.django_db


def _violates(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_meeting_end_before_start_refused_by_database():
    meeting = MeetingFactory()

    _violates(
        lambda: Meeting.objects.filter(pk=meeting.pk).update(
            start_date=datetime.date(2002, 4, 5), end_date=datetime.date(2002, 4, 3)
        )
    )


def test_meeting_number_unique_within_forum():
    meeting = MeetingFactory(number=15)

    _violates(lambda: MeetingFactory(number=15, forum=meeting.forum))


def test_agenda_item_position_unique_within_meeting():
    item = AgendaItemFactory(position=1)

    _violates(lambda: AgendaItemFactory(meeting=item.meeting, position=1))


def test_agenda_item_same_position_allowed_in_other_meeting():
    AgendaItemFactory(position=1)

    other = AgendaItemFactory(position=1)

    assert other.pk is not None


def test_action_status_outside_states_refused_by_database():
    action = ActionFactory()

    _violates(lambda: Action.objects.filter(pk=action.pk).update(status="forgotten"))


def test_action_with_due_date_and_next_meeting_refused():
    _violates(lambda: ActionFactory(due_date=datetime.date(2002, 8, 1), due_next_meeting=True))


def test_economy_code_unique():
    _violates(lambda: Economy.objects.create(code="MEX", name="Mexico again", name_in_text="x", position=99))


def test_economy_name_unique():
    _violates(lambda: Economy.objects.create(code="MX2", name="Mexico", name_in_text="x", position=98))


def test_attendance_needs_exactly_one_of_economy_or_organisation():
    meeting = MeetingFactory()

    _violates(lambda: Attendance.objects.create(meeting=meeting, capacity="member"))


def test_attendance_economy_once_per_meeting():
    meeting = MeetingFactory()
    Attendance.objects.create(meeting=meeting, economy=economy("CHL"))

    _violates(lambda: Attendance.objects.create(meeting=meeting, economy=economy("CHL")))


def test_meeting_str_reads_like_its_name():
    meeting = MeetingFactory(number=15, city="Acapulco")

    assert str(meeting) == "15th SMEWG meeting, Acapulco"


def test_meeting_dates_across_months():
    meeting = MeetingFactory(start_date=datetime.date(2009, 9, 30), end_date=datetime.date(2009, 10, 1))

    assert meeting.dates == "30 September - 1 October 2009"


def test_meeting_dates_within_month():
    meeting = MeetingFactory(start_date=datetime.date(2002, 4, 3), end_date=datetime.date(2002, 4, 5))

    assert meeting.dates == "3-5 April 2002"


def test_reference_data_has_21_economies_in_apec_order():
    codes = list(Economy.objects.values_list("code", flat=True))

    assert len(codes) == 21
    assert codes[:6] == ["AUS", "BD", "CDA", "CHL", "PRC", "HKC"]
    assert codes[-1] == "VN"
