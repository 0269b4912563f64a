"""A meeting's review list: the default rule, changes by hand, what the meeting recorded,
carrying forward, the read rule, the tracker's "other open actions" and the importer's section."""
import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from meetings.models import Action, Forum, Meeting, MeetingStatus, ReviewEntry
from meetings.services import (
    ReviewListRefused,
    action_carry_forward,
    meeting_change_status,
    meeting_save_record,
    review_entry_add,
    review_entry_record,
    review_entry_remove,
    review_list_import,
    review_list_refresh,
)
from meetings.selectors import review_candidates
from meetings.services.review import reported_status
from meetings.views.review import REVIEW_ENTRIES_PER_PAGE
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date
HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class Series:
    """Three SMEWG meetings (first, previous, this) and the actions the default rule weighs."""

    first: Meeting
    previous: Meeting
    this: Meeting
    old_due_between: Action  # first meeting, open, due after the previous meeting, before this one: in
    old_undated: Action  # first meeting, open, no due date: out
    old_due_before_previous: Action  # first meeting, open, due before the previous meeting ended: out
    old_done_due_between: Action  # first meeting, done, due between: out
    old_next_meeting: Action  # first meeting, open, "by the next meeting" (the previous one's): out
    previous_open: Action  # previous meeting, open, no due date: in
    previous_in_progress: Action  # in
    previous_done_next: Action  # previous meeting, done, "by the next meeting": in
    previous_done: Action  # previous meeting, done: out
    this_own: Action  # this meeting's own action: out
    other_forum: Action  # another forum's earlier meeting, open, due between: out


def _action(meeting: Meeting, text: str, *, status="open", due_date=None, due_next_meeting=False, codes=()):
    item = meeting.agenda_items.first() or AgendaItemFactory(meeting=meeting, position=1, title=f"Item of {meeting}")
    return ActionFactory(
        agenda_item=item, text=text, status=status, due_date=due_date, due_next_meeting=due_next_meeting,
        economies=list(codes),
    )


def make_series(this_status: str = MeetingStatus.PLANNED) -> Series:
    first = MeetingFactory(number=12, start_date=D(2001, 1, 10), end_date=D(2001, 1, 11), status="adopted")
    previous = MeetingFactory(number=13, start_date=D(2001, 6, 10), end_date=D(2001, 6, 12), status="adopted")
    this = MeetingFactory(number=15, start_date=D(2002, 1, 15), end_date=D(2002, 1, 16), status=this_status)
    other, _ = Forum.objects.get_or_create(code="TELWG", defaults={"name": "Telecommunications Working Group"})
    other_meeting = MeetingFactory(forum=other, number=3, start_date=D(2001, 3, 1), end_date=D(2001, 3, 2))
    return Series(
        first=first,
        previous=previous,
        this=this,
        old_due_between=_action(first, "Publish the SME finance study", due_date=D(2001, 9, 1), codes=["MEX"]),
        old_undated=_action(first, "Keep the directory up to date"),
        old_due_before_previous=_action(first, "Circulate the survey", due_date=D(2001, 3, 1)),
        old_done_due_between=_action(first, "Hold the seminar", status="done", due_date=D(2001, 9, 1)),
        old_next_meeting=_action(first, "Report on SPAN", due_next_meeting=True),
        previous_open=_action(previous, "Draft the gender integration plan", codes=["CHL"]),
        previous_in_progress=_action(previous, "Update the OAA matrix", status="in_progress"),
        previous_done_next=_action(previous, "Invite ABAC", status="done", due_next_meeting=True),
        previous_done=_action(previous, "Circulate the minutes", status="done"),
        this_own=_action(this, "Prepare the ministerial statement", due_date=D(2001, 12, 1)),
        other_forum=_action(other_meeting, "Another forum's task", due_date=D(2001, 9, 1)),
    )


def listed(meeting: Meeting) -> list[str]:
    return [entry.action.text for entry in ReviewEntry.objects.filter(meeting=meeting).select_related("action")]


# The default rule.


def test_default_rule_takes_previous_unfinished_next_meeting_and_newly_due():
    series = make_series()

    added, dropped = review_list_refresh(meeting=series.this)

    assert sorted(listed(series.this)) == sorted([
        series.old_due_between.text,
        series.previous_open.text,
        series.previous_in_progress.text,
        series.previous_done_next.text,
    ])
    assert (added, dropped) == (4, 0)


