"""Publishing an adopted chair's summary to anyone with the link.

The link carries a signed meeting id (Django's signing with the project's secret), so it
cannot be guessed; it works only while the meeting is adopted and ``summary_is_public``
is set, so unpublishing or reopening the record closes it at once.
"""
from django.core import signing

from .models import Meeting, MeetingStatus

SALT = "meetings.public-summary"


def public_summary_token(meeting: Meeting) -> str:
    return signing.dumps(meeting.pk, salt=SALT)


def meeting_from_public_token(token: str) -> Meeting | None:
    """The published, adopted meeting a link names, or None for any other link."""
    try:
        meeting_id = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(meeting_id, int):
        return None
    return Meeting.objects.filter(
        pk=meeting_id, status=MeetingStatus.ADOPTED, summary_is_public=True
    ).first()
