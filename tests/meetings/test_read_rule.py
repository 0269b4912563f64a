"""The read rule seen from a delegate of Mexico (issue 11): nothing of Chile's progress and
nothing of a meeting before its summary is adopted, on any page, export, feed, search or
e-mail; and query parameters that no form accepts are a message, never a 500.

The rule itself is in ``meetings/selectors.py``; the status of every URL for every role is in
``tests/test_permission_matrix.py``.
"""
import datetime
from dataclasses import dataclass

import pytest
from django.core import mail
from django.urls import reverse

from accounts.services import profile_calendar_token_issue
from meetings.models import Action, Meeting, ProgressNote
from meetings.notifications import overdue_digest_messages, progress_note_recipients
from meetings.services import action_report_progress
from projects.models import ProjectReport
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db

# What a delegate of Mexico must never read, wherever it would show.
SECRETS = (
    "Chile secret note",       # Chile's progress on Chile's action of an adopted meeting
    "Draftville",              # the city of a meeting whose summary is still a draft
    "Draft agenda heading",    # an agenda item of that meeting
    "Draft action for Mexico",  # Mexico's own action of that meeting
    "Draft-stage note",        # a note on it
)


@dataclass
class Record:
    adopted: Meeting
    draft: Meeting
    mexico: Action
    chile: Action
    draft_mexico: Action


def _record(secretariat_user) -> Record:
    adopted = MeetingFactory(number=15, status="adopted", city="Acapulco",
                             start_date=datetime.date(2002, 8, 20), end_date=datetime.date(2002, 8, 21))
    item = AgendaItemFactory(meeting=adopted, position=1, title="SME finance")
    mexico = ActionFactory(agenda_item=item, text="Mexico to revise SPAN", economies=["MEX"],
                           due_next_meeting=False, due_date=datetime.date(2002, 12, 1))
    chile = ActionFactory(agenda_item=item, text="Chile to host the seminar", economies=["CHL"],
                          due_next_meeting=False, due_date=datetime.date(2002, 12, 1))
    ProgressNote.objects.create(action=mexico, author=secretariat_user, text="Mexico sent the draft")
    ProgressNote.objects.create(action=chile, author=secretariat_user, text="Chile secret note")

    draft = MeetingFactory(number=16, status="drafted", city="Draftville",
                           start_date=datetime.date(2003, 2, 10), end_date=datetime.date(2003, 2, 11))
    draft_item = AgendaItemFactory(meeting=draft, position=1, title="Draft agenda heading")
    draft_mexico = ActionFactory(agenda_item=draft_item, text="Draft action for Mexico", economies=["MEX"],
                                 due_next_meeting=False, due_date=datetime.date(2002, 12, 15))
    ProgressNote.objects.create(action=draft_mexico, author=secretariat_user, text="Draft-stage note")
    project = ProjectFactory(title="SME finance toolkit")
    ProjectReport.objects.create(project=project, meeting=adopted, agenda_item=item, kind="reported")
    ProjectReport.objects.create(project=project, meeting=draft, agenda_item=draft_item, kind="approved")
    return Record(adopted, draft, mexico, chile, draft_mexico)


@pytest.fixture
def record(secretariat_user):
    return _record(secretariat_user)


def _body(response) -> str:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _leaks(body: str) -> list[str]:
    return [secret for secret in SECRETS if secret in body]


TRACKER_QUERIES = [{}, {"economy": ""}, {"economy": "CHL"}, {"q": "secret"}, {"status": "all"}]


@pytest.mark.parametrize("query", TRACKER_QUERIES)
def test_delegate_tracker_and_csv_show_only_their_economy_of_adopted_meetings(record, delegate_client, query):
    tracker = _body(delegate_client.get(reverse("meetings:actions"), query))
    csv = _body(delegate_client.get(reverse("meetings:actions_csv"), query))

    assert (_leaks(tracker), _leaks(csv), "Chile to host" in tracker + csv) == ([], [], False)


def test_delegate_tracker_names_their_own_actions_and_latest_note(record, delegate_client):
    csv = _body(delegate_client.get(reverse("meetings:actions_csv")))

    assert ("Mexico to revise SPAN" in csv, "Mexico sent the draft" in csv) == (True, True)


def test_delegate_tracker_meeting_filter_offers_only_adopted_meetings(record, delegate_client):
    response = delegate_client.get(reverse("meetings:actions"))

    form = response.context["form"]
    assert (list(form.fields["meeting"].queryset), [e.code for e in form.fields["economy"].queryset]) == (
        [record.adopted], ["MEX"]
    )


def test_delegate_tracker_filtered_on_a_draft_meeting_shows_nothing_of_it(record, delegate_client):
    body = _body(delegate_client.get(reverse("meetings:actions"), {"meeting": record.draft.pk}))

    assert _leaks(body) == []


def test_delegate_calendar_feed_holds_only_their_adopted_actions(record, delegate_user, client):
    token = profile_calendar_token_issue(user=delegate_user)

    feed = _body(client.get(reverse("meetings:actions_calendar_feed", args=[token])))

    assert ("Mexico to revise SPAN" in feed, _leaks(feed), "Chile to host" in feed) == (True, [], False)


def test_delegate_dashboard_holds_only_their_adopted_actions(record, delegate_client):
    body = _body(delegate_client.get(reverse("meetings:my_economy")))

    assert ("Mexico to revise SPAN" in body, _leaks(body), "Chile to host" in body) == (True, [], False)


def test_delegate_dashboard_cannot_be_pointed_at_another_economy(record, delegate_client):
    body = _body(delegate_client.get(reverse("meetings:my_economy"), {"economy": "CHL"}))

    assert (_leaks(body), "Chile to host" in body) == ([], False)


