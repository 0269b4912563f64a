"""Who may change a meeting record, and when: the lock on an adopted record.

Once a meeting's summary is adopted its record is locked: every edit view of the record
(header, attendance, participants, agenda items, decisions, actions, documents) refuses
with 403 and a clear message until a Secretariat user reopens it with a reason
(``services.meeting_change_status``).

API
---
``meeting_editable_or_403(meeting)``
    Raises ``PermissionDenied(RECORD_LOCKED)`` if the meeting is locked. Call it in any edit
    view after fetching the meeting (GET and POST alike).

``meeting_edit_view()``
    Decorator for function views that edit one meeting's record: ``secretariat_required``
    (sign-in, else redirect; Secretariat role, else 403), then the meeting from the ``pk``
    URL argument (else 404), not locked (else 403). The view is called as
    ``view(request, meeting, **other_kwargs)``.
"""
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.permissions import secretariat_required

from .models import Meeting

RECORD_LOCKED = (
    "The summary of this meeting is adopted, so its record is locked. "
    "A Secretariat user can reopen it, giving a reason, from the meeting page."
)


def meeting_editable_or_403(meeting: Meeting) -> None:
    """Refuse (403) any change to an adopted, locked meeting record."""
    if meeting.is_locked:
        raise PermissionDenied(RECORD_LOCKED)


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
