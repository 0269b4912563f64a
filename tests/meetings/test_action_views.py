"""The action tracker, the action page, the exports and the dashboard."""
import csv
import datetime
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.services import profile_calendar_token_issue, profile_calendar_token_revoke
from meetings.models import Action, ActionStatus, MeetingStatus, ProgressNote
from meetings.services import ActionProgressRefused, action_report_progress
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory, ProjectFactory, economy
from tests.meetings.actions_arrange import many_actions, two_economies

pytestmark = pytest.mark.django_db

TRACKER = reverse("meetings:actions")


def _listed(response) -> list[str]:
    return [action.text for action in response.context["page_obj"].object_list]


# The tracker.


def test_tracker_delegate_lands_on_own_economy(delegate_client):
    two_economies()

    response = delegate_client.get(TRACKER)

    assert _listed(response) == ["Revise the SPAN proposal"]


@pytest.mark.parametrize("economy", ["", "JPN"])
def test_tracker_delegate_sees_only_their_economy_whatever_the_filter(economy, delegate_client):
    two_economies()

    response = delegate_client.get(TRACKER, {"economy": economy})

    assert _listed(response) == ["Revise the SPAN proposal"]


def test_tracker_delegate_links_only_actions_they_may_open(delegate_client):
    actions = two_economies()

    content = delegate_client.get(TRACKER, {"economy": ""}).content.decode()

    assert (actions.mexico_action.get_absolute_url() in content,
            actions.japan_action.get_absolute_url() in content) == (True, False)


def test_tracker_secretariat_sees_every_economy(secretariat_client):
    two_economies()

    response = secretariat_client.get(TRACKER)

    assert _listed(response) == ["Revise the SPAN proposal", "Host the SME finance seminar"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"economy": "JPN"}, ["Host the SME finance seminar"]),
        ({"status": "done"}, ["Host the SME finance seminar"]),
        ({"status": "unfinished"}, ["Revise the SPAN proposal"]),
        ({"q": "proposal"}, ["Revise the SPAN proposal"]),
        ({"q": "enhancing span"}, ["Revise the SPAN proposal", "Host the SME finance seminar"]),
        ({"q": "agreed to revise"}, ["Revise the SPAN proposal"]),
        ({"overdue": "on"}, ["Revise the SPAN proposal"]),
        ({"sort": "-due"}, ["Host the SME finance seminar", "Revise the SPAN proposal"]),
    ],
)
def test_tracker_filters(query, expected, secretariat_client):
    actions = two_economies()
    actions.japan_action.status = ActionStatus.DONE
    actions.japan_action.save()

    response = secretariat_client.get(TRACKER, query)

    assert _listed(response) == expected


def test_tracker_meeting_filter(secretariat_client):
    two_economies()
    other = ActionFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(number=16)), text="Later action")

    response = secretariat_client.get(TRACKER, {"meeting": other.agenda_item.meeting_id})

    assert _listed(response) == ["Later action"]


def test_tracker_next_meeting_due_becomes_date_once_next_meeting_is_recorded(secretariat_client):
    first = MeetingFactory(number=15, status="adopted", start_date=datetime.date(2002, 8, 20),
                           end_date=datetime.date(2002, 8, 21))
    ActionFactory(agenda_item=AgendaItemFactory(meeting=first), text="Report by next meeting", due_next_meeting=True)
    MeetingFactory(number=16, start_date=datetime.date(2003, 2, 10), end_date=datetime.date(2003, 2, 11))

    response = secretariat_client.get(TRACKER, {"overdue": "on"})

    assert [(a.text, a.due_on) for a in response.context["page_obj"]] == [
        ("Report by next meeting", datetime.date(2003, 2, 10))
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"economy": "XYZ"},
        {"status": "forgotten"},
        {"meeting": "abc"},
        {"meeting": "999999"},
        {"forum": "NOPE"},
        {"sort": "sideways"},
        {"page": "many"},
        {"page": "-3"},
        {"overdue": "perhaps"},
        {"q": "x" * 500},
    ],
)
def test_tracker_bad_filter_values_ignored_with_message(query, secretariat_client):
    two_economies()

    response = secretariat_client.get(TRACKER, query)

    expected_problem = query.keys() - {"page", "overdue"} != set()
    assert (response.status_code, bool(response.context["problems"]), len(_listed(response))) == (
        200, expected_problem, 2
    )


def test_tracker_shows_last_progress_note(secretariat_client, secretariat_user):
    action = two_economies().mexico_action
    ProgressNote.objects.create(action=action, author=secretariat_user, text="First draft")
    ProgressNote.objects.create(action=action, author=secretariat_user, text="Second draft circulated")

    response = secretariat_client.get(TRACKER, {"economy": "MEX"})

    listed = response.context["page_obj"].object_list[0]
    assert listed.last_note_text == "Second draft circulated"