@pytest.mark.parametrize("words", ["secret", "Draft", "Draftville", "note"])
def test_delegate_search_finds_nothing_hidden(record, delegate_client, words):
    body = _body(delegate_client.get(reverse("insights:search"), {"q": words}))

    assert [leak for leak in _leaks(body) if leak != words] == []  # the box repeats the words


def test_delegate_numbers_leave_out_the_draft_meeting(record, delegate_client):
    page = _body(delegate_client.get(reverse("insights:numbers", args=["SMEWG"])))
    csv = _body(delegate_client.get(reverse("insights:numbers_csv", args=["SMEWG", "actions"])))

    assert (_leaks(page), _leaks(csv), "Acapulco" in csv) == ([], [], True)


def test_project_page_leaves_out_the_draft_meeting_for_a_delegate_not_for_staff(
    record, delegate_client, secretariat_user, client
):
    project = ProjectReport.objects.get(meeting=record.adopted).project
    as_delegate = _body(delegate_client.get(reverse("projects:detail", args=[project.pk])))
    client.force_login(secretariat_user)
    as_staff = _body(client.get(reverse("projects:detail", args=[project.pk])))

    assert (_leaks(as_delegate), "Draftville" in as_staff) == ([], True)


def test_review_list_links_and_shows_the_live_status_of_a_delegates_own_actions_only(
    record, client, delegate_user, secretariat_user
):
    from meetings.models import ReviewEntry

    record.chile.status = "in_progress"
    record.chile.save()
    later = MeetingFactory(number=17, status="adopted", start_date=datetime.date(2003, 9, 1),
                           end_date=datetime.date(2003, 9, 2))
    for action in (record.mexico, record.chile):
        ReviewEntry.objects.create(meeting=later, action=action, source="hand")
    url = reverse("meetings:review_section", args=[later.pk])

    client.force_login(delegate_user)
    as_delegate = _body(client.get(url))
    client.force_login(secretariat_user)
    as_staff = _body(client.get(url))

    assert (record.mexico.get_absolute_url() in as_delegate, record.chile.get_absolute_url() in as_delegate,
            "Chile to host the seminar" in as_delegate, "In progress" in as_delegate) == (True, False, True, False)
    assert (record.chile.get_absolute_url() in as_staff, "In progress" in as_staff) == (True, True)


@pytest.mark.parametrize("which", ["chile", "draft_mexico"])
def test_hidden_action_is_not_found_and_takes_no_report(record, delegate_client, which, eager_tasks):
    action = getattr(record, which)
    notes_before = ProgressNote.objects.count()

    page = delegate_client.get(action.get_absolute_url())
    post = delegate_client.post(action.get_absolute_url(),
                                {"note": "Forged", "status": "done", "version": action.version})

    action.refresh_from_db()
    assert (page.status_code, post.status_code, action.status, ProgressNote.objects.count(), len(mail.outbox)) == (
        404, 404, "open", notes_before, 0
    )


def test_progress_on_a_draft_meetings_action_mails_no_delegate(
    record, secretariat_user, delegate_user, eager_tasks, django_capture_on_commit_callbacks
):
    action = record.draft_mexico

    with django_capture_on_commit_callbacks(execute=True):
        action_report_progress(action=action, user=secretariat_user, note="Secretariat checked",
                               status="in_progress", version=action.version)

    recipients = progress_note_recipients(action=action, author=secretariat_user)
    assert ([m.to for m in mail.outbox], recipients.delegates) == ([], [])


def test_progress_on_an_adopted_meetings_action_mails_the_delegate(
    record, secretariat_user, delegate_user, eager_tasks, django_capture_on_commit_callbacks
):
    action = record.mexico

    with django_capture_on_commit_callbacks(execute=True):
        action_report_progress(action=action, user=secretariat_user, note="Secretariat checked",
                               status="in_progress", version=action.version)

    assert [m.to for m in mail.outbox] == [["mex@example.org"]]


def test_overdue_digest_tells_a_delegate_nothing_of_a_draft_meeting(record, delegate_user, secretariat_user):
    messages = overdue_digest_messages(today=datetime.date(2003, 1, 10))

    to_mexico = next(m for m in messages if m.bcc == ["mex@example.org"])
    to_staff = next(m for m in messages if m.bcc == ["sec@example.org"])
    assert ("Mexico to revise SPAN" in to_mexico.body, _leaks(to_mexico.body),
            "Draft action for Mexico" in to_staff.body) == (True, [], True)


# Query parameters no form accepts: a message or an ignored filter, never a 500.

JUNK = ["\x00", "%00", "<script>", "99999999999999999999", "-1", "ÿ" * 300]


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize("url, field", [
    ("meetings:actions", "economy"), ("meetings:actions", "meeting"), ("meetings:actions", "q"),
    ("meetings:actions", "page"), ("meetings:actions", "sort"), ("meetings:actions_csv", "status"),
    ("meetings:my_economy", "economy"), ("insights:search", "q"), ("insights:search", "year_from"),
    ("meetings:list", "page"),
])
def test_junk_query_parameters_never_fail(record, secretariat_client, delegate_user, url, field, junk):
    for client_user in (None, delegate_user):
        if client_user is not None:
            secretariat_client.force_login(client_user)
        response = secretariat_client.get(reverse(url), {field: junk})
        if response.streaming:
            b"".join(response.streaming_content)

        assert response.status_code in (200, 400), (client_user, response.status_code)


def test_dashboard_with_a_nul_economy_tells_staff_why(record, secretariat_client):
    response = secretariat_client.get(reverse("meetings:my_economy") + "?economy=%00")

    assert (response.status_code, response.context["economy"]) == (200, None)
    assert 'id="pick-problems"' in response.content.decode()
