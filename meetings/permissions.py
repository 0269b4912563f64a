"""Who may change a meeting record, and when: the lock on an adopted record.

Once a meeting's summary is adopted its record is locked: every edit view of the record
(header, attendance, participants, agenda items, decisions, actions, documents) refuses
with 403 and a clear message until a Secretariat user reopens it with a reason
(``services.meeting_change_status``).

API
---
``meeting_editable_or_403(meeting)``
    Raises ``RecordLocked`` (a ``PermissionDenied`` that knows the meeting, so the 403 page
    links back to the meeting page, where Reopen is) if the meeting is locked. Call it in any edit
    view after fetching the meeting (GET and POST alike).

``meeting_edit_view()``
    Decorator for function views that edit one meeting's record: ``secretariat_required``
    (sign-in, else redirect; Secretariat role, else 403), then the meeting from the ``pk``
    URL argument (else 404), not locked (else 403). The view is called as
    ``view(request, meeting, **other_kwargs)``.
"""
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from accounts.permissions import secretariat_required

from .models import Meeting

RECORD_LOCKED = (
    "The summary of this meeting is adopted, so its record is locked. "
    "A Secretariat user can reopen it, giving a reason, from the meeting page."
)


class RecordLocked(PermissionDenied):
    """A change refused because the meeting's record is adopted and locked."""

    def __init__(self, meeting: Meeting):
        super().__init__(RECORD_LOCKED)
        self.meeting = meeting


def meeting_editable_or_403(meeting: Meeting) -> None:
    """Refuse (403) any change to an adopted, locked meeting record."""
    if meeting.is_locked:
        raise RecordLocked(meeting)


class RecordLockedMiddleware:
    """Answer ``RecordLocked`` with the 403 page linking to the meeting rather than the list."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RecordLocked):
            return None
        meeting = exception.meeting
        return render(request, "403.html", {
            "exception": str(exception),
            "back_url": meeting.get_absolute_url(),
            "back_label": f"Back to the {meeting.title}",
        }, status=403)


def meeting_edit_view():
    """Guard an edit view of one meeting's record (see the module docstring)."""

    def decorator(view):
        @secretariat_required
        @wraps(view)
        def wrapped(request, *args, pk: int, **kwargs):
            meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)
            meeting_editable_or_403(meeting)
            return view(request, meeting, *args, **kwargs)

        return wrapped

    return decorator
