"""Publishing an adopted chair's summary to anyone with the link."""
import pytest
from django.core import signing
from django.urls import reverse

from meetings.models import Meeting
from meetings.publication import SALT, public_summary_token
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _publish(client, meeting, value="1"):
    return client.post(reverse("meetings:summary_publish", args=[meeting.pk]), {"public": value}, follow=True)


def _public_url(meeting):
    meeting.refresh_from_db(fields=["summary_public_nonce"])  # published through the page, not this copy
    return reverse("public_summary", kwargs={"token": public_summary_token(meeting)})


def test_publish_adopted_summary_opens_link_to_anonymous(secretariat_client, client, demo_meeting):
    response = _publish(secretariat_client, demo_meeting)
    secretariat_client.logout()

    public = client.get(_public_url(demo_meeting))

    assert "anyone with the link can read it" in response.content.decode()
    assert public.status_code == 200
    assert "Invitation to OECD" in public.content.decode()
    assert "Back to the meeting" not in public.content.decode()
    assert public["X-Robots-Tag"] == "noindex"


def test_publish_panel_shows_link_after_publishing(secretariat_client, demo_meeting):
    response = _publish(secretariat_client, demo_meeting)

    assert "http://testserver" + _public_url(demo_meeting) in response.content.decode()
    assert "Stop publishing" in response.content.decode()


def test_public_link_closed_after_unpublishing(secretariat_client, client, demo_meeting):
    _publish(secretariat_client, demo_meeting)
    _publish(secretariat_client, demo_meeting, "0")

    response = client.get(_public_url(demo_meeting))

    assert response.status_code == 404


def test_public_link_closed_when_record_reopened(client):
    meeting = MeetingFactory(status="adopted", summary_is_public=True)
    url = _public_url(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status="circulated")

    response = client.get(url)

    assert response.status_code == 404


def test_publish_draft_summary_refused_with_message(secretariat_client):
    meeting = MeetingFactory(status="drafted")

    response = _publish(secretariat_client, meeting)

    assert "Only an adopted summary can be published." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.summary_is_public is False


def test_publish_bad_choice_refused_with_message(secretariat_client, demo_meeting):
    response = _publish(secretariat_client, demo_meeting, "yes please")

    assert "Choose whether to publish" in response.content.decode()
    demo_meeting.refresh_from_db()
    assert demo_meeting.summary_is_public is False


@pytest.mark.parametrize("token", ["not-a-token", "1", "MQ:1abcde:forged-signature"])
def test_public_link_forged_token_is_404(client, token):
    MeetingFactory(status="adopted", summary_is_public=True)

    response = client.get(reverse("public_summary", kwargs={"token": token}))

    assert response.status_code == 404


def test_public_link_unpublished_meeting_is_404(client, demo_meeting):
    response = client.get(_public_url(demo_meeting))

    assert response.status_code == 404


@pytest.mark.parametrize("client_fixture", ["chair_client", "delegate_client"])
def test_publish_other_roles_forbidden(request, client_fixture, demo_meeting):
    client = request.getfixturevalue(client_fixture)

    response = client.post(reverse("meetings:summary_publish", args=[demo_meeting.pk]), {"public": "1"})

    assert response.status_code == 403
    demo_meeting.refresh_from_db()
    assert demo_meeting.summary_is_public is False


def test_publish_anonymous_redirected_to_login(client, demo_meeting):
    response = client.post(reverse("meetings:summary_publish", args=[demo_meeting.pk]), {"public": "1"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_publish_get_not_allowed(secretariat_client, demo_meeting):
    response = secretariat_client.get(reverse("meetings:summary_publish", args=[demo_meeting.pk]))

    assert response.status_code == 405


def test_publish_kept_in_history(secretariat_client, secretariat_user, demo_meeting):
    _publish(secretariat_client, demo_meeting)

    latest = demo_meeting.history.latest()

    assert (latest.summary_is_public, latest.history_user, latest.history_change_reason) == (
        True, secretariat_user, "Summary published to anyone with the link."
    )


def test_public_link_of_a_withdrawn_publication_stays_dead_when_published_again(
    secretariat_client, client, demo_meeting
):
    _publish(secretariat_client, demo_meeting)
    first_url = _public_url(demo_meeting)
    _publish(secretariat_client, demo_meeting, "0")
    _publish(secretariat_client, demo_meeting)

    old, new = client.get(first_url), client.get(_public_url(demo_meeting))

    assert (old.status_code, new.status_code) == (404, 200)


def test_public_link_signed_with_the_meeting_id_alone_is_404(client):
    meeting = MeetingFactory(status="adopted", summary_is_public=True, summary_public_nonce="kept-secret")
    token = signing.dumps(meeting.pk, salt=SALT)

    response = client.get(reverse("public_summary", kwargs={"token": token}))

    assert response.status_code == 404
