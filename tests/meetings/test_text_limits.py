"""Limits on text a real record never reaches: said beside the field, nothing typed lost, nothing cut."""
import copy

import pytest
from django.urls import reverse

from meetings.demo import demo_record
from meetings.forms.limits import LimitsSaidMixin
from meetings.models import Action, AgendaItem, Decision, Meeting
from meetings.services import RecordError, meeting_save_record
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory

from .test_importer_views import SEED, _header, _upload

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
LONG_TITLE = ("A title pasted from somewhere far too long " * 7).strip()  # 300 characters


@pytest.fixture
def meeting():
    return MeetingFactory(number=15)


def test_agenda_item_add_title_over_250_refused_beside_the_field_and_kept(secretariat_client, meeting):
    response = secretariat_client.post(
        reverse("meetings:agenda_item_add", args=[meeting.pk]),
        {"new-item-title": LONG_TITLE, "new-item-text": "Kept as typed."},
    )

    content = response.content.decode()
    form = response.context["item_add_form"]
    assert response.status_code == 400
    assert form.errors["title"] == [
        "This is 300 characters long; the limit is 250. Shorten it (nothing was saved)."
    ]
    assert form["title"].value() == LONG_TITLE
    assert form["text"].value() == "Kept as typed."
    assert 'maxlength="250"' not in content
    assert AgendaItem.objects.count() == 0


def test_agenda_item_edit_text_over_the_limit_refused_and_kept(secretariat_client, meeting):
    item = AgendaItemFactory(meeting=meeting, position=1, text="Short.")
    huge = "The Group discussed the item at length." * 1100  # 42,900 characters
    prefix = f"item{item.pk}"

    response = secretariat_client.post(
        reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk]),
        {f"{prefix}-title": item.title, f"{prefix}-text": huge, f"{prefix}-version": item.version},
        **HTMX,
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "This is 42900 characters long; the limit is 40000." in content
    assert huge in content
    item.refresh_from_db()
    assert item.text == "Short."


def test_decision_add_text_over_the_limit_refused(secretariat_client, meeting):
    item = AgendaItemFactory(meeting=meeting, position=1)
    prefix = f"item{item.pk}-decision"

    response = secretariat_client.post(
        reverse("meetings:agenda_decision_add", args=[meeting.pk, item.pk]),
        {f"{prefix}-kind": "agreed", f"{prefix}-text": "x" * 4001}, **HTMX,
    )

    assert "This is 4001 characters long; the limit is 4000." in response.content.decode()
    assert Decision.objects.count() == 0


def test_action_add_text_over_the_limit_refused(secretariat_client, meeting):
    item = AgendaItemFactory(meeting=meeting, position=1)
    prefix = f"item{item.pk}-action"

    response = secretariat_client.post(
        reverse("meetings:agenda_action_add", args=[meeting.pk, item.pk]),
        {f"{prefix}-text": "y" * 2001, f"{prefix}-status": "open"}, **HTMX,
    )

    assert "This is 2001 characters long; the limit is 2000." in response.content.decode()
    assert Action.objects.count() == 0


def test_progress_note_over_the_limit_refused_and_kept(secretariat_client, meeting):
    action = ActionFactory(agenda_item=AgendaItemFactory(meeting=meeting), economies=["MEX"])
    note = "Progress. " * 501  # 5,010 characters

    response = secretariat_client.post(
        reverse("meetings:action_detail", args=[action.pk]),
        {"note": note, "status": "in_progress", "version": action.version},
    )

    content = response.content.decode()
    assert "This is 5009 characters long; the limit is 5000." in content  # the form strips the last space
    assert note.strip() in content
    assert action.progress_notes.count() == 0


def test_every_form_with_limits_says_them_instead_of_cutting():
    from django import forms

    class Form(LimitsSaidMixin, forms.Form):
        name = forms.CharField(max_length=5)

    form = Form({"name": "abcdefg"})

    assert 'maxlength' not in str(form["name"])
    assert form.errors["name"] == ["This is 7 characters long; the limit is 5. Shorten it (nothing was saved)."]


# The record import (demo, imported summaries) and the importer's review.


def _record() -> dict:
    return copy.deepcopy(demo_record())


def test_meeting_save_record_long_texts_listed_and_nothing_saved():
    record = _record()
    record["agenda_items"][0]["title"] = LONG_TITLE
    record["agenda_items"][2]["text"] = "z" * 40_001
    record["agenda_items"][3]["decisions"][1]["text"] = "d" * 4_001
    record["agenda_items"][10]["actions"][0]["text"] = "a" * 2_001
    record["chair"]["title"] = "t" * 251

    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=record)

    assert raised.value.problems == [
        "Chair: “chair's title” is 251 characters long; the limit is 250.",
    ]
    record["chair"]["title"] = "Chair"
    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=record)

    assert raised.value.problems == [
        "Agenda item 1: “title” is 300 characters long; the limit is 250.",
        "Agenda item 3: “summary of the discussion” is 40,001 characters long; the limit is 40,000.",
        "Agenda item 4, decision 2: “text” is 4,001 characters long; the limit is 4,000.",
        "Agenda item 11, action 1: “what is to be done” is 2,001 characters long; the limit is 2,000.",
    ]
    assert Meeting.objects.count() == 0


def test_meeting_save_record_long_participant_document_and_project_titles_listed():
    record = _record()
    record["participants"][0]["organisation"] = "o" * 201
    record["projects"][0]["title"] = "p" * 301
    record["documents"] = [{"symbol": "2002/SMEWG14/001", "title": "d" * 301}]

    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=record)

    assert raised.value.problems == [
        "Participant 1: “organisation” is 201 characters long; the limit is 200.",
        "Project 1: “title” is 301 characters long; the limit is 300.",
        "Document 1: “title” is 301 characters long; the limit is 300.",
    ]
    assert Meeting.objects.count() == 0


def test_summary_import_review_chair_title_over_the_limit_said_beside_the_field(secretariat_client):
    review_url = _upload(secretariat_client)["Location"]

    response = secretariat_client.post(review_url, _header(chair_title="t" * 251))

    form = response.context["form"]
    assert form.errors["chair_title"] == ["This is 251 characters long; the limit is 250. Shorten it (nothing was saved)."]
    assert form["chair_title"].value() == "t" * 251
    assert Meeting.objects.count() == 0


def test_summary_import_overlong_agenda_text_listed_on_review(secretariat_client):
    text = SEED.read_text(encoding="utf-8").replace(
        "The Goup discussed the statements from",
        "The Goup discussed the statements " + "again and again " * 2600 + "from",
    )
    review_url = _upload(secretariat_client, content=text.encode(), name="long.txt")["Location"]

    response = secretariat_client.post(review_url, _header())

    assert response.status_code == 200
    assert any(
        problem.startswith("Agenda item 1: “summary of the discussion” is ") and problem.endswith("the limit is 40,000.")
        for problem in response.context["save_problems"]
    )
    assert Meeting.objects.count() == 0