def test_default_rule_first_meeting_of_forum_reviews_nothing():
    series = make_series()
    Meeting.objects.filter(pk=series.first.pk).update(status=MeetingStatus.HELD)

    review_list_refresh(meeting=series.first)

    assert listed(series.first) == []


def test_default_rule_action_due_on_meeting_end_date_is_in():
    series = make_series()
    late = _action(series.first, "Due on the last day", due_date=series.this.end_date)
    after = _action(series.first, "Due the day after", due_date=series.this.end_date + datetime.timedelta(days=1))

    review_list_refresh(meeting=series.this)

    assert (late.text in listed(series.this), after.text in listed(series.this)) == (True, False)


def test_meeting_created_in_the_browser_gets_its_default_list(secretariat_client):
    series = make_series()
    series.this.delete()
    data = {
        "forum": series.first.forum.pk, "number": 15, "city": "Acapulco", "start_date": "2002-01-15",
        "end_date": "2002-01-16", "status": "planned",
    }

    response = secretariat_client.post(reverse("meetings:create"), data)

    meeting = Meeting.objects.get(number=15, forum=series.first.forum)
    assert response.status_code == 302
    assert len(listed(meeting)) == 4


def test_meeting_saved_from_a_record_gets_its_default_list():
    series = make_series()
    series.this.delete()
    record = {
        "forum": "SMEWG", "number": 15, "city": "Acapulco", "start_date": "2002-01-15", "end_date": "2002-01-16",
        "status": "drafted", "agenda_items": [],
    }

    meeting = meeting_save_record(record=record)

    assert len(listed(meeting)) == 4


def test_refresh_adds_new_actions_and_keeps_hand_removals_out(secretariat_user):
    series = make_series()
    review_list_refresh(meeting=series.this)
    entry = ReviewEntry.objects.get(meeting=series.this, action=series.previous_open)
    review_entry_remove(entry=entry, user=secretariat_user)
    late = _action(series.previous, "Agreed late in the record")

    added, _dropped = review_list_refresh(meeting=series.this, user=secretariat_user)

    assert (added, late.text in listed(series.this), series.previous_open.text in listed(series.this)) == (
        1, True, False,
    )


def test_refresh_drops_rule_entries_no_longer_due_but_keeps_what_was_recorded():
    series = make_series()
    review_list_refresh(meeting=series.this)
    recorded = ReviewEntry.objects.get(meeting=series.this, action=series.previous_in_progress)
    review_entry_record(entry=recorded, status_reported="in_progress", note="Chile reported progress.")
    Action.objects.filter(pk__in=[series.previous_open.pk, series.previous_in_progress.pk]).update(status="done")

    _added, dropped = review_list_refresh(meeting=series.this)

    assert (dropped, series.previous_open.text in listed(series.this)) == (1, False)
    assert series.previous_in_progress.text in listed(series.this)


def test_refresh_refused_once_the_summary_is_circulated():
    series = make_series(this_status=MeetingStatus.CIRCULATED)

    with pytest.raises(ReviewListRefused, match="circulated"):
        review_list_refresh(meeting=series.this)


# Adding and removing by hand.


def test_add_by_hand_any_open_action_of_an_earlier_meeting(secretariat_user):
    series = make_series()

    review_entry_add(meeting=series.this, action=series.old_undated, user=secretariat_user)

    entry = ReviewEntry.objects.get(meeting=series.this, action=series.old_undated)
    assert (entry.source, entry.added_by) == ("hand", secretariat_user)


@pytest.mark.parametrize("which, message", [
    ("later", "Only actions of meetings before"),
    ("this_own", "Only actions of meetings before"),
    ("other_forum", "another forum"),
])
def test_add_by_hand_refuses_later_and_other_forum_actions(which, message):
    series = make_series()
    later = MeetingFactory(number=16, start_date=D(2002, 6, 1), end_date=D(2002, 6, 2))
    actions = {"later": _action(later, "Agreed later"), "this_own": series.this_own, "other_forum": series.other_forum}

    with pytest.raises(ReviewListRefused, match=message):
        review_entry_add(meeting=series.this, action=actions[which])


def test_add_by_hand_refuses_an_action_already_listed():
    series = make_series()
    review_list_refresh(meeting=series.this)

    with pytest.raises(ReviewListRefused, match="already on the review list"):
        review_entry_add(meeting=series.this, action=series.previous_open)


