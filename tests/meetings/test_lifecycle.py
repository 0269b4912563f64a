"""The record's lifecycle: planned -> held -> drafted -> circulated -> adopted, the lock, reopening."""
import pytest
from django.urls import reverse

from meetings.models import Meeting, MeetingStatus
from meetings.services import MeetingStatusRefused, meeting_change_status
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_meeting_change_status_secretariat_moves_forward_one_step(secretariat_user):
    meeting = MeetingFactory(status="held")

    changed = meeting_change_status(meeting=meeting, user=secretariat_user, status="drafted")

    assert (changed.status, changed.version) == ("drafted", 2)
    assert changed.history.first().history_user == secretariat_user


def test_meeting_change_status_skipping_a_step_refused(secretariat_user):
    meeting = MeetingFactory(status="held")

    with pytest.raises(MeetingStatusRefused):
        meeting_change_status(meeting=meeting, user=secretariat_user, status="adopted")

    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_meeting_change_status_chair_adopts_circulated_summary(chair_user):
    meeting = MeetingFactory(status="circulated")

    changed = meeting_change_status(meeting=meeting, user=chair_user, status="adopted")

    assert changed.is_locked


@pytest.mark.parametrize("status", ["planned", "held", "drafted"])
def test_meeting_change_status_chair_cannot_adopt_before_circulation(chair_user, status):
    meeting = MeetingFactory(status=status)

    with pytest.raises(MeetingStatusRefused):
        meeting_change_status(meeting=meeting, user=chair_user, status="adopted")


def test_meeting_change_status_delegate_refused(delegate_user):
    meeting = MeetingFactory(status="circulated")

    with pytest.raises(MeetingStatusRefused):
        meeting_change_status(meeting=meeting, user=delegate_user, status="adopted")


def test_meeting_reopen_without_reason_refused(secretariat_user):
    meeting = MeetingFactory(status="adopted")

    with pytest.raises(MeetingStatusRefused, match="reason"):
        meeting_change_status(meeting=meeting, user=secretariat_user, status="circulated", reason="  ")

    meeting.refresh_from_db()
    assert meeting.status == "adopted"


def test_meeting_reopen_with_reason_kept_in_history(secretariat_user):
    meeting = MeetingFactory(status="adopted")

    meeting_change_status(meeting=meeting, user=secretariat_user, status="circulated", reason="Typo in item 3")

    latest = Meeting.history.filter(id=meeting.pk).first()
    assert (latest.status, latest.history_change_reason, latest.history_user) == (
        "circulated", "Typo in item 3", secretariat_user,
    )


# The status page.


def test_meeting_status_page_reopen_without_reason_error_beside_field(secretariat_client):
    meeting = MeetingFactory(status="adopted")

    response = secretariat_client.post(reverse("meetings:status", args=[meeting.pk]), {"status": "circulated"})

    assert response.status_code == 200
    assert "Give a reason to reopen an adopted record" in response.context["form"].errors["reason"][0]
    meeting.refresh_from_db()
    assert meeting.status == "adopted"


def test_meeting_status_page_moves_forward_with_message(secretariat_client):
    meeting = MeetingFactory(status="planned")

    response = secretariat_client.post(reverse("meetings:status", args=[meeting.pk]), {"status": "held"}, follow=True)

    meeting.refresh_from_db()
    assert meeting.status == "held"
    assert f"The {meeting.title} is now “Held”." in response.content.decode()


def test_meeting_status_page_chair_only_offered_adoption(chair_client):
    meeting = MeetingFactory(status="circulated")

    response = chair_client.get(reverse("meetings:status", args=[meeting.pk]))

    assert response.context["form"].fields["status"].choices == [("adopted", "Summary adopted")]


def test_meeting_status_page_chair_forbidden_before_circulation(chair_client):
    meeting = MeetingFactory(status="drafted")

    response = chair_client.post(reverse("meetings:status", args=[meeting.pk]), {"status": "circulated"})

    assert response.status_code == 403


def test_meeting_status_page_chair_choice_outside_offer_is_field_error(chair_client):
    meeting = MeetingFactory(status="circulated")

    response = chair_client.post(reverse("meetings:status", args=[meeting.pk]), {"status": "planned", "reason": "x"})

    assert "status" in response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.status == "circulated"


# The lock.


def _locked_edit_urls(meeting, participant):
    return [
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:attendance", args=[meeting.pk]),
        reverse("meetings:participant_create", args=[meeting.pk]),
        reverse("meetings:participant_import", args=[meeting.pk]),
        reverse("meetings:participant_edit", args=[meeting.pk, participant.pk]),
        reverse("meetings:participant_delete", args=[meeting.pk, participant.pk]),
    ]


def test_locked_record_every_edit_page_refuses_with_message(secretariat_client):
    meeting = MeetingFactory(status=MeetingStatus.ADOPTED)
    participant = ParticipantFactory(meeting=meeting)

    responses = [secretariat_client.get(url) for url in _locked_edit_urls(meeting, participant)]

    assert [r.status_code for r in responses] == [403] * 6
    assert all("adopted, so its record is locked" in r.content.decode() for r in responses)


def test_locked_record_post_changes_nothing(secretariat_client):
    meeting = MeetingFactory(status=MeetingStatus.ADOPTED, city="Acapulco")
    participant = ParticipantFactory(meeting=meeting)

    secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), {"city": "Lima", "version": "1"})
    secretariat_client.post(reverse("meetings:participant_delete", args=[meeting.pk, participant.pk]))

    meeting.refresh_from_db()
    assert meeting.city == "Acapulco"
    assert meeting.participants.count() == 1


def test_locked_record_page_offers_reopen_not_edit(secretariat_client):
    meeting = MeetingFactory(status=MeetingStatus.ADOPTED)

    response = secretariat_client.get(reverse("meetings:detail", args=[meeting.pk]))

    body = response.content.decode()
    assert reverse("meetings:edit", args=[meeting.pk]) not in body
    assert "Reopen" in body


def test_reopened_record_can_be_edited_again(secretariat_client, secretariat_user):
    meeting = MeetingFactory(status=MeetingStatus.ADOPTED)
    meeting_change_status(meeting=meeting, user=secretariat_user, status="circulated", reason="Correct the city")

    response = secretariat_client.get(reverse("meetings:edit", args=[meeting.pk]))

    assert response.status_code == 200

