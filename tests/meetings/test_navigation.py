"""The frame of every page: main navigation marked where the user is, skip link, favicon,
the chair's queue and the 403 page of a locked record."""
import pytest
from django.urls import reverse

from meetings.models import MeetingStatus
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_navigation_current_page_marked_page(secretariat_client):
    body = secretariat_client.get(reverse("meetings:list")).content.decode()

    assert '<a class="nav-link active" aria-current="page" href="/meetings/">Meetings</a>' in body
    assert body.count("aria-current=") == 2  # the nav link and the breadcrumb


def test_navigation_page_under_section_marked_true(secretariat_client):
    meeting = MeetingFactory()

    body = secretariat_client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()

    assert '<a class="nav-link active" aria-current="true" href="/meetings/">Meetings</a>' in body
    assert 'aria-current="true" href="/projects/"' not in body


def test_navigation_tracker_is_actions_not_meetings(delegate_client):
    body = delegate_client.get(reverse("meetings:actions")).content.decode()

    assert 'aria-current="page" href="/meetings/actions/">Actions</a>' in body
    assert 'aria-current="true" href="/meetings/"' not in body


def test_skip_link_targets_main(client):
    body = client.get(reverse("login")).content.decode()

    assert '<a class="skip-link visually-hidden-focusable" href="#main">Skip to main content</a>' in body
    assert '<main class="container mb-5" id="main" tabindex="-1">' in body


def test_favicon_ico_redirects_to_static_file(client):
    response = client.get("/favicon.ico")

    icon = client.get(response["Location"])
    content = b"".join(icon.streaming_content)
    icon.close()

    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.ico")
    assert (icon.status_code, content[:4]) == (200, b"\x00\x00\x01\x00")  # an ICO file


def test_home_chair_lands_on_queue(chair_client):
    response = chair_client.get(reverse("home"))

    assert response["Location"] == reverse("meetings:chair_queue")


def test_home_staff_and_delegate_land_as_before(secretariat_client, delegate_user):
    staff = secretariat_client.get(reverse("home"))
    secretariat_client.force_login(delegate_user)
    delegate = secretariat_client.get(reverse("home"))

    assert (staff["Location"], delegate["Location"]) == (reverse("meetings:list"), reverse("meetings:my_economy"))


def test_chair_queue_lists_circulated_summaries_only(chair_client):
    circulated = MeetingFactory(number=15, status=MeetingStatus.CIRCULATED)
    AgendaItemFactory(meeting=circulated)
    MeetingFactory(number=16, status=MeetingStatus.DRAFTED)
    MeetingFactory(number=13, status=MeetingStatus.ADOPTED)

    response = chair_client.get(reverse("meetings:chair_queue"))

    assert [m.number for m in response.context["awaiting"]] == [15]
    assert [m.number for m in response.context["adopted"]] == [13]
    assert "Adopt the summary of the 15th SMEWG Meeting" in response.content.decode()


def test_chair_queue_counts_items_and_actions_of_each_meeting(chair_client):
    busy = MeetingFactory(number=15, status=MeetingStatus.CIRCULATED)
    MeetingFactory(number=16, status=MeetingStatus.CIRCULATED)
    for item in AgendaItemFactory.create_batch(2, meeting=busy):
        ActionFactory.create_batch(3, agenda_item=item)

    response = chair_client.get(reverse("meetings:chair_queue"))

    assert [(m.number, m.item_count, m.action_count) for m in response.context["awaiting"]] == [(15, 2, 6), (16, 0, 0)]


def test_chair_queue_empty_says_nothing_awaits(chair_client):
    MeetingFactory(status=MeetingStatus.HELD)

    body = chair_client.get(reverse("meetings:chair_queue")).content.decode()

    assert "Nothing awaits your adoption" in body


def test_chair_queue_query_count(chair_client, django_assert_num_queries):
    MeetingFactory(status=MeetingStatus.CIRCULATED)
    with django_assert_num_queries(6):
        chair_client.get(reverse("meetings:chair_queue"))
    MeetingFactory(status=MeetingStatus.CIRCULATED)
    MeetingFactory(status=MeetingStatus.CIRCULATED)
    with django_assert_num_queries(6):
        chair_client.get(reverse("meetings:chair_queue"))


def test_chair_queue_adopt_returns_to_queue(chair_client):
    meeting = MeetingFactory(status=MeetingStatus.CIRCULATED)

    response = chair_client.post(reverse("meetings:status", args=[meeting.pk]),
                                 {"status": "adopted", "next": reverse("meetings:chair_queue")}, follow=True)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ADOPTED
    assert response.redirect_chain[-1][0] == reverse("meetings:chair_queue")
    assert f"The {meeting.title} is now “Summary adopted”." in response.content.decode()


def test_meeting_status_next_elsewhere_ignored(chair_client):
    meeting = MeetingFactory(status=MeetingStatus.CIRCULATED)

    response = chair_client.post(reverse("meetings:status", args=[meeting.pk]),
                                 {"status": "adopted", "next": "https://evil.example/"})

    assert response["Location"] == meeting.get_absolute_url()


@pytest.mark.parametrize("who", ["anonymous", "delegate", "secretariat", "chair"])
def test_chair_queue_permissions(client, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(f"{who}_user"))

    response = client.get(reverse("meetings:chair_queue"))

    expected = {"anonymous": 302, "delegate": 403, "secretariat": 200, "chair": 200}[who]
    assert response.status_code == expected


def test_locked_record_403_links_to_meeting(secretariat_client):
    meeting = MeetingFactory(status=MeetingStatus.ADOPTED)
    participant = ParticipantFactory(meeting=meeting)

    responses = [
        secretariat_client.get(reverse("meetings:attendance", args=[meeting.pk])),
        secretariat_client.get(reverse("meetings:participant_edit", args=[meeting.pk, participant.pk])),
    ]

    assert [r.status_code for r in responses] == [403, 403]
    assert all(f'<a href="{meeting.get_absolute_url()}">Back to the {meeting.title}</a>' in r.content.decode()
               for r in responses)
