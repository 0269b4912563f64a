"""The meetings list, the record page, and the header form (create, edit, stale saves)."""
import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    economy,
)

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"


def header_data(meeting=None, **overrides):
    data = {
        "forum": "1",
        "number": "15",
        "city": "Acapulco",
        "host_economy": str(economy("MEX").pk),
        "start_date": "2002-08-20",
        "end_date": "2002-08-21",
        "chair_name": "Moises Gomez Reyna",
        "chair_title": "General Director for Exportable Goods",
        "chair_economy": str(economy("MEX").pk),
        "status": "held",
    }
    from meetings.models import Forum

    data["forum"] = str(Forum.objects.get(code="SMEWG").pk)
    if meeting is not None:
        data["number"] = str(meeting.number)
        data["version"] = str(meeting.version)
        data.pop("status")
    data.update(overrides)
    return data


# Permissions, per role.

READ_PAGES = ["meetings:list", "meetings:detail"]
EDIT_PAGES = ["meetings:create", "meetings:edit"]


def _url(name, meeting):
    return reverse(name) if name in ("meetings:list", "meetings:create") else reverse(name, args=[meeting.pk])


@pytest.mark.parametrize("name", READ_PAGES + EDIT_PAGES + ["meetings:status"])
def test_meeting_pages_anonymous_redirects_to_login(client, name):
    meeting = MeetingFactory()

    response = client.get(_url(name, meeting))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["meetings:detail"] + EDIT_PAGES + ["meetings:status"])
@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user"])
def test_meeting_pages_delegate_forbidden(client, request, name, user_fixture):
    meeting = MeetingFactory()  # held, not adopted: delegates read adopted records only
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.get(_url(name, meeting))

    # The record of a meeting they may not read is not found; a page their role may never
    # use is refused whatever the id, so neither tells which meetings exist.
    assert response.status_code == (404 if name == "meetings:detail" else 403)


@pytest.mark.parametrize("name", READ_PAGES)
def test_meeting_read_pages_chair_allowed(chair_client, name):
    meeting = MeetingFactory()

    response = chair_client.get(_url(name, meeting))

    assert response.status_code == 200


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_meeting_edit_pages_chair_forbidden(chair_client, name):
    meeting = MeetingFactory()

    response = chair_client.get(_url(name, meeting))

    assert response.status_code == 403
    assert "Only the secretariat" in response.content.decode()


@pytest.mark.parametrize("name", READ_PAGES + EDIT_PAGES + ["meetings:status"])
def test_meeting_pages_secretariat_allowed(secretariat_client, name):
    meeting = MeetingFactory()

    response = secretariat_client.get(_url(name, meeting))

    assert response.status_code == 200


def test_meeting_edit_post_chair_changes_nothing(chair_client):
    meeting = MeetingFactory(city="Acapulco")

    response = chair_client.post(reverse("meetings:edit", args=[meeting.pk]), header_data(meeting, city="Lima"))

    meeting.refresh_from_db()
    assert (response.status_code, meeting.city) == (403, "Acapulco")


# The list.


@pytest.mark.parametrize("rows", [1, 3])
def test_meeting_list_query_count_constant(secretariat_client, django_assert_num_queries, rows):
    for _ in range(rows):
        meeting = MeetingFactory()
        AgendaItemFactory(meeting=meeting)
        ParticipantFactory(meeting=meeting)

    with django_assert_num_queries(8):
        response = secretariat_client.get(reverse("meetings:list"))

    assert len(response.context["meetings"]) == rows


def test_meeting_list_query_count_at_200_rows(secretariat_client, django_assert_num_queries):
    MeetingFactory.create_batch(200)

    with django_assert_num_queries(8):
        response = secretariat_client.get(reverse("meetings:list"), {"page": "2"})

    assert (response.context["page"].number, response.context["page"].paginator.count) == (2, 200)


def test_meeting_list_counts_items_and_participants_of_each_meeting(secretariat_client):
    busy, empty = MeetingFactory(number=15), MeetingFactory(number=16)
    AgendaItemFactory.create_batch(3, meeting=busy)
    ParticipantFactory.create_batch(4, meeting=busy)

    response = secretariat_client.get(reverse("meetings:list"))

    counts = {m.number: (m.item_count, m.participant_count) for m in response.context["meetings"]}
    assert counts == {busy.number: (3, 4), empty.number: (0, 0)}


def test_meeting_list_filters_by_year_status_and_forum(secretariat_client):
    wanted = MeetingFactory(start_date=datetime.date(2003, 5, 1), end_date=datetime.date(2003, 5, 2), status="adopted")
    MeetingFactory(start_date=datetime.date(2002, 5, 1), end_date=datetime.date(2002, 5, 2), status="adopted")
    MeetingFactory(start_date=datetime.date(2003, 6, 1), end_date=datetime.date(2003, 6, 2), status="planned")

    response = secretariat_client.get(
        reverse("meetings:list"), {"year": "2003", "status": "adopted", "forum": "SMEWG"}
    )

    assert list(response.context["meetings"]) == [wanted]


