"""Who may do what with an agreed action: every role against every endpoint.

The Mexico action is the object under test; the Japan action is what a forged request
from Mexico's delegate aims at.
"""
import pytest
from django.urls import reverse

from accounts.services import profile_calendar_token_issue
from meetings.models import ActionStatus, ProgressNote
from tests.meetings.actions_arrange import two_economies

pytestmark = pytest.mark.django_db

ROLES = ["secretariat", "chair", "delegate", "other_delegate", "anonymous"]
LOGIN = "login"

# role -> (view, add note, change status, CSV export, calendar feed)
EXPECTED = {
    "secretariat": (200, 302, 302, 200, 200),
    "chair": (200, 403, 403, 200, 200),
    "delegate": (200, 302, 302, 200, 200),
    "other_delegate": (404, 404, 404, 200, 200),  # another economy's action: as if it did not exist
    "anonymous": (LOGIN, LOGIN, LOGIN, LOGIN, 404),
}


@pytest.fixture
def signed_in(request, client):
    """A client signed in as the role named by the test's parameter (or anonymous)."""
    role = request.param if hasattr(request, "param") else None
    return client, role


def _client_for(role, client, request):
    if role == "anonymous":
        return client, None
    user = request.getfixturevalue(f"{role}_user")
    client.force_login(user)
    return client, user


def _assert_status(response, expected):
    if expected == LOGIN:
        assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_action_view_by_role(role, client, request):
    actions = two_economies()
    client, _user = _client_for(role, client, request)

    response = client.get(actions.mexico_action.get_absolute_url())

    _assert_status(response, EXPECTED[role][0])


@pytest.mark.parametrize("role", ROLES)
def test_action_add_note_by_role(role, client, request):
    action = two_economies().mexico_action
    client, _user = _client_for(role, client, request)

    response = client.post(action.get_absolute_url(),
                           {"note": "Draft circulated", "status": action.status, "version": action.version})

    _assert_status(response, EXPECTED[role][1])
    written = 1 if EXPECTED[role][1] == 302 and role != "anonymous" else 0
    assert ProgressNote.objects.filter(action=action).count() == written


@pytest.mark.parametrize("role", ROLES)
def test_action_change_status_by_role(role, client, request):
    action = two_economies().mexico_action
    client, _user = _client_for(role, client, request)

    response = client.post(action.get_absolute_url(),
                           {"note": "", "status": ActionStatus.DONE, "version": action.version})

    _assert_status(response, EXPECTED[role][2])
    action.refresh_from_db()
    allowed = EXPECTED[role][2] == 302 and role != "anonymous"
    assert action.status == (ActionStatus.DONE if allowed else ActionStatus.OPEN)


@pytest.mark.parametrize("role", ROLES)
def test_action_csv_export_by_role(role, client, request):
    two_economies()
    client, _user = _client_for(role, client, request)

    response = client.get(reverse("meetings:actions_csv"))

    _assert_status(response, EXPECTED[role][3])


@pytest.mark.parametrize("role", ROLES)
def test_action_calendar_feed_by_role(role, client, request):
    two_economies()
    _anonymous, user = _client_for(role, client, request)
    client.logout()  # a calendar app has no session
    token = profile_calendar_token_issue(user=user) if user else "not-a-token"

    response = client.get(reverse("meetings:actions_calendar_feed", args=[token]))

    _assert_status(response, EXPECTED[role][4])


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.OPEN])
def test_action_forged_post_for_other_economy_refused(status, delegate_client):
    japan_action = two_economies().japan_action

    response = delegate_client.post(japan_action.get_absolute_url(),
                                    {"note": "Forged", "status": status, "version": japan_action.version})

    japan_action.refresh_from_db()
    assert (response.status_code, japan_action.status, ProgressNote.objects.count()) == (404, ActionStatus.OPEN, 0)


def test_action_view_by_user_without_role_refused(client, django_user_model):
    action = two_economies().mexico_action
    client.force_login(django_user_model.objects.create_user("nobody", password="pw"))

    responses = [client.get(action.get_absolute_url()).status_code,
                 client.get(reverse("meetings:actions")).status_code,
                 client.get(reverse("meetings:actions_csv")).status_code,
                 client.get(reverse("meetings:my_economy")).status_code]

    assert responses == [403, 403, 403, 403]


def test_action_calendar_feed_of_user_without_role_is_not_found(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="pw")
    token = profile_calendar_token_issue(user=user)

    response = client.get(reverse("meetings:actions_calendar_feed", args=[token]))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["secretariat", "chair", "delegate", "other_delegate"])
def test_action_tracker_and_dashboard_open_to_every_role(role, client, request):
    two_economies()
    client, _user = _client_for(role, client, request)

    statuses = [client.get(reverse("meetings:actions")).status_code,
                client.get(reverse("meetings:my_economy")).status_code]

    assert statuses == [200, 200]


def test_action_tracker_anonymous_redirected_to_sign_in(client):
    response = client.get(reverse("meetings:actions"))

    _assert_status(response, LOGIN)
