"""Publishing an adopted chair's summary to anyone with the link.

The link carries the meeting id and the secret of the current publication
(``Meeting.summary_public_nonce``), signed with the project's secret, so it cannot be guessed
or forged. It works only while the meeting is adopted, ``summary_is_public`` is set and the
secret still matches: withdrawing clears the secret and publishing again draws a new one, so
a withdrawn link never opens again.
"""
from django.core import signing

from .models import Meeting, MeetingStatus

SALT = "meetings.public-summary"


def public_summary_token(meeting: Meeting) -> str:
    """The token of the meeting's publication as loaded (``meeting_publish_summary`` returns
    the meeting with its new secret)."""
    return signing.dumps([meeting.pk, meeting.summary_public_nonce], salt=SALT)


def meeting_from_public_token(token: str) -> Meeting | None:
    """The published, adopted meeting a link names, or None for any other link."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    match payload:
        case [int(meeting_id), str(nonce)] if nonce:
            pass
        case _:
            return None
    return Meeting.objects.filter(
        pk=meeting_id, summary_public_nonce=nonce, status=MeetingStatus.ADOPTED, summary_is_public=True
    ).first()
