"""Creating users with a role: the create_user command and the admin."""
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def create_user(*args):
    out = StringIO()
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


def test_create_user_delegate_with_economy_alias():
    output = create_user("kim", "--role", "Delegate", "--economy", "Korea", "--password", "pw-kim-123")

    user = User.objects.get(username="kim")
    assert output.strip() == "User kim is now Delegate for Republic of Korea."
    assert ([g.name for g in user.groups.all()], user.profile.economy.code) == (["Delegate"], "ROK")
    assert user.check_password("pw-kim-123")


def test_create_user_secretariat_has_no_economy():
    create_user("staff", "--role", "Secretariat", "--economy", "Mexico", "--password", "pw")

    user = User.objects.get(username="staff")
    assert ([g.name for g in user.groups.all()], user.profile.economy) == (["Secretariat"], None)


def test_create_user_unknown_economy_refused():
    with pytest.raises(CommandError, match="Atlantis"):
        create_user("kim", "--role", "Delegate", "--economy", "Atlantis", "--password", "pw")

    assert not User.objects.filter(username="kim").exists()


def test_create_user_delegate_without_economy_refused():
    with pytest.raises(CommandError, match="give --economy"):
        create_user("kim", "--role", "Delegate", "--password", "pw")

    assert not User.objects.filter(username="kim").exists()


def test_create_user_unknown_role_refused():
    with pytest.raises(CommandError, match="invalid choice"):
        create_user("kim", "--role", "Emperor", "--password", "pw")


# The admin.


@pytest.fixture
def admin_client_(client):
    admin = User.objects.create_superuser("root", "root@example.org", "pw-root")
    client.force_login(admin)
    return client


def test_admin_user_list_shows_roles(admin_client_, delegate_user):
    response = admin_client_.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 200
    assert "Delegate" in response.content.decode()


def test_admin_add_user_then_set_role_and_economy(admin_client_):
    from django.contrib.auth.models import Group

    from meetings.models import Economy

    add = admin_client_.post(reverse("admin:auth_user_add"), {
        "username": "newdelegate", "password1": "A-good-password-91", "password2": "A-good-password-91",
        "usable_password": "true",
        "profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "0", "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1", "profile-0-economy": str(Economy.objects.get(code="MEX").pk),
    })
    user = User.objects.get(username="newdelegate")
    change = admin_client_.post(reverse("admin:auth_user_change", args=[user.pk]), {
        "username": "newdelegate", "is_active": "on", "groups": [str(Group.objects.get(name="Delegate").pk)],
        "date_joined_0": "2024-01-01", "date_joined_1": "00:00:00",
        "profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "1", "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1", "profile-0-id": str(user.profile.pk), "profile-0-user": str(user.pk),
        "profile-0-economy": str(Economy.objects.get(code="MEX").pk),
    })

    user.refresh_from_db()
    assert (add.status_code, change.status_code) == (302, 302)
    assert ([g.name for g in user.groups.all()], user.profile.economy.code) == (["Delegate"], "MEX")


def test_admin_delegate_without_economy_refused(admin_client_):
    from django.contrib.auth.models import Group

    user = User.objects.create_user("nobody", password="pw")

    response = admin_client_.post(reverse("admin:auth_user_change", args=[user.pk]), {
        "username": "nobody", "is_active": "on", "groups": [str(Group.objects.get(name="Delegate").pk)],
        "date_joined_0": "2024-01-01", "date_joined_1": "00:00:00",
        "profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "0", "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1", "profile-0-economy": "",
    })

    assert response.status_code == 200
    assert "A delegate belongs to one member economy" in response.content.decode()
    assert not user.groups.exists()