def test_meeting_list_search_finds_city_and_agenda_text(secretariat_client):
    in_lima = MeetingFactory(city="Lima")
    about_span = MeetingFactory(city="Bangkok")
    AgendaItemFactory(meeting=about_span, text="The Group discussed the SPAN proposal.")
    MeetingFactory(city="Seoul")

    by_city = secretariat_client.get(reverse("meetings:list"), {"q": "lima"})
    by_text = secretariat_client.get(reverse("meetings:list"), {"q": "span"})

    assert list(by_city.context["meetings"]) == [in_lima]
    assert list(by_text.context["meetings"]) == [about_span]


def test_meeting_list_bad_filter_is_ignored_with_message(secretariat_client):
    MeetingFactory()

    response = secretariat_client.get(reverse("meetings:list"), {"year": "banana"})

    assert response.status_code == 200
    assert len(response.context["meetings"]) == 1
    assert "not understood" in response.content.decode()


# The record page.


def test_meeting_detail_shows_attendance_and_absent_economies(secretariat_client):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, economy=economy("CHL"))
    AttendanceFactory(meeting=meeting, economy=economy("AUS"))

    response = secretariat_client.get(reverse("meetings:detail", args=[meeting.pk]))

    body = response.content.decode()
    assert "Representatives from Australia and Chile participated in the meeting." in body
    assert [e.code for e in response.context["absent_economies"]][:3] == ["BD", "CDA", "PRC"]
    assert len(response.context["absent_economies"]) == 19


def test_meeting_detail_shows_items_decisions_actions_and_documents(secretariat_client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, position=1, title="SPAN", text="Intro.\n\n- first point\n- second point")
    DecisionFactory(agenda_item=item, kind="agreed", text="The Group agreed to work further.")
    ActionFactory(agenda_item=item, text="Circulate the SPAN paper", economies=["MEX"])
    DocumentFactory(meeting=meeting, agenda_item=item, symbol="2002/SMEWG15/001", title="SPAN paper")

    response = secretariat_client.get(reverse("meetings:detail", args=[meeting.pk]))

    body = response.content.decode()
    assert "<ul><li>first point</li><li>second point</li></ul>" in body
    assert "The Group agreed to work further." in body
    assert "Circulate the SPAN paper" in body and "Mexico" in body and "By the next meeting" in body
    assert "2002/SMEWG15/001" in body


def test_meeting_detail_demo_record_reads_like_the_summary(secretariat_client, demo_meeting):
    response = secretariat_client.get(reverse("meetings:detail", args=[demo_meeting.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "14th SMEWG Meeting" in body
    assert "Vina del Mar, Chile, 3-5 April 2002" in body
    assert "Conference on Strategic Alliances for Efficient Supply Chain Management" in body


def test_meeting_detail_escapes_user_text(secretariat_client):
    meeting = MeetingFactory(city=XSS, chair_name=XSS)
    AgendaItemFactory(meeting=meeting, title=XSS, text=XSS)

    response = secretariat_client.get(reverse("meetings:detail", args=[meeting.pk]))

    body = response.content.decode()
    assert XSS not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize("rows", [1, 3])
def test_meeting_detail_query_count_constant(secretariat_client, django_assert_num_queries, rows):
    meeting = MeetingFactory()
    for position in range(1, rows + 1):
        item = AgendaItemFactory(meeting=meeting, position=position)
        DecisionFactory(agenda_item=item)
        ActionFactory(agenda_item=item, economies=["MEX", "AUS"])
        AttendanceFactory(meeting=meeting, economy=economy(["CHL", "AUS", "MEX"][position - 1]))
        ParticipantFactory(meeting=meeting)
        DocumentFactory(meeting=meeting, agenda_item=item)

    # Attendance, project reports and documents are each one joined query; participants
    # are counted, not loaded; the review list comes in a request of its own. On PostgreSQL
    # the page first reads its fingerprint, to keep the rendering (test_meeting_page_cache.py).
    with django_assert_num_queries(18 if connection.vendor == "postgresql" else 17):
        secretariat_client.get(reverse("meetings:detail", args=[meeting.pk]))


# Create and edit.


def test_meeting_create_valid_redirects_with_message(secretariat_client):
    response = secretariat_client.post(reverse("meetings:create"), header_data())

    meeting = Meeting.objects.get(number=15)
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert (meeting.city, meeting.status, str(meeting)) == ("Acapulco", "held", "15th SMEWG meeting, Acapulco")
    assert "is created" in [str(m) for m in get_messages(response.wsgi_request)][0]


def test_meeting_create_end_before_start_error_beside_field(secretariat_client):
    response = secretariat_client.post(reverse("meetings:create"), header_data(end_date="2002-08-19"))

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {"end_date": ["The meeting cannot end before it starts."]}
    assert 'value="Moises Gomez Reyna"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_meeting_create_missing_fields_errors_beside_fields(secretariat_client):
    response = secretariat_client.post(reverse("meetings:create"), header_data(city="", start_date="2002-13-45"))

    errors = response.context["form"].errors
    assert set(errors) == {"city", "start_date"}
    assert 'id="error_1_id_city"' in response.content.decode()


def test_meeting_create_duplicate_number_refused_linking_the_existing_meeting(secretariat_client):
    existing = MeetingFactory(number=15)

    response = secretariat_client.post(reverse("meetings:create"), header_data())

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["number"]
    assert (f'The 15th SMEWG Meeting is already recorded: <a href="{existing.get_absolute_url()}">15th SMEWG '
            f'Meeting, Acapulco, Mexico</a>.') in response.content.decode()
    assert Meeting.objects.filter(number=15).count() == 1


def test_meeting_edit_own_number_is_not_a_duplicate(secretariat_client):
    meeting = MeetingFactory(number=15)

    response = secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]),
                                       header_data(meeting, city="Lima"))

    meeting.refresh_from_db()
    assert (response.status_code, meeting.city) == (302, "Lima")


