"""The attendance grid: every economy and organisation, ticked with a capacity."""
import pytest
from django.urls import reverse

from meetings.models import Attendance, Organisation
from tests.factories import AttendanceFactory, MeetingFactory, economy

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
