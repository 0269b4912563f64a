"""The numbers page: figures per role, date filters, CSV, queries, permissions."""
import datetime

import pytest
from django.contrib.auth.models import User

from insights.selectors import (
    NumbersScope,
    actions_open_per_economy,
    actions_per_meeting,
    attendance_grid,
    completion_times,
    numbers_meetings,
    participants_by_sex,
)
from meetings.models import Economy, Forum
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory, ParticipantFactory

from .record import small_record

pytestmark = pytest.mark.django_db

URL = "/insights/SMEWG/"
TODAY = datetime.date(2012, 1, 1)


def _scope(user, economy=None, start=None, end=None) -> NumbersScope:
    forum = Forum.objects.get(code="SMEWG")
    return NumbersScope(forum, numbers_meetings(user=user, forum=forum, start=start, end=end), economy, TODAY)


def test_numbers_staff_count_every_economy_and_every_meeting(secretariat_user):
    small_record()
    scope = _scope(secretariat_user)

    grid = attendance_grid(scope)
    sexes = participants_by_sex(scope)
    actions = actions_per_meeting(scope)
    open_actions = actions_open_per_economy(scope)

    assert [(m.number, grid.present.get(m.pk, 0)) for m in grid.meetings] == [(20, 3), (21, 1)]
    assert [(r.meeting.number, r.female, r.male, r.other, r.female_share) for r in sexes] == [
        (20, 1, 2, 1, 25), (21, 1, 0, 0, 100)
    ]
    assert [(r.meeting.number, r.agreed, r.done, r.unfinished) for r in actions] == [(20, 3, 1, 2), (21, 1, 0, 1)]
    assert [(r.economy.code, r.unfinished, r.overdue) for r in open_actions] == [("JPN", 1, 0), ("MEX", 2, 2)]


def test_numbers_delegate_counts_own_economy_in_adopted_meetings_only(delegate_user):
    small_record()
    mexico = Economy.objects.get(code="MEX")
    scope = _scope(delegate_user, economy=mexico)

    grid = attendance_grid(scope)
    sexes = participants_by_sex(scope)
    actions = actions_per_meeting(scope)
    open_actions = actions_open_per_economy(scope)

    assert ([m.number for m in grid.meetings], [e.code for e in grid.economies], grid.totals) == ([20], ["MEX"], [1])
    assert [(r.female, r.male, r.other) for r in sexes] == [(1, 1, 0)]
    assert [(r.agreed, r.done) for r in actions] == [(2, 1)]
    assert [(r.economy.code, r.unfinished, r.overdue) for r in open_actions] == [("MEX", 1, 1)]


def test_numbers_completion_time_from_meeting_end_to_done_note(secretariat_user):
    record = small_record()
    quick = ActionFactory(agenda_item=record.mexico_done.agenda_item, text="Quick one", status="done")
    type(quick).objects.filter(pk=quick.pk).update(modified=datetime.datetime(2010, 4, 20, tzinfo=datetime.UTC))

    completion = completion_times(_scope(secretariat_user))

    assert (completion.done, completion.buckets) == (2, [
        ("Within 3 months", 1), ("3 to 6 months", 1), ("6 to 12 months", 0), ("1 to 2 years", 0), ("Over 2 years", 0)
    ])


def test_numbers_date_range_keeps_meetings_starting_within_it(secretariat_user):
    small_record()

    scope = _scope(secretariat_user, start=datetime.date(2011, 1, 1), end=datetime.date(2011, 12, 31))

    assert [m.number for m in attendance_grid(scope).meetings] == [21]


def test_numbers_page_shows_a_chart_and_a_table_for_each_figure(secretariat_client):
    small_record()

    response = secretariat_client.get(URL)

    html = response.content.decode()
    charts = ["attendance", "participants", "actions", "open", "completion"]
    assert response.status_code == 200
    assert [(f'id="chart-{c}"' in html, f'id="table-{c}"' in html, f"/insights/SMEWG/{c}.csv" in html)
            for c in charts] == [(True, True, True)] * 5
    assert 'id="heatmap"' in html and "<style" not in html.split("<main")[1] and "style=" not in html.split("<main")[1]


def test_numbers_page_bad_dates_say_so_and_keep_what_was_typed(secretariat_client):
    small_record()

    response = secretariat_client.get(URL, {"start": "2011-05-01", "end": "2010-01-01"})

    html = response.content.decode()
    assert (response.status_code, 'id="filter-errors"' in html, 'value="2011-05-01"' in html,
            "The end of the range is before its start." in html) == (200, True, True, True)
    assert [m.number for m in response.context["grid"].meetings] == [20, 21]


