"""The demo record: the 14th SMEWG meeting (Vina del Mar, 2002) from the seed summary."""
import json
from pathlib import Path

from django.db import transaction

from .models import Forum, Meeting, MeetingStatus
from .services import meeting_save_record, summary_adopt_record

DEMO_RECORD = Path(__file__).resolve().parent / "data" / "smewg14.json"


def demo_record() -> dict:
    return json.loads(DEMO_RECORD.read_text(encoding="utf-8"))


@transaction.atomic
def demo_load(*, reset: bool = False) -> tuple[Meeting, bool]:
    """Load the demo meeting; returns (meeting, created). Loading twice changes nothing."""
    record = demo_record()
    existing = Meeting.objects.filter(forum__code=record["forum"], number=record["number"]).first()
    if existing and not reset:
        return existing, False
    meeting = meeting_save_record(record=record, replace=True)
    if meeting.status == MeetingStatus.ADOPTED:
        # Adopted at the close of the meeting: its record of adoption is frozen from the start.
        summary_adopt_record(meeting=meeting, adopted_on=meeting.end_date, render_pdf=False)
    return meeting, True


def demo_forum() -> Forum:
    return Forum.objects.get(code=demo_record()["forum"])