def test_search_finds_open_actions_by_text_meeting_and_economy(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)
    url = reverse("meetings:review_search", args=[series.this.pk])

    by_text = secretariat_client.get(url, {"q": "directory"}, **HTMX).context["review_candidates"]
    by_meeting = secretariat_client.get(url, {"from_meeting": series.first.pk}, **HTMX).context["review_candidates"]
    by_economy = secretariat_client.get(url, {"economy": "MEX"}, **HTMX).context["review_candidates"]

    assert [a.text for a in by_text] == [series.old_undated.text]
    assert sorted(a.text for a in by_meeting) == sorted(
        [series.old_undated.text, series.old_due_before_previous.text, series.old_next_meeting.text]
    )
    assert [a.text for a in by_economy] == []  # Mexico's open action is on the list already


def test_review_candidates_limited_are_the_first_of_all_newest_meeting_first():
    series = make_series()
    extra = _action(series.previous, "Map SME incubators")

    everything = [action.text for action in review_candidates(series.this)]
    first_two = [action.text for action in review_candidates(series.this, limit=2)]

    assert everything[:2] == first_two == [series.previous_open.text, series.previous_in_progress.text]
    assert everything[-3:] == [series.old_undated.text, series.old_due_before_previous.text,
                               series.old_next_meeting.text] and extra.text in everything


def test_search_with_a_bad_meeting_says_so_and_keeps_the_text(secretariat_client):
    series = make_series()

    response = secretariat_client.get(
        reverse("meetings:review_search", args=[series.this.pk]), {"q": "survey", "from_meeting": "nope"}, **HTMX
    )

    content = response.content.decode()
    assert "The search was not understood" in content
    assert 'value="survey"' in content


def test_add_view_with_htmx_returns_the_list_with_the_action(secretariat_client):
    series = make_series()

    response = secretariat_client.post(
        reverse("meetings:review_add", args=[series.this.pk]), {"action": series.old_undated.pk}, **HTMX
    )

    assert response.status_code == 200
    assert f'data-action="{series.old_undated.pk}"' in response.content.decode()
    assert "Added to the review list" in response.content.decode()