@pytest.mark.parametrize("count", [5, 500])
def test_tracker_query_count_constant(count, delegate_client, django_assert_num_queries):
    many_actions(count)

    with django_assert_num_queries(15):
        response = delegate_client.get(TRACKER)

    assert response.context["page_obj"].paginator.count == count


@pytest.mark.parametrize("count", [5, 500])
def test_tracker_query_count_constant_for_secretariat(count, secretariat_client, django_assert_num_queries):
    many_actions(count)

    with django_assert_num_queries(14):  # + the next meeting and which actions are on its review list
        secretariat_client.get(TRACKER, {"status": "open", "q": "Action"})


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_constant(count, delegate_client, django_assert_num_queries):
    many_actions(count)

    # The sort keys of the economy's actions, the listed actions, their responsible bodies.
    with django_assert_num_queries(12):
        delegate_client.get(reverse("meetings:my_economy"))


# The CSV export.


def test_csv_export_follows_filters(secretariat_client):
    two_economies()

    response = secretariat_client.get(reverse("meetings:actions_csv"), {"economy": "MEX"})

    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [rows[0][2], rows[0][7], rows[1][2], rows[1][3], rows[1][7], len(rows)] == [
        "Action", "Overdue", "Revise the SPAN proposal", "Mexico", "yes", 2
    ]


def test_csv_export_defuses_formulas(secretariat_client):
    ActionFactory(text="=HYPERLINK(\"http://evil\")", economies=["MEX"])

    response = secretariat_client.get(reverse("meetings:actions_csv"))

    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[1][2] == "'=HYPERLINK(\"http://evil\")"


def test_csv_export_bad_filters_do_not_crash(secretariat_client):
    two_economies()

    response = secretariat_client.get(reverse("meetings:actions_csv"), {"economy": "??", "meeting": "x"})

    assert (response.status_code, response.getvalue().decode("utf-8-sig").count("\n")) == (200, 3)


# The calendar feed.


def test_calendar_feed_delegate_has_own_economy_due_dates(client, delegate_user):
    two_economies()
    token = profile_calendar_token_issue(user=delegate_user)

    response = client.get(reverse("meetings:actions_calendar_feed", args=[token]))

    events = Calendar.from_ical(response.getvalue()).walk("VEVENT")
    assert [(str(event["summary"]), event.decoded("dtstart")) for event in events] == [
        ("Due: Revise the SPAN proposal", datetime.date(2002, 12, 1))
    ]


def test_calendar_feed_secretariat_has_every_unfinished_action(client, secretariat_user):
    two_economies()
    token = profile_calendar_token_issue(user=secretariat_user)

    response = client.get(reverse("meetings:actions_calendar_feed", args=[token]))

    assert len(Calendar.from_ical(response.getvalue()).walk("VEVENT")) == 2


def test_calendar_feed_revoked_token_not_found(client, delegate_user):
    token = profile_calendar_token_issue(user=delegate_user)
    profile_calendar_token_revoke(user=delegate_user)

    response = client.get(reverse("meetings:actions_calendar_feed", args=[token]))

    assert response.status_code == 404


def test_calendar_feed_regenerated_token_replaces_old(client, delegate_user):
    old = profile_calendar_token_issue(user=delegate_user)
    new = profile_calendar_token_issue(user=delegate_user)

    statuses = [client.get(reverse("meetings:actions_calendar_feed", args=[token])).status_code for token in (old, new)]

    assert statuses == [404, 200]


@pytest.mark.parametrize("do", ["issue", "revoke", "nonsense", ""])
def test_calendar_token_form_redirects_to_safe_next(do, delegate_client, delegate_user):
    response = delegate_client.post(reverse("meetings:actions_calendar_token"),
                                    {"do": do, "next": "https://evil.example/"})

    delegate_user.profile.refresh_from_db()
    assert (response.status_code, response["Location"], bool(delegate_user.profile.calendar_token)) == (
        302, TRACKER, do != "revoke"
    )


def test_calendar_token_form_refuses_get(delegate_client):
    response = delegate_client.get(reverse("meetings:actions_calendar_token"))

    assert response.status_code == 405


# The action page.


def test_action_page_shows_decision_and_history(delegate_client, delegate_user, secretariat_user):
    action = two_economies().mexico_action
    action_report_progress(action=action, user=secretariat_user, note="Kick-off held", status="in_progress",
                           version=action.version)

    response = delegate_client.get(action.get_absolute_url())

    content = response.content.decode()
    timeline = response.context["timeline"]
    assert ("The Group agreed to revise SPAN." in content,
            [(entry.kind, entry.who, entry.text, entry.changes) for entry in timeline]) == (
        True,
        [("note", "sec", "Kick-off held", [("Status", "Open", "In progress")]),
         ("change", "the system", "Recorded", [])],
    )


