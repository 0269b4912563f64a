"""The History page: who changed what in the meeting record, as field: old -> new."""
import pytest
from django.urls import reverse

from meetings.history import DiffPart, meeting_history, word_diff
from meetings.models import Organisation
from meetings.services import meeting_change_status
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    economy,
)

pytestmark = pytest.mark.django_db


def test_history_anonymous_redirects_to_login(client):
    meeting = MeetingFactory()

    response = client.get(reverse("meetings:history", args=[meeting.pk]))

    assert response.status_code == 302


@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user"])
def test_history_delegate_forbidden(client, request, user_fixture):
    meeting = MeetingFactory()
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.get(reverse("meetings:history", args=[meeting.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("client_fixture", ["chair_client", "secretariat_client"])
def test_history_chair_and_secretariat_allowed(request, client_fixture):
    meeting = MeetingFactory()

    response = request.getfixturevalue(client_fixture).get(reverse("meetings:history", args=[meeting.pk]))

    assert response.status_code == 200


def test_history_header_edit_shows_who_and_old_to_new(secretariat_client, secretariat_user):
    meeting = MeetingFactory(city="Acapulco")
    data = {
        "forum": meeting.forum_id, "number": meeting.number, "city": "Lima", "host_economy": economy("PE").pk,
        "start_date": "2002-08-20", "end_date": "2002-08-21", "chair_name": meeting.chair_name,
        "chair_title": meeting.chair_title, "chair_economy": economy("MEX").pk, "version": meeting.version,
    }
    secretariat_client.post(reverse("meetings:edit", args=[meeting.pk]), data)

    entry = meeting_history(meeting)[0]

    assert (entry.what, entry.verb, entry.who) == ("Meeting details", "changed", "sec")
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("city", "Acapulco", "Lima"), ("host economy", "Mexico", "Peru"),
    ]


def test_history_covers_every_part_of_the_record(secretariat_user):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, position=1, title="SPAN")
    DecisionFactory(agenda_item=item)
    ActionFactory(agenda_item=item)
    DocumentFactory(meeting=meeting, symbol="2002/SMEWG15/001")
    ParticipantFactory(meeting=meeting, name="Ana Torres")
    meeting.attendances.create(economy=economy("CHL"), capacity="member")

    whats = {entry.what for entry in meeting_history(meeting)}

    assert whats == {
        "Meeting details",
        "Agenda item 1. SPAN",
        "Decision under item 1. SPAN",
        "Agreed action under item 1. SPAN",
        "Document 2002/SMEWG15/001",
        "Participant: Ana Torres",
        "Attendance: Chile",
    }


def test_history_deleted_participant_and_reopen_reason_shown(secretariat_client, secretariat_user):
    meeting = MeetingFactory(status="adopted")
    participant = ParticipantFactory(meeting=meeting, name="Ana Torres")
    meeting_change_status(meeting=meeting, user=secretariat_user, status="circulated", reason="Fix the list")
    secretariat_client.post(reverse("meetings:participant_delete", args=[meeting.pk, participant.pk]))

    response = secretariat_client.get(reverse("meetings:history", args=[meeting.pk]))

    body = response.content.decode()
    entries = response.context["page"].object_list
    assert (entries[0].what, entries[0].verb) == ("Participant: Ana Torres", "deleted")
    assert "Fix the list" in body
    assert "Summary adopted" in body and "Summary circulated" in body


def test_history_escapes_user_text(secretariat_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="<script>alert(1)</script>")

    response = secretariat_client.get(reverse("meetings:history", args=[meeting.pk]))

    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("items", [1, 3])
def test_history_query_count_constant(secretariat_client, django_assert_num_queries, items):
    meeting = MeetingFactory()
    for position in range(1, items + 1):
        item = AgendaItemFactory(meeting=meeting, position=position)
        DecisionFactory(agenda_item=item)

    with django_assert_num_queries(17):  # + the review list entries
        secretariat_client.get(reverse("meetings:history", args=[meeting.pk]))


def test_history_action_responsible_economies_change_shown():
    item = AgendaItemFactory(position=1, title="Invitation to OECD")
    action = ActionFactory(agenda_item=item, economies=["MEX"])

    action.responsible_economies.add(economy("JPN"))

    entry = meeting_history(item.meeting)[0]
    assert (entry.what, entry.verb) == ("Agreed action under item 1. Invitation to OECD", "changed")
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("responsible economies", "Mexico", "Japan; Mexico")
    ]


def test_history_action_responsible_organisations_change_shown():
    item = AgendaItemFactory(position=1, title="Invitation to OECD")
    action = ActionFactory(agenda_item=item, economies=["MEX"])
    secretariat = Organisation.objects.get(name="APEC Secretariat")

    action.responsible_organisations.add(secretariat)

    entry = meeting_history(item.meeting)[0]
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("responsible organisations", "", "APEC Secretariat")
    ]


LONG_BEFORE = ("The Group discussed the draft framework for SME financing prepared by the lead shepherd "
               "and agreed that members would send comments to Chile by the end of May so that the "
               "paper could be revised before the ministerial meeting in Mexico later in the year.")


def test_history_long_text_change_shows_words_removed_and_added(secretariat_client):
    item = AgendaItemFactory(text=LONG_BEFORE)
    item.text = LONG_BEFORE.replace("end of May", "end of June")
    item.save()

    body = secretariat_client.get(reverse("meetings:history", args=[item.meeting.pk])).content.decode()

    assert "(long text changed)" not in body
    assert '<del class="diff-removed">May </del><ins class="diff-added">June </ins>' in body
    assert "The whole text, before and after" in body


def test_word_diff_leaves_out_long_unchanged_runs():
    after = LONG_BEFORE.replace("end of May", "end of June")

    parts = word_diff(LONG_BEFORE, after)

    assert parts == [
        DiffPart("gap", "… "),
        DiffPart("same", "send comments to Chile by the end of "),
        DiffPart("removed", "May "),
        DiffPart("added", "June "),
        DiffPart("same", "so that the paper could be revised before "),
        DiffPart("gap", "… "),
    ]


def test_word_diff_too_long_texts_not_compared():
    assert word_diff("word " * 15_000, "other " * 15_000) is None