def test_add_view_without_javascript_redirects_to_the_meeting(secretariat_client):
    series = make_series()

    response = secretariat_client.post(
        reverse("meetings:review_add", args=[series.this.pk]), {"action": series.old_undated.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{series.this.get_absolute_url()}#review-list"
    assert series.old_undated.text in listed(series.this)


@pytest.mark.parametrize("posted", [{}, {"action": "abc"}, {"action": "999999"}])
def test_add_view_with_bad_input_says_so(secretariat_client, posted):
    series = make_series()

    response = secretariat_client.post(reverse("meetings:review_add", args=[series.this.pk]), posted, **HTMX)

    assert "Choose an action to add to the review list." in response.content.decode()
    assert listed(series.this) == []


def test_add_view_refusal_is_shown_where_the_user_is(secretariat_client):
    series = make_series()

    response = secretariat_client.post(
        reverse("meetings:review_add", args=[series.this.pk]), {"action": series.this_own.pk}, **HTMX
    )

    assert "Only actions of meetings before" in response.content.decode()


def test_remove_view_takes_the_action_off_and_the_history_says_so(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)
    entry = ReviewEntry.objects.get(meeting=series.this, action=series.previous_open)

    secretariat_client.post(reverse("meetings:review_remove", args=[series.this.pk, entry.pk]), **HTMX)
    history = secretariat_client.get(reverse("meetings:history", args=[series.this.pk])).content.decode()

    assert series.previous_open.text not in listed(series.this)
    assert f"Review list: {series.previous_open.text}" in history
    assert "Removed from the review list." in history


def test_review_list_refresh_view_reports_what_it_did(secretariat_client):
    series = make_series()

    response = secretariat_client.post(reverse("meetings:review_refresh", args=[series.this.pk]), **HTMX)

    assert "Review list refreshed: 4 actions added." in response.content.decode()


# What the meeting recorded.


def test_record_view_keeps_status_reported_and_note_apart_from_live_status(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)
    entry = ReviewEntry.objects.get(meeting=series.this, action=series.previous_open)

    secretariat_client.post(
        reverse("meetings:review_record", args=[series.this.pk, entry.pk]),
        {"status_reported": "done", "note": "Chile reported the plan is complete."}, **HTMX,
    )

    entry.refresh_from_db()
    series.previous_open.refresh_from_db()
    assert (entry.status_reported, entry.note, series.previous_open.status) == (
        "done", "Chile reported the plan is complete.", "open",
    )


def test_record_view_with_bad_input_keeps_what_was_typed(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)
    entry = ReviewEntry.objects.get(meeting=series.this, action=series.previous_open)

    response = secretariat_client.post(
        reverse("meetings:review_record", args=[series.this.pk, entry.pk]),
        {"status_reported": "finished-ish", "note": "Chile said it is nearly there."}, **HTMX,
    )

    content = response.content.decode()
    assert "Not saved: see the marked field." in content
    assert "Chile said it is nearly there." in content
    entry.refresh_from_db()
    assert (entry.status_reported, entry.note) == ("", "")


def test_record_view_refuses_a_note_too_long(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)
    entry = ReviewEntry.objects.get(meeting=series.this, action=series.previous_open)

    response = secretariat_client.post(
        reverse("meetings:review_record", args=[series.this.pk, entry.pk]), {"note": "x" * 2001},
    )

    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()


# Frozen at adoption.


def test_adopted_meeting_refuses_changes_to_its_review_list(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)
    entry = ReviewEntry.objects.get(meeting=series.this, action=series.previous_open)
    Meeting.objects.filter(pk=series.this.pk).update(status="adopted")

    responses = [
        secretariat_client.post(reverse("meetings:review_add", args=[series.this.pk]), {"action": series.old_undated.pk}),
        secretariat_client.post(reverse("meetings:review_remove", args=[series.this.pk, entry.pk])),
        secretariat_client.post(reverse("meetings:review_record", args=[series.this.pk, entry.pk]), {"note": "x"}),
        secretariat_client.post(reverse("meetings:review_refresh", args=[series.this.pk])),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    with pytest.raises(ReviewListRefused, match="adopted"):
        review_entry_record(entry=entry, status_reported="done", note="")


def test_adopted_summary_keeps_the_list_and_recorded_status_whatever_the_tracker_says(
    secretariat_user, chair_user, secretariat_client, django_capture_on_commit_callbacks
):
    series = make_series(this_status=MeetingStatus.CIRCULATED)
    review_entry_add(meeting=series.this, action=series.previous_open, user=secretariat_user)
    entry = ReviewEntry.objects.get(meeting=series.this)
    review_entry_record(entry=entry, status_reported="in_progress", note="Chile reported a first draft.")
    with django_capture_on_commit_callbacks(execute=False):  # the PDF task is not run here
        meeting_change_status(meeting=series.this, user=chair_user, status="adopted")
    before = secretariat_client.get(reverse("meetings:summary_preview", args=[series.this.pk])).content.decode()

    Action.objects.filter(pk=series.previous_open.pk).update(status="done", text="Rewritten later")
    after = secretariat_client.get(reverse("meetings:summary_preview", args=[series.this.pk])).content.decode()

    assert after == before
    assert "Draft the gender integration plan" in after
    assert "Chile reported a first draft." in after
    assert "In progress" in after


# The read rule.


def test_delegate_sees_the_review_list_of_an_adopted_meeting(delegate_client):
    series = make_series(this_status=MeetingStatus.ADOPTED)
    review_list_refresh_for_test(series.this)

    content = delegate_client.get(reverse("meetings:review_section", args=[series.this.pk]), **HTMX).content.decode()

    assert series.previous_open.text in content
    assert reverse("meetings:review_search", args=[series.this.pk]) not in content  # no editing


def review_list_refresh_for_test(meeting: Meeting) -> None:
    """The default list of a meeting already adopted (the rule itself refuses after circulation)."""
    status = meeting.status
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.DRAFTED)
    review_list_refresh(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=status)


@pytest.mark.parametrize("view", ["detail", "review_section"])
def test_delegate_does_not_see_the_review_list_of_a_draft(delegate_client, view):
    series = make_series(this_status=MeetingStatus.DRAFTED)
    review_list_refresh(meeting=series.this)

    response = delegate_client.get(reverse(f"meetings:{view}", args=[series.this.pk]))

    assert response.status_code == 404
    assert series.previous_open.text not in response.content.decode()


@pytest.mark.parametrize("name, args", [
    ("review_search", []), ("review_refresh", []), ("review_add", []),
])
def test_delegate_and_chair_may_not_change_a_review_list(delegate_client, chair_user, client, name, args):
    series = make_series(this_status=MeetingStatus.DRAFTED)
    url = reverse(f"meetings:{name}", args=[series.this.pk, *args])
    method = "get" if name == "review_search" else "post"

    as_delegate = getattr(delegate_client, method)(url).status_code
    client.force_login(chair_user)
    as_chair = getattr(client, method)(url).status_code

    assert (as_delegate, as_chair) == (403, 403)


def test_anonymous_user_is_sent_to_sign_in_for_the_review_list(client):
    series = make_series()

    response = client.get(reverse("meetings:review_section", args=[series.this.pk]))

    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (302, True)


# The meeting page: the list only, and one line for the rest, in a section of its own
# that the page loads with htmx (a plain link without JavaScript).


def test_meeting_page_loads_the_review_list_section_from_its_own_url(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)
    section_url = reverse("meetings:review_section", args=[series.this.pk])

    content = secretariat_client.get(series.this.get_absolute_url()).content.decode()

    assert f'hx-get="{section_url}" hx-trigger="load"' in content
    assert f'<a href="{section_url}">Open the review list</a>' in content
    assert series.previous_open.text not in content


def test_review_list_section_lists_the_review_list_only_and_counts_the_other_open_actions(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)

    response = secretariat_client.get(reverse("meetings:review_section", args=[series.this.pk]), **HTMX)

    content = response.content.decode()
    assert [entry.action.text for entry in response.context["review_entries"]] == [
        series.old_due_between.text, series.previous_open.text, series.previous_in_progress.text,
        series.previous_done_next.text,
    ]
    assert series.old_undated.text not in content
    # Open and not listed: undated, due before the previous meeting, and "by the 13th".
    assert "3 other open actions of older SMEWG meetings are followed in the tracker" in content


def test_tracker_link_shows_the_other_open_actions_only(secretariat_client):
    series = make_series()
    review_list_refresh(meeting=series.this)

    response = secretariat_client.get(
        reverse("meetings:actions"), {"forum": "SMEWG", "status": "unfinished", "outside_review": series.this.pk}
    )

    assert sorted(a.text for a in response.context["page_obj"].object_list) == sorted(
        [series.old_undated.text, series.old_due_before_previous.text, series.old_next_meeting.text]
    )
    assert "that its review list does not take up" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_review_list_section_query_count_constant(secretariat_client, django_assert_num_queries, rows):
    series = make_series()
    for index in range(rows):
        review_entry_add(meeting=series.this, action=_action(series.previous, f"Extra {index}", codes=["JPN"]))

    with django_assert_num_queries(12):
        secretariat_client.get(reverse("meetings:review_section", args=[series.this.pk]), **HTMX)


# A long review list (more than REVIEW_ENTRIES_PER_PAGE entries) is shown a page at a time.


@pytest.fixture
def long_list() -> tuple[Meeting, list[ReviewEntry]]:
    """55 entries on the 15th meeting's list: page 1 holds 1-50, page 2 holds 51-55."""
    assert REVIEW_ENTRIES_PER_PAGE == 50
    previous = MeetingFactory(number=13, start_date=D(2001, 6, 10), end_date=D(2001, 6, 12), status="adopted")
    this = MeetingFactory(number=15, start_date=D(2002, 1, 15), end_date=D(2002, 1, 16))
    item = AgendaItemFactory(meeting=previous, position=1)
    actions = [ActionFactory(agenda_item=item, position=n, text=f"Task {n}") for n in range(1, 56)]
    return this, [ReviewEntry.objects.create(meeting=this, action=action, source="hand") for action in actions]


def entry_texts(response) -> list[str]:
    return [entry.action.text for entry in response.context["review_entries"]]


def test_review_list_long_shows_one_page_with_links_to_every_page(secretariat_client, long_list):
    meeting, _ = long_list
    url = reverse("meetings:review_section", args=[meeting.pk])

    first = secretariat_client.get(url, **HTMX)
    second = secretariat_client.get(url, {"page": "2"}, **HTMX)

    assert (entry_texts(first)[0], entry_texts(first)[-1], entry_texts(second)) == (
        "Task 1", "Task 50", ["Task 51", "Task 52", "Task 53", "Task 54", "Task 55"])
    assert "This meeting reviews 55 actions of earlier meetings." in second.content.decode()
    assert f'hx-get="{url}?page=2"' in first.content.decode()


def test_review_list_page_query_count_is_the_first_pages(secretariat_client, long_list, django_assert_num_queries):
    meeting, _ = long_list

    with django_assert_num_queries(12):
        secretariat_client.get(reverse("meetings:review_section", args=[meeting.pk]), {"page": "2"}, **HTMX)


def test_review_record_form_opens_on_the_page_of_its_entry(secretariat_client, long_list):
    meeting, entries = long_list

    response = secretariat_client.get(reverse("meetings:review_record", args=[meeting.pk, entries[52].pk]), **HTMX)

    assert (response.context["review_page"].number, response.context["review_editing"]) == (2, entries[52].pk)


def test_review_record_saved_answers_the_page_of_its_entry(secretariat_client, long_list):
    meeting, entries = long_list

    response = secretariat_client.post(
        reverse("meetings:review_record", args=[meeting.pk, entries[51].pk]),
        {"status_reported": "done", "note": "Reported done."}, **HTMX,
    )

    assert (response.context["review_page"].number, response.context["review_message"]) == (2, "Recorded for “Task 52”.")


def test_review_remove_answers_the_page_the_entry_was_on(secretariat_client, long_list):
    meeting, entries = long_list

    response = secretariat_client.post(reverse("meetings:review_remove", args=[meeting.pk, entries[54].pk]), **HTMX)

    assert entry_texts(response) == ["Task 51", "Task 52", "Task 53", "Task 54"]


def test_review_add_answers_the_page_holding_the_new_entry(secretariat_client, long_list):
    meeting, entries = long_list
    later = ActionFactory(agenda_item=entries[0].action.agenda_item, position=60, text="Task 60")

    response = secretariat_client.post(reverse("meetings:review_add", args=[meeting.pk]), {"action": later.pk}, **HTMX)

    assert entry_texts(response)[-1] == "Task 60"


def test_review_search_keeps_the_page_it_was_sent_from(secretariat_client, long_list):
    meeting, _ = long_list

    response = secretariat_client.get(
        reverse("meetings:review_search", args=[meeting.pk]), {"q": "Task", "page": "2"}, **HTMX
    )

    assert response.context["review_page"].number == 2


# Carrying forward in one click.


def test_carry_forward_from_action_page_goes_to_the_next_meeting(secretariat_client):
    series = make_series()

    page = secretariat_client.get(series.old_undated.get_absolute_url()).content.decode()
    response = secretariat_client.post(
        reverse("meetings:action_review_carry", args=[series.old_undated.pk]), {"meeting": series.this.pk}
    )

    assert "Review at this meeting" in page
    assert response.status_code == 302
    assert series.old_undated.text in listed(series.this)


def test_carry_forward_without_a_meeting_picks_the_next_one():
    series = make_series()
    later = MeetingFactory(number=16, start_date=D(2002, 6, 1), end_date=D(2002, 6, 2), status="planned")

    entry = action_carry_forward(action=series.old_undated)

    # Both are in the past for today's date: the most recent not adopted one is "next".
    assert entry.meeting == later


def test_carry_forward_with_no_later_meeting_says_so():
    series = make_series()

    with pytest.raises(ReviewListRefused, match="create the next meeting first"):
        action_carry_forward(action=series.this_own)


def test_carry_forward_to_an_adopted_meeting_is_refused(secretariat_client):
    series = make_series()

    secretariat_client.post(
        reverse("meetings:action_review_carry", args=[series.old_undated.pk]), {"meeting": series.previous.pk}
    )

    assert listed(series.previous) == []


def test_tracker_offers_review_at_next_meeting_to_the_secretariat_only(client, secretariat_user, delegate_user):
    series = make_series()
    button = f"Review at the {series.this.title}: {series.old_undated.text}"

    client.force_login(secretariat_user)
    as_secretariat = client.get(reverse("meetings:actions"), {"economy": ""}).content.decode()
    client.force_login(delegate_user)
    as_delegate = client.get(reverse("meetings:actions"), {"economy": ""}).content.decode()

    assert (button in as_secretariat, button in as_delegate) == (True, False)


def test_carry_forward_by_a_delegate_is_refused(delegate_client):
    series = make_series()

    response = delegate_client.post(reverse("meetings:action_review_carry", args=[series.old_undated.pk]))

    assert response.status_code == 403
    assert ReviewEntry.objects.count() == 0


# The importer's "status of actions" section.


@pytest.mark.parametrize("line, status", [
    ("Mexico reported the study is complete.", "done"),
    ("The survey is ongoing.", "in_progress"),
    ("The proposal was withdrawn.", "dropped"),
    ("Still pending.", "open"),
    ("Chile thanked the Group.", ""),
])
def test_reported_status_reads_the_words_of_the_summary(line, status):
    assert reported_status(line) == status


def test_review_list_import_matches_lines_to_earlier_actions():
    series = make_series(this_status=MeetingStatus.DRAFTED)
    review_list_refresh(meeting=series.this)

    entries, unmatched = review_list_import(meeting=series.this, lines=[
        "- Keep the directory up to date: completed by the Secretariat.",
        "Draft the gender integration plan (ongoing)",
        "The Chair thanked the hosts.",
    ])

    assert [(e.action.text, e.status_reported, e.source) for e in entries] == [
        (series.old_undated.text, "done", "imported"),
        (series.previous_open.text, "in_progress", "default"),
    ]
    assert unmatched == ["The Chair thanked the hosts."]
    # The section says what the meeting reviewed: the rule's other guesses are gone.
    assert sorted(listed(series.this)) == sorted([series.old_undated.text, series.previous_open.text])


def test_review_list_import_without_a_match_leaves_the_default():
    series = make_series(this_status=MeetingStatus.DRAFTED)
    review_list_refresh(meeting=series.this)

    entries, unmatched = review_list_import(meeting=series.this, lines=["Nothing of the kind."])

    assert (entries, unmatched, len(listed(series.this))) == ([], ["Nothing of the kind."], 4)



def test_saved_record_with_a_status_of_actions_item_fills_the_list_from_it():
    series = make_series()
    series.this.delete()
    record = {
        "forum": "SMEWG", "number": 15, "city": "Acapulco", "start_date": "2002-01-15", "end_date": "2002-01-16",
        "status": "drafted",
        "agenda_items": [
            {"number": 1, "title": "Opening", "text": "The Chair welcomed the delegates."},
            {"number": 2, "title": "Status of actions from previous meetings",
             "text": "- Keep the directory up to date: completed.\n- Update the OAA matrix: ongoing."},
        ],
    }

    meeting = meeting_save_record(record=record)

    entries = ReviewEntry.objects.filter(meeting=meeting).select_related("action")
    assert sorted((e.action.text, e.status_reported) for e in entries) == [
        (series.old_undated.text, "done"), (series.previous_in_progress.text, "in_progress"),
    ]


def _archive(meetings: int, actions_each: int) -> None:
    """Earlier SMEWG meetings (before the demo's 14th) full of open actions, some dated."""
    for number in range(1, meetings + 1):
        start = D(1995, 1, 1) + datetime.timedelta(days=60 * number)
        meeting = MeetingFactory(number=number, start_date=start, end_date=start, status="adopted")
        item = AgendaItemFactory(meeting=meeting, position=1)
        Action.objects.bulk_create([
            Action(agenda_item=item, position=index, text=f"Archived action {number}.{index}",
                   due_date=start + datetime.timedelta(days=30) if index % 2 else None)
            for index in range(1, actions_each + 1)
        ])


def test_demo_summary_is_the_same_with_and_without_an_archive(demo_meeting, secretariat_client):
    preview_url = reverse("meetings:summary_preview", args=[demo_meeting.pk])
    before = secretariat_client.get(preview_url).content

    _archive(meetings=5, actions_each=20)

    assert secretariat_client.get(preview_url).content == before
    section = secretariat_client.get(reverse("meetings:review_section", args=[demo_meeting.pk]), **HTMX)
    assert (section.context["review_entries"], section.context["other_open_count"]) == ([], 100)


def test_meeting_created_after_an_archive_gets_a_short_default_list(demo_meeting, secretariat_client):
    _archive(meetings=5, actions_each=20)
    data = {
        "forum": demo_meeting.forum.pk, "number": 15, "city": "Acapulco", "start_date": "2002-08-20",
        "end_date": "2002-08-21", "status": "planned",
    }

    secretariat_client.post(reverse("meetings:create"), data)

    meeting = Meeting.objects.get(forum=demo_meeting.forum, number=15)
    previous_unfinished_or_next = Action.objects.filter(agenda_item__meeting=demo_meeting).exclude(
        status__in=["done", "dropped"], due_next_meeting=False
    )
    assert sorted(listed(meeting)) == sorted(previous_unfinished_or_next.values_list("text", flat=True))
    assert not any(text.startswith("Archived action") for text in listed(meeting))