def test_numbers_page_junk_dates_are_refused_with_a_message(secretariat_client):
    response = secretariat_client.get(URL, {"start": "\x00", "end": "not-a-date"})

    assert (response.status_code, "Enter a valid date." in response.content.decode()) == (200, True)


def test_numbers_csv_has_the_table_numbers(secretariat_client):
    small_record()

    response = secretariat_client.get("/insights/SMEWG/participants.csv")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert lines == [
        "Meeting,Start date,Female,Male,Other / not stated,Total,Women (%)",
        '"20th SMEWG meeting, Lima",2010-04-01,1,2,1,4,25',
        '"21st SMEWG meeting, Quito",2011-04-01,1,0,0,1,100',
    ]


def test_numbers_csv_of_delegate_has_own_economy_only(delegate_client):
    small_record()

    attendance = delegate_client.get("/insights/SMEWG/attendance.csv").content.decode("utf-8-sig").splitlines()
    open_actions = delegate_client.get("/insights/SMEWG/open.csv").content.decode("utf-8-sig").splitlines()

    assert attendance == ["Meeting,Start date,MEX,Economies present", '"20th SMEWG meeting, Lima",2010-04-01,Member,1']
    assert open_actions[1:] == ["Mexico,MEX,1,1"]


def test_numbers_csv_bad_filter_is_a_400_saying_why(secretariat_client):
    response = secretariat_client.get("/insights/SMEWG/actions.csv", {"start": "2012-01-01", "end": "2011-01-01"})

    assert (response.status_code, response.content.decode()) == (
        400, "The filters are not valid: The end of the range is before its start."
    )


def test_numbers_csv_unknown_chart_is_404(secretariat_client):
    assert secretariat_client.get("/insights/SMEWG/nothing.csv").status_code == 404


def test_numbers_unknown_forum_is_404(secretariat_client):
    assert secretariat_client.get("/insights/NOPE/").status_code == 404


def test_numbers_default_goes_to_smewg(chair_client):
    response = chair_client.get("/insights/")

    assert (response.status_code, response.url) == (302, URL)


@pytest.mark.parametrize("path", [URL, "/insights/SMEWG/open.csv", "/insights/", "/insights/search/"])
def test_numbers_and_search_anonymous_go_to_sign_in(client, path):
    response = client.get(path)

    assert (response.status_code, response.url.startswith("/accounts/login/")) == (302, True)


@pytest.mark.parametrize("path", [URL, "/insights/SMEWG/open.csv", "/insights/search/"])
def test_numbers_and_search_user_without_role_is_refused(client, path):
    client.force_login(User.objects.create_user("norole", password="pw"))

    assert client.get(path).status_code == 403


def test_numbers_delegate_without_economy_is_refused(client):
    from accounts.models import Profile
    from accounts.services import user_create_with_role

    user = user_create_with_role(username="lost", password="pw", role="Delegate", economy=Economy.objects.first())
    Profile.objects.filter(user=user).update(economy=None)
    client.force_login(user)

    assert client.get(URL).status_code == 403


def test_numbers_refuses_post(secretariat_client):
    assert secretariat_client.post(URL).status_code == 405


def _meetings_with_everything(count: int) -> None:
    for index in range(count):
        day = datetime.date(2005 + index, 3, 1)
        meeting = MeetingFactory(number=40 + index, status="adopted", start_date=day, end_date=day)
        ParticipantFactory(meeting=meeting, economy=Economy.objects.get(code="MEX"))
        ActionFactory(agenda_item=AgendaItemFactory(meeting=meeting), economies=["MEX"])


@pytest.mark.parametrize("meetings", [1, 3])
def test_numbers_page_query_count_is_constant(secretariat_client, django_assert_num_queries, meetings):
    _meetings_with_everything(meetings)

    with django_assert_num_queries(15):
        secretariat_client.get(URL)


def test_numbers_delegate_open_actions_shared_with_another_economy_count_for_own_only(delegate_user):
    record = small_record()
    ActionFactory(agenda_item=record.mexico_done.agenda_item, text="Joint study", economies=["MEX", "JPN"],
                  due_next_meeting=False)

    rows = actions_open_per_economy(_scope(delegate_user, economy=Economy.objects.get(code="MEX")))

    assert [(r.economy.code, r.unfinished, r.overdue) for r in rows] == [("MEX", 2, 1)]