def test_meeting_create_title_with_script_is_escaped(secretariat_client):
    secretariat_client.post(reverse("meetings:create"), header_data(city=XSS))

    response = secretariat_client.get(reverse("meetings:list"))

    assert XSS not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_meeting_edit_saves_and_raises_version(secretariat_client):
    meeting = MeetingFactory(city="Acapulco")

    response = secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), header_data(meeting, city="Lima"))

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert (meeting.city, meeting.version) == ("Lima", 2)


def test_meeting_edit_stale_copy_refused_showing_both_texts(secretariat_client):
    meeting = MeetingFactory(city="Acapulco", chair_name="First chair")
    stale = header_data(meeting, city="Lima", chair_name="My chair")
    secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), header_data(meeting, city="Cancun"))

    response = secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), stale)

    meeting.refresh_from_db()
    body = response.content.decode()
    assert response.status_code == 409
    assert meeting.city == "Cancun"
    assert "Cancun" in body and "Lima" in body and "My chair" in body
    assert f'name="version" value="{meeting.version}"' in body


def test_meeting_edit_resubmit_after_conflict_saves(secretariat_client):
    meeting = MeetingFactory(city="Acapulco")
    stale = header_data(meeting, city="Lima")
    secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), header_data(meeting, city="Cancun"))
    conflict = secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), stale)

    response = secretariat_client.post(
        reverse("meetings:edit", args=[meeting.pk]), {**stale, "version": conflict.context["form"]["version"].value()}
    )

    meeting.refresh_from_db()
    assert (response.status_code, meeting.city) == (302, "Lima")


def test_meeting_edit_missing_version_is_a_field_error(secretariat_client):
    meeting = MeetingFactory()
    data = header_data(meeting)
    data.pop("version")

    response = secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), data)

    assert response.status_code == 200
    assert "version" in response.context["form"].errors


# Delegates read adopted records, and only those.


def test_meeting_detail_delegate_reads_adopted_record(delegate_client):
    meeting = MeetingFactory(status="adopted", city="Vina del Mar")

    response = delegate_client.get(reverse("meetings:detail", args=[meeting.pk]))

    assert response.status_code == 200
    assert "Edit details" not in response.content.decode()


def test_meeting_detail_of_a_draft_is_not_found_for_a_delegate(delegate_client):
    meeting = MeetingFactory(status="circulated")

    draft = delegate_client.get(reverse("meetings:detail", args=[meeting.pk]))
    missing = delegate_client.get(reverse("meetings:detail", args=[meeting.pk + 1000]))

    assert (draft.status_code, missing.status_code) == (404, 404)
    assert draft.content.split(b"<main")[1] == missing.content.split(b"<main")[1]


def test_meeting_list_delegate_sees_only_adopted(delegate_client):
    MeetingFactory(status="adopted", city="Vina del Mar")
    MeetingFactory(status="drafted", city="Acapulco")

    response = delegate_client.get(reverse("meetings:list"))

    assert [m.city for m in response.context["meetings"]] == ["Vina del Mar"]


def test_meeting_list_user_without_role_is_refused(client, django_user_model):
    MeetingFactory(status="adopted", city="Vina del Mar")
    client.force_login(django_user_model.objects.create_user("nobody", password="pw"))

    response = client.get(reverse("meetings:list"))

    assert response.status_code == 403
    assert "Vina del Mar" not in response.content.decode()


def test_meeting_detail_participant_counts_read_as_a_phrase(secretariat_client):
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting, sex="male")

    response = secretariat_client.get(reverse("meetings:detail", args=[meeting.pk]))

    assert "1 participant:\n      1 male." in response.content.decode()
