"""The attendance grid: every economy and organisation, ticked with a capacity."""
import datetime

import pytest
from django.urls import reverse

from meetings.models import Attendance, Organisation
from tests.factories import AttendanceFactory, MeetingFactory, ParticipantFactory, economy

pytestmark = pytest.mark.django_db


def grid(ticked: dict[str, str], organisations: dict[str, str] | None = None) -> dict:
    data = {}
    for code, capacity in ticked.items():
        pk = economy(code).pk
        data[f"present_e{pk}"] = "on"
        data[f"capacity_e{pk}"] = capacity
    for name, capacity in (organisations or {}).items():
        pk = Organisation.objects.get(short_name=name).pk
        data[f"present_o{pk}"] = "on"
        data[f"capacity_o{pk}"] = capacity
    return data


def test_attendance_anonymous_redirects_to_login(client):
    meeting = MeetingFactory()

    response = client.get(reverse("meetings:attendance", args=[meeting.pk]))

    assert response.status_code == 302


@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user", "chair_user"])
def test_attendance_other_roles_forbidden(client, request, user_fixture):
    meeting = MeetingFactory()
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), grid({"AUS": "member"}))

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_attendance_form_lists_every_economy_and_organisation(secretariat_client):
    meeting = MeetingFactory()

    response = secretariat_client.get(reverse("meetings:attendance", args=[meeting.pk]))

    form = response.context["form"]
    assert response.status_code == 200
    assert (len(form.economy_rows()), len(form.organisation_rows())) == (21, Organisation.objects.count())
    assert "Brunei Darussalam" in response.content.decode()


def test_attendance_save_replaces_the_meetings_attendance(secretariat_client):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, economy=economy("JPN"))
    AttendanceFactory(meeting=meeting, economy=economy("AUS"), capacity="member")

    response = secretariat_client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        grid({"AUS": "guest", "CHL": "member"}, {"PECC": "observer"}),
    )

    present = sorted(
        (a.economy.code if a.economy else a.organisation.short_name, a.capacity) for a in meeting.attendances.all()
    )
    assert response.status_code == 302
    assert present == [("AUS", "guest"), ("CHL", "member"), ("PECC", "observer")]


