"""Role checks used by views and templates. Roles are Django groups named after ``Role``."""
from django.contrib.auth.models import AnonymousUser, User

from .models import Role


def role_names(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_secretariat(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.SECRETARIAT in role_names(user))


def is_chair(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and Role.CHAIR in role_names(user)


def is_delegate(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and Role.DELEGATE in role_names(user)


def can_read_drafts(user) -> bool:
    """Secretariat and Chair read everything, drafts included."""
    return is_secretariat(user) or is_chair(user)


def has_any_role(user) -> bool:
    """Secretariat, Chair or delegate: a member of the group's work (not a bare sign-in)."""
    return can_read_drafts(user) or is_delegate(user)


def user_economy(user):
    """The economy a delegate belongs to, or None."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.economy if profile else None