def test_action_page_history_shows_staff_edit_of_due_date(delegate_client, secretariat_user):
    action = two_economies().mexico_action
    action._history_user = secretariat_user
    action.due_date = datetime.date(2003, 1, 15)
    action.save()

    response = delegate_client.get(action.get_absolute_url())

    assert response.context["timeline"][0].changes == [("Due date", "2002-12-01", "2003-01-15")]


def test_action_page_history_shows_responsible_economy_added(delegate_client, secretariat_user):
    action = two_economies().mexico_action
    action._history_user = secretariat_user
    action.responsible_economies.add(economy("CHL"))

    response = delegate_client.get(action.get_absolute_url())

    assert response.context["timeline"][0].changes == [("Responsible economies", "Mexico", "Chile; Mexico")]


def test_action_report_note_saved_and_redirects(delegate_client, delegate_user):
    action = two_economies().mexico_action

    response = delegate_client.post(action.get_absolute_url(),
                                    {"note": "  Draft sent to members  ", "status": "open", "version": action.version})

    note = ProgressNote.objects.get(action=action)
    action.refresh_from_db()
    assert (response.status_code, note.text, note.author, note.status_after, action.version) == (
        302, "Draft sent to members", delegate_user, "", 2
    )


def test_action_report_on_adopted_meeting_allowed(delegate_client):
    action = two_economies(meeting_status=MeetingStatus.ADOPTED).mexico_action

    response = delegate_client.post(action.get_absolute_url(),
                                    {"note": "", "status": "done", "version": action.version})

    action.refresh_from_db()
    assert (response.status_code, action.status) == (302, ActionStatus.DONE)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"note": "", "status": "open"}, "note", "Write a progress note or change the status."),
        ({"note": "   ", "status": "open"}, "note", "Write a progress note or change the status."),
        ({"note": "Typed text", "status": "finished"}, "status", "Select a valid choice."),
        ({"note": "Typed text", "status": ""}, "status", "This field is required."),
        ({"note": "x" * 5001, "status": "open"}, "note", "This is 5001 characters long; the limit is 5000."),
    ],
)
def test_action_report_bad_input_keeps_typed_text(data, field, message, delegate_client):
    action = two_economies().mexico_action

    response = delegate_client.post(action.get_absolute_url(), {**data, "version": action.version})

    form = response.context["form"]
    assert (response.status_code, message in " ".join(form.errors[field]), form["note"].value(),
            ProgressNote.objects.count()) == (200, True, data["note"], 0)


@pytest.mark.parametrize("version", ["", "abc", "0"])
def test_action_report_bad_version_refused(version, delegate_client):
    action = two_economies().mexico_action

    response = delegate_client.post(action.get_absolute_url(), {"note": "Typed", "status": "open", "version": version})

    assert (response.status_code, "version" in response.context["form"].errors, ProgressNote.objects.count()) == (
        200, True, 0
    )


def test_action_report_missing_action_not_found(delegate_client):
    response = delegate_client.post("/meetings/actions/999999/", {"note": "x", "status": "open", "version": 1})

    assert response.status_code == 404


def test_action_report_concurrent_update_keeps_typed_text(delegate_client, secretariat_user):
    action = two_economies().mexico_action
    seen_version = action.version
    action_report_progress(action=action, user=secretariat_user, note="", status="in_progress", version=seen_version)

    response = delegate_client.post(action.get_absolute_url(),
                                    {"note": "My careful report", "status": "done", "version": seen_version})

    action.refresh_from_db()
    form = response.context["form"]
    assert (response.status_code, action.status, form["note"].value(), form["status"].value(),
            form["version"].value(), "Someone else updated this action" in response.content.decode()) == (
        409, ActionStatus.IN_PROGRESS, "My careful report", "done", action.version, True
    )


def test_action_report_after_conflict_saves_on_second_try(delegate_client, secretariat_user):
    action = two_economies().mexico_action
    seen_version = action.version
    action_report_progress(action=action, user=secretariat_user, note="Staff note", status="open", version=seen_version)
    first = delegate_client.post(action.get_absolute_url(), {"note": "Mine", "status": "done", "version": seen_version})

    second = delegate_client.post(action.get_absolute_url(),
                                  {"note": "Mine", "status": "done", "version": first.context["form"]["version"].value()})

    action.refresh_from_db()
    assert (first.status_code, second.status_code, action.status) == (409, 302, ActionStatus.DONE)


