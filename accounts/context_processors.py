"""Puts the signed-in user's roles into every template."""
from .roles import is_chair, is_delegate, is_secretariat, user_economy


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_secretariat": False, "is_chair": False, "is_delegate": False, "my_economy": None}
    return {
        "is_secretariat": is_secretariat(user),
        "is_chair": is_chair(user),
        "is_delegate": is_delegate(user),
        "my_economy": user_economy(user),
    }