def test_attendance_bad_capacity_error_beside_field_keeps_ticks(secretariat_client):
    meeting = MeetingFactory()
    data = grid({"AUS": "member", "CHL": "emperor"})

    response = secretariat_client.post(reverse("meetings:attendance", args=[meeting.pk]), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [f"capacity_e{economy('CHL').pk}"]
    assert f'name="present_e{economy("AUS").pk}" id="id_present_e{economy("AUS").pk}" checked' in body
    assert "is-invalid" in body
    assert not Attendance.objects.exists()


def test_attendance_shown_on_meeting_page_with_absent_members(secretariat_client):
    meeting = MeetingFactory()
    secretariat_client.post(reverse("meetings:attendance", args=[meeting.pk]), grid({"MEX": "member"}, {"PECC": "observer"}))

    response = secretariat_client.get(reverse("meetings:detail", args=[meeting.pk]))

    body = response.content.decode()
    assert "Representatives from Mexico participated in the meeting." in body
    assert "PECC (observer)" in body or "Pacific Economic Cooperation Council (observer)" in body
    assert "Absent member economies:" in body and "Viet Nam" in body


# Shortcuts: tick all members; copy from the previous meeting.


def test_attendance_tick_all_members_ticks_every_economy_saves_nothing(secretariat_client):
    meeting = MeetingFactory()
    data = grid({"AUS": "guest"}, {"PECC": "observer"})
    data["tick_all_members"] = "1"

    response = secretariat_client.post(reverse("meetings:attendance", args=[meeting.pk]), data)

    form = response.context["form"]
    ticked = [obj.code for obj, present, _, is_economy in form.rows if is_economy and present.value()]
    assert (response.status_code, len(ticked), Attendance.objects.count()) == (200, 21, 0)
    assert form[f"capacity_e{economy('AUS').pk}"].value() == "guest"  # what was chosen stays
    assert form[f"present_o{Organisation.objects.get(short_name='PECC').pk}"].value() is True
    assert "Every member economy is ticked." in response.content.decode()


def _previous_and_next():

    previous = MeetingFactory(number=14, start_date=datetime.date(2002, 4, 3), end_date=datetime.date(2002, 4, 5))
    AttendanceFactory(meeting=previous, economy=economy("AUS"))
    AttendanceFactory(meeting=previous, economy=economy("MEX"), capacity="member")
    AttendanceFactory(meeting=previous, economy=None, organisation=Organisation.objects.get(short_name="PECC"),
                      capacity="observer")
    ParticipantFactory(meeting=previous, name="Ana Torres", economy=economy("MEX"), title="Director",
                       email="ana@example.org")
    ParticipantFactory(meeting=previous, name="Bob Smith", economy=economy("AUS"))
    later = MeetingFactory(number=15, start_date=datetime.date(2002, 8, 20), end_date=datetime.date(2002, 8, 21))
    return previous, later


def test_attendance_copy_page_shows_what_would_be_added_and_changes_nothing(secretariat_client):
    previous, meeting = _previous_and_next()
    AttendanceFactory(meeting=meeting, economy=economy("MEX"), capacity="guest")

    response = secretariat_client.get(reverse("meetings:attendance_copy", args=[meeting.pk]))

    body = response.content.decode()
    assert "From the <a" in body and "14th SMEWG Meeting</a>" in body
    assert "Adds 2: Australia; Pacific Economic Cooperation Council." in body
    assert "Already recorded here and kept as they are: 1." in body
    assert "Adds 2: Bob Smith; Ana Torres." in body
    assert (meeting.attendances.count(), meeting.participants.count()) == (1, 0)


def test_attendance_copy_adds_missing_keeps_existing(secretariat_client):
    previous, meeting = _previous_and_next()
    AttendanceFactory(meeting=meeting, economy=economy("MEX"), capacity="guest")

    ParticipantFactory(meeting=meeting, name="ana torres", economy=economy("MEX"), title="Minister")

    response = secretariat_client.post(reverse("meetings:attendance_copy", args=[meeting.pk]), {
        "source": previous.pk, "copy_attendance": "on", "copy_participants": "on",
    }, follow=True)

    assert sorted((a.economy.code if a.economy else a.organisation.short_name, a.capacity)
                  for a in meeting.attendances.all()) == [("AUS", "member"), ("MEX", "guest"), ("PECC", "observer")]
    assert sorted((p.name, p.title) for p in meeting.participants.all()) == [("Bob Smith", ""), ("ana torres",
                                                                                                   "Minister")]
    assert ("Copied from the 14th SMEWG Meeting: 2 economies and organisations present and 1 participant added; "
            "2 already recorded here kept as they were.") in response.content.decode()


def test_attendance_copy_participants_only(secretariat_client):
    previous, meeting = _previous_and_next()

    secretariat_client.post(reverse("meetings:attendance_copy", args=[meeting.pk]),
                            {"source": previous.pk, "copy_participants": "on"})

    assert (meeting.attendances.count(), meeting.participants.count()) == (0, 2)


def test_attendance_copy_nothing_ticked_refused(secretariat_client):
    previous, meeting = _previous_and_next()

    response = secretariat_client.post(reverse("meetings:attendance_copy", args=[meeting.pk]),
                                       {"source": previous.pk})

    assert response.status_code == 200
    assert "Tick what to copy: the attendance, the participants or both." in response.content.decode()
    assert (meeting.attendances.count(), meeting.participants.count()) == (0, 0)


def test_attendance_copy_no_previous_meeting_says_so(secretariat_client):
    meeting = MeetingFactory()

    page = secretariat_client.get(reverse("meetings:attendance_copy", args=[meeting.pk]))
    posted = secretariat_client.post(reverse("meetings:attendance_copy", args=[meeting.pk]),
                                     {"source": "1", "copy_attendance": "on"})

    assert "so there is nothing to copy" in page.content.decode()
    assert "There is no earlier meeting of this forum to copy from." in posted.content.decode()
    assert meeting.attendances.count() == 0


def test_attendance_copy_source_changed_since_page_refused(secretariat_client):
    previous, meeting = _previous_and_next()
    older = MeetingFactory(number=13, start_date=datetime.date(2001, 4, 3), end_date=datetime.date(2001, 4, 5))

    response = secretariat_client.post(reverse("meetings:attendance_copy", args=[meeting.pk]),
                                       {"source": older.pk, "copy_attendance": "on"})

    assert "The previous meeting is now the 14th SMEWG Meeting" in response.content.decode()
    assert meeting.attendances.count() == 0


@pytest.mark.parametrize("source", ["", "abc"])
def test_attendance_copy_bad_source_refused(secretariat_client, source):
    previous, meeting = _previous_and_next()

    response = secretariat_client.post(reverse("meetings:attendance_copy", args=[meeting.pk]),
                                       {"source": source, "copy_attendance": "on"})

    assert response.status_code == 200
    assert meeting.attendances.count() == 0


def test_attendance_copy_locked_record_refused(secretariat_client):
    previous, meeting = _previous_and_next()
    meeting.status = "adopted"
    meeting.save()

    response = secretariat_client.post(reverse("meetings:attendance_copy", args=[meeting.pk]),
                                       {"source": previous.pk, "copy_attendance": "on"})

    assert response.status_code == 403
    assert meeting.attendances.count() == 0


@pytest.mark.parametrize("user_fixture", ["delegate_user", "chair_user"])
def test_attendance_copy_other_roles_forbidden(client, request, user_fixture):
    previous, meeting = _previous_and_next()
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.post(reverse("meetings:attendance_copy", args=[meeting.pk]),
                           {"source": previous.pk, "copy_attendance": "on"})

    assert response.status_code == 403
    assert meeting.attendances.count() == 0