def test_action_report_service_refuses_empty_report(delegate_user):
    action = two_economies().mexico_action

    with pytest.raises(ActionProgressRefused):
        action_report_progress(action=action, user=delegate_user, note=" ", status="open", version=action.version)


def test_action_report_service_refuses_unknown_status(delegate_user):
    action = two_economies().mexico_action

    with pytest.raises(ActionProgressRefused):
        action_report_progress(action=action, user=delegate_user, note="x", status="finished", version=action.version)


# My economy's dashboard.


def test_dashboard_splits_actions_and_shows_projects_and_next_meeting(delegate_client, settings):
    actions = two_economies()
    done = ActionFactory(agenda_item=actions.mexico_action.agenda_item, text="Sent the letter", economies=["MEX"],
                         status="done")
    upcoming = ActionFactory(agenda_item=actions.mexico_action.agenda_item, text="Far away", economies=["MEX"],
                             due_next_meeting=False, due_date=datetime.date(2999, 1, 1))
    project = ProjectFactory(title="SME Profile")
    project.proposing_economies.set([economy("MEX"), economy("CDA")])
    ProjectFactory(title="Not Mexico's").proposing_economies.set([economy("JPN")])
    MeetingFactory(number=99, status="planned", city="Later", start_date=datetime.date(2999, 5, 1),
                   end_date=datetime.date(2999, 5, 2))
    MeetingFactory(number=98, status="planned", city="Sooner", start_date=datetime.date(2998, 5, 1),
                   end_date=datetime.date(2998, 5, 2))

    response = delegate_client.get(reverse("meetings:my_economy"))

    split = response.context["actions"]
    assert ([a.pk for a in split.overdue], [a.pk for a in split.open], [a.pk for a in split.recently_done],
            [p.title for p in response.context["projects"]], response.context["next_meeting"].city) == (
        [actions.mexico_action.pk], [upcoming.pk], [done.pk], ["SME Profile"], "Sooner"
    )


def test_dashboard_next_meeting_due_shows_its_date_as_the_tracker_does(delegate_client):
    first = MeetingFactory(number=15, status="adopted", start_date=datetime.date(2002, 8, 20),
                           end_date=datetime.date(2002, 8, 21))
    ActionFactory(agenda_item=AgendaItemFactory(meeting=first), text="Report by next meeting", economies=["MEX"],
                  due_next_meeting=True)
    MeetingFactory(number=16, start_date=datetime.date(2003, 2, 10), end_date=datetime.date(2003, 2, 11))

    action = Action.objects.get(text="Report by next meeting")
    dashboard = delegate_client.get(reverse("meetings:my_economy")).content.decode()
    tracker = delegate_client.get(TRACKER).content.decode()
    action_page = delegate_client.get(action.get_absolute_url()).content.decode()

    due = 'By the next meeting <span class="text-muted text-nowrap">(10 Feb 2003)</span>'
    assert (due in dashboard, due in tracker, due in action_page) == (True, True, True)


def test_dashboard_secretariat_picks_an_economy(secretariat_client):
    two_economies()

    response = secretariat_client.get(reverse("meetings:my_economy"), {"economy": "JPN"})

    assert [a.text for a in response.context["actions"].overdue] == ["Host the SME finance seminar"]


def test_dashboard_secretariat_bad_economy_shows_picker(secretariat_client):
    response = secretariat_client.get(reverse("meetings:my_economy"), {"economy": "<script>"})

    assert (response.status_code, response.context["economy"]) == (200, None)


def test_home_sends_delegate_to_dashboard(delegate_client):
    response = delegate_client.get(reverse("home"))

    assert response["Location"] == reverse("meetings:my_economy")


def test_nav_shows_actions_and_my_economy_to_delegate(delegate_client):
    content = delegate_client.get(reverse("meetings:my_economy")).content.decode()

    assert (f'href="{TRACKER}"' in content, f'href="{reverse("meetings:my_economy")}"' in content) == (True, True)


# The review list and carrying forward are tested in test_review_list.py.


def test_action_page_links_adopted_meeting_for_delegate(delegate_client):
    action = two_economies().mexico_action
    meeting = action.agenda_item.meeting
    meeting.status = MeetingStatus.ADOPTED
    meeting.save()

    response = delegate_client.get(action.get_absolute_url())

    assert f'href="{meeting.get_absolute_url()}"' in response.content.decode()


def test_action_page_no_meeting_link_for_delegate_while_draft(delegate_client):
    action = two_economies().mexico_action
    meeting = action.agenda_item.meeting
    meeting.status = MeetingStatus.DRAFTED
    meeting.save()

    response = delegate_client.get(action.get_absolute_url())

    assert f'href="{meeting.get_absolute_url()}"' not in response.content.decode()
