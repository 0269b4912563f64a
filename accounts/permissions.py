"""View guards: anonymous users go to sign-in, signed-in users without the role get 403."""
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import can_read_drafts, has_any_role, is_secretariat

SECRETARIAT_ONLY = "Only the secretariat may change the meeting record."
MEMBERS_ONLY = "Only the Secretariat, the chair and delegates may see this page."


def _guard(test, message: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


secretariat_required = _guard(is_secretariat, SECRETARIAT_ONLY)
drafts_reader_required = _guard(can_read_drafts, "Only the secretariat and the chair may see drafts.")
member_required = _guard(has_any_role, MEMBERS_ONLY)

