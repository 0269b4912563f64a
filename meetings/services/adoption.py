"""The adopted chair's summary is the official record, frozen as at adoption (issue 12).

At adoption the summary's HTML is drawn once, with the adoption date on it, and stored
(``AdoptedRecord.html``); a task draws the PDF from that stored HTML and stores it beside.
After that, the preview, the export and the published link serve the stored record, so
later changes to live statuses show only in the tracker. Reopening and adopting again makes
a new record of adoption; the earlier ones stay. Files go through Django's storage API.
"""
import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..models import AdoptedRecord, Meeting, MeetingStatus
from ..summary.context import Annexes
from ..summary.render import summary_html, summary_pdf


def adopted_record_current(meeting: Meeting) -> AdoptedRecord | None:
    """The record of the meeting's adoption in force: the latest, while the meeting is adopted."""
    if meeting.status != MeetingStatus.ADOPTED:
        return None
    return AdoptedRecord.objects.filter(meeting=meeting).order_by("-created", "-pk").first()


def adopted_record_html(record: AdoptedRecord) -> str:
    with record.html.open("rb") as stored:
        return stored.read().decode("utf-8")


def summary_document_html(meeting: Meeting, *, annexes: Annexes = Annexes()) -> str:
    """The summary a PDF is drawn from: the record as adopted, else the live draft.

    Annexes (participants, documents register) are not part of the adopted text: an export
    of an adopted summary that asks for them is the stored record with the annexes, drawn
    from the live record, added after it, so the adopted text never changes.
    """
    record = adopted_record_current(meeting)
    if record is None:
        return summary_html(meeting.pk, annexes=annexes)
    frozen = adopted_record_html(record)
    if annexes == Annexes():
        return frozen
    return _with_annexes_of(frozen, summary_html(meeting.pk, annexes=annexes))


ANNEXES_START = '<section class="annex"'
ARTICLE_END = "</article>"


def _with_annexes_of(frozen: str, live: str) -> str:
    """The frozen summary with the annex sections of the live one inserted at its end."""
    start, end, at = live.find(ANNEXES_START), live.rfind(ARTICLE_END), frozen.rfind(ARTICLE_END)
    if start == -1 or end == -1 or at == -1:
        raise ValueError("The summary template has no annex sections or no closing </article>.")
    return frozen[:at] + live[start:end] + frozen[at:]


def _file_stem(meeting: Meeting, adopted_on: datetime.date) -> str:
    return f"{meeting.forum.code.lower()}{meeting.number}-chairs-summary-adopted-{adopted_on:%Y%m%d}"


@transaction.atomic
def summary_adopt_record(
    *, meeting: Meeting, user=None, adopted_on: datetime.date | None = None, render_pdf: bool = True
) -> AdoptedRecord:
    """Freeze the adopted meeting's summary: store its HTML now, with the adoption date, and
    (with ``render_pdf``) queue the PDF drawn from that HTML when the transaction commits."""
    meeting = Meeting.objects.select_related("forum").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.ADOPTED:
        raise ValueError(f"The {meeting} is not adopted.")
    adopted_on = adopted_on or timezone.localdate()
    html = summary_html(meeting.pk, extra={"adopted_on": adopted_on})
    record = AdoptedRecord(meeting=meeting, adopted_on=adopted_on, adopted_by=user)
    record.html.save(f"{_file_stem(meeting, adopted_on)}.html", ContentFile(html.encode("utf-8")), save=False)
    record.save()
    if render_pdf:
        transaction.on_commit(lambda: _adopted_record_queue(record.pk))
    return record


def _adopted_record_queue(record_id: int) -> None:
    from ..tasks import adopted_record_render_task  # tasks import the services

    adopted_record_render_task.delay(record_id=record_id)


def adopted_record_render_pdf(*, record_id: int) -> AdoptedRecord:
    """Draw the PDF of a record of adoption from its stored HTML and store it (once)."""
    record = AdoptedRecord.objects.select_related("meeting__forum").get(pk=record_id)
    if record.pdf:
        return record
    pdf, pages = summary_pdf(adopted_record_html(record))
    with transaction.atomic():
        record = AdoptedRecord.objects.select_for_update().select_related("meeting__forum").get(pk=record_id)
        if record.pdf:
            return record
        record.pdf.save(f"{_file_stem(record.meeting, record.adopted_on)}.pdf", ContentFile(pdf), save=False)
        record.page_count = pages
        record.pdf_error = ""
        record.save(update_fields=["pdf", "page_count", "pdf_error"])
    return record


def adopted_record_fail(*, record_id: int, error: str) -> None:
    """Keep why the PDF of a record of adoption could not be drawn (the HTML record stands)."""
    AdoptedRecord.objects.filter(pk=record_id, pdf="").update(pdf_error=error[:1000])
