"""The settings page where a user turns e-mail reminders of due actions off and on."""
import pytest
from django.contrib.auth.models import User

from accounts.models import Profile

pytestmark = pytest.mark.django_db

URL = "/accounts/settings/"


def test_reminder_settings_anonymous_goes_to_sign_in(client):
    response = client.get(URL)

    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={URL}")


def test_reminder_settings_delegate_turns_reminders_off_and_on(delegate_client, delegate_user):
    off = delegate_client.post(URL, {})
    after_off = Profile.objects.get(user=delegate_user).action_reminders
    on = delegate_client.post(URL, {"action_reminders": "on"}, follow=True)

    assert (off.status_code, after_off, Profile.objects.get(user=delegate_user).action_reminders) == (302, False, True)
    assert "E-mail reminders of due actions are on." in on.content.decode()


def test_reminder_settings_shows_current_choice(delegate_client, delegate_user):
    Profile.objects.filter(user=delegate_user).update(action_reminders=False)

    response = delegate_client.get(URL)

    assert (response.status_code, response.context["form"].initial["action_reminders"]) == (200, False)


def test_reminder_settings_user_without_profile_gets_one(client):
    user = User.objects.create_user("norole", password="pw")
    client.force_login(user)

    response = client.post(URL, {"action_reminders": "on"})

    assert (response.status_code, Profile.objects.get(user=user).action_reminders) == (302, True)


def test_reminder_settings_non_delegate_is_told_reminders_are_for_delegates(secretariat_client):
    response = secretariat_client.get(URL)

    assert 'id="no-reminders-note"' in response.content.decode()


def test_reminder_settings_delegate_without_email_is_warned(delegate_client, delegate_user):
    delegate_user.email = ""
    delegate_user.save()

    response = delegate_client.get(URL)

    assert 'id="no-email-note"' in response.content.decode()


def test_reminder_settings_junk_value_does_not_fail(delegate_client, delegate_user):
    response = delegate_client.post(URL, {"action_reminders": "\x00junk"})

    assert response.status_code in (302, 400)


def test_reminder_settings_refuses_other_methods(delegate_client):
    assert delegate_client.put(URL).status_code == 405
