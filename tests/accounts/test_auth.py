"""Sign-in, sign-out, password change and reset, and throttling of password guessing (django-axes)."""
import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_login_right_password_signs_in_and_goes_home(client, secretariat_user):
    response = sign_in(client, "sec", "pw-sec")

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session[SESSION_KEY] == str(secretariat_user.pk)


def test_sign_in_lasts_twelve_hours(client, secretariat_user):
    response = sign_in(client, "sec", "pw-sec")

    assert (settings.SESSION_COOKIE_AGE, response.cookies["sessionid"]["max-age"]) == (12 * 60 * 60, 12 * 60 * 60)


def test_login_wrong_password_message_and_username_kept(client, secretariat_user):
    response = sign_in(client, "sec", "wrong")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in body
    assert 'value="sec"' in body
    assert SESSION_KEY not in client.session


def test_login_page_is_reachable_anonymously(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert "Forgotten your password?" in response.content.decode()


def test_logout_post_signs_out(secretariat_client):
    response = secretariat_client.post(reverse("logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in secretariat_client.session


def test_logout_get_is_refused(secretariat_client):
    response = secretariat_client.get(reverse("logout"))

    assert response.status_code == 405
    assert SESSION_KEY in secretariat_client.session


def test_password_change_needs_sign_in(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_password_change_wrong_old_password_error_beside_field(secretariat_client):
    response = secretariat_client.post(reverse("password_change"), {
        "old_password": "nope", "new_password1": "A-much-better-one-42", "new_password2": "A-much-better-one-42",
    })

    assert list(response.context["form"].errors) == ["old_password"]


def test_password_change_works(secretariat_client, secretariat_user):
    response = secretariat_client.post(reverse("password_change"), {
        "old_password": "pw-sec", "new_password1": "A-much-better-one-42", "new_password2": "A-much-better-one-42",
    })

    secretariat_user.refresh_from_db()
    assert response.status_code == 302
    assert secretariat_user.check_password("A-much-better-one-42")


def test_password_reset_mails_a_link_that_sets_a_new_password(client, secretariat_user):
    response = client.post(reverse("password_reset"), {"email": "sec@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sec@example.org"]
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "A-fresh-password-77", "new_password2": "A-fresh-password-77",
    })
    secretariat_user.refresh_from_db()
    assert done.status_code == 302
    assert secretariat_user.check_password("A-fresh-password-77")


def test_password_reset_unknown_address_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


# Throttling.


def test_lockout_after_repeated_failures_with_clear_message(client, secretariat_user):
    for _ in range(settings.SIGN_IN_FAILURES_PER_USER - 1):
        assert sign_in(client, "sec", "wrong").status_code == 200

    locked = sign_in(client, "sec", "wrong")
    right_password_too = sign_in(client, "sec", "pw-sec")

    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert right_password_too.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_by_user_and_address(client, secretariat_user, chair_user):
    for _ in range(settings.SIGN_IN_FAILURES_PER_USER):
        sign_in(client, "sec", "wrong", address="10.0.0.1")

    same_user_other_address = sign_in(client, "sec", "pw-sec", address="10.0.0.2")
    client.logout()
    other_user_same_address = sign_in(client, "chair", "pw-chair", address="10.0.0.1")

    assert same_user_other_address.status_code == 302
    assert other_user_same_address.status_code == 302


def test_failures_below_the_limit_reset_on_success(client, secretariat_user):
    for _ in range(settings.SIGN_IN_FAILURES_PER_USER - 1):
        sign_in(client, "sec", "wrong")
    sign_in(client, "sec", "pw-sec")
    client.logout()

    after_reset = [sign_in(client, "sec", "wrong").status_code for _ in range(settings.SIGN_IN_FAILURES_PER_USER - 1)]

    assert after_reset == [200] * (settings.SIGN_IN_FAILURES_PER_USER - 1)


def test_password_spray_across_many_usernames_from_one_address_is_locked_out(client, secretariat_user):
    statuses = [sign_in(client, f"user{n}", "Summer2024!").status_code
                for n in range(settings.SIGN_IN_FAILURES_PER_ADDRESS + 1)]

    right_password_same_address = sign_in(client, "sec", "pw-sec")
    other_address = sign_in(client, "sec", "pw-sec", address="10.0.0.2")

    assert (statuses[:settings.SIGN_IN_FAILURES_PER_ADDRESS - 1], statuses[-1]) == (
        [200] * (settings.SIGN_IN_FAILURES_PER_ADDRESS - 1), 429)
    assert (right_password_same_address.status_code, other_address.status_code) == (429, 302)


def _sign_in_through_proxy(client, username, password, forwarded_for):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="172.18.0.5",
                       HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_trusted_proxy_clients_are_told_apart_by_forwarded_address(client, settings, secretariat_user):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.SIGN_IN_FAILURES_PER_ADDRESS):
        # The left entry is the attacker's own claim; the proxy's entry is the right one.
        _sign_in_through_proxy(client, f"user{n}", "wrong", forwarded_for=f"10.9.9.{n}, 198.51.100.7")

    attacker = _sign_in_through_proxy(client, "sec", "pw-sec", forwarded_for="198.51.100.7")
    someone_else = _sign_in_through_proxy(client, "sec", "pw-sec", forwarded_for="198.51.100.8")

    assert (attacker.status_code, someone_else.status_code) == (429, 302)


def test_forwarded_address_ignored_without_a_trusted_proxy(client, secretariat_user):
    for n in range(settings.SIGN_IN_FAILURES_PER_ADDRESS):
        _sign_in_through_proxy(client, f"user{n}", "wrong", forwarded_for=f"198.51.100.{n}")

    response = _sign_in_through_proxy(client, "sec", "pw-sec", forwarded_for="198.51.100.200")

    assert response.status_code == 429


def test_password_reset_mails_one_address_at_most_the_limit_and_every_answer_is_the_same(client, secretariat_user):
    responses = [client.post(reverse("password_reset"), {"email": "sec@example.org"}) for _ in range(11)]

    assert ({(response.status_code, response["Location"]) for response in responses}, len(mail.outbox)) == (
        {(302, reverse("password_reset_done"))}, settings.PASSWORD_RESETS_PER_EMAIL)


def test_password_reset_requests_from_one_address_are_limited(client, settings, secretariat_user, chair_user,
                                                             delegate_user):
    settings.PASSWORD_RESETS_PER_ADDRESS = 2

    for email in ["sec@example.org", "chair@example.org", "mex@example.org"]:
        client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR="10.0.0.1")
    from_elsewhere = client.post(reverse("password_reset"), {"email": "mex@example.org"}, REMOTE_ADDR="10.0.0.2")

    assert ([message.to for message in mail.outbox], from_elsewhere.status_code) == (
        [["sec@example.org"], ["chair@example.org"], ["mex@example.org"]], 302)
