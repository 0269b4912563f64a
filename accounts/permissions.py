"""View guards: anonymous users go to sign-in, signed-in users without the role get 403."""
from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import can_read_drafts, is_secretariat

SECRETARIAT_ONLY = "Only the secretariat may change the meeting record."


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


class SecretariatRequiredMixin(AccessMixin):
    """Class-based views: sign-in first, then the Secretariat role, else 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_secretariat(request.user):
            raise PermissionDenied(SECRETARIAT_ONLY)
        return super().dispatch(request, *args, **kwargs)
