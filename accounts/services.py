"""Writes about users and roles: granting role permissions, creating users with a role."""
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction

from .models import Profile, Role

# What each role may do, as Django permissions (app_label.codename).
SECRETARIAT_APPS = ("meetings", "projects")
READ_ONLY_PREFIX = "view_"


def roles_grant_permissions(*, using: str = "default") -> None:
    """Give each role group its permissions; safe to run any number of times."""
    if not Permission.objects.using(using).filter(content_type__app_label="meetings").exists():
        return
    app_perms = Permission.objects.using(using).filter(content_type__app_label__in=SECRETARIAT_APPS)
    view_perms = app_perms.filter(codename__startswith=READ_ONLY_PREFIX)
    secretariat, _ = Group.objects.using(using).get_or_create(name=Role.SECRETARIAT)
    chair, _ = Group.objects.using(using).get_or_create(name=Role.CHAIR)
    delegate, _ = Group.objects.using(using).get_or_create(name=Role.DELEGATE)
    secretariat.permissions.set(app_perms)
    chair.permissions.set(view_perms)
    delegate.permissions.set(view_perms.filter(content_type__model__in=["action", "progressnote", "meeting", "project"]))


@transaction.atomic
def user_create_with_role(
    *, username: str, password: str, role: str, economy=None, email: str = "", first_name: str = "",
    last_name: str = "",
) -> User:
    """Create (or update) a user with one role; delegates must name their economy."""
    if role not in Role.values:
        raise ValueError(f"Unknown role “{role}”; choose one of {', '.join(Role.values)}.")
    if role == Role.DELEGATE and economy is None:
        raise ValueError("A delegate belongs to one member economy: name it.")
    user, _ = User.objects.get_or_create(username=username)
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.is_staff = False
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    Profile.objects.update_or_create(user=user, defaults={"economy": economy if role == Role.DELEGATE else None})
    return user


@transaction.atomic
def profile_calendar_token_issue(*, user: User) -> str:
    """Give the user a new secret calendar feed address (any earlier one stops working)."""
    import secrets

    profile, _ = Profile.objects.get_or_create(user=user)
    profile.calendar_token = secrets.token_urlsafe(32)
    profile.save(update_fields=["calendar_token"])
    return profile.calendar_token


@transaction.atomic
def profile_calendar_token_revoke(*, user: User) -> None:
    """Switch the user's calendar feed off: its address then answers 404."""
    Profile.objects.filter(user=user).update(calendar_token="")
