"""The chair's summary PDF: one SummaryExport row per request, rendered by a Celery task."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from ..models import (
    Meeting,
    MeetingStatus,
    SummaryExport,
    SummaryExportStatus,
)
from ..summary.context import Annexes
from ..summary.render import summary_content_hash, summary_file_name, summary_html, summary_pdf

SUMMARY_RUNNING = (SummaryExportStatus.QUEUED, SummaryExportStatus.RENDERING)


def _stored_render(meeting: Meeting, content_hash: str, annexes: Annexes) -> SummaryExport | None:
    """A finished export of this content and these annexes whose file is still in storage, or None."""

    done = (
        SummaryExport.objects.filter(
            meeting=meeting, content_hash=content_hash, status=SummaryExportStatus.DONE, **annexes.fields()
        )
        .exclude(file="")
        .first()
    )
    if done and default_storage.exists(done.file.name):
        return done
    return None


@transaction.atomic
def summary_export_request(*, meeting: Meeting, user, annexes: Annexes = Annexes()) -> "SummaryExport":
    """Ask for the chair's summary PDF of a meeting, with the chosen annexes; returns the
    export row to follow.

    The content hash covers the rendered HTML (annexes included), its stylesheet and the
    template version; a stored or running export is reused only with the same annexes.
    If a finished export has the same hash, its file is reused at once (a new row with
    ``reused=True``, nothing rendered); if one with the same hash is queued or rendering,
    that row is returned instead of rendering twice; otherwise a queued row is created and
    the render task is queued when the transaction commits.
    """

    # Lock the meeting row so two clicks at once cannot both queue a render.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    content_hash = summary_content_hash(summary_html(meeting.pk, annexes=annexes))
    is_draft = meeting.status != MeetingStatus.ADOPTED
    done = _stored_render(meeting, content_hash, annexes)
    if done:
        return SummaryExport.objects.create(
            **annexes.fields(),
            meeting=meeting,
            requested_by=user,
            status=SummaryExportStatus.DONE,
            content_hash=content_hash,
            is_draft=is_draft,
            file=done.file.name,
            page_count=done.page_count,
            reused=True,
            finished=timezone.now(),
        )
    running = SummaryExport.objects.filter(
        meeting=meeting, content_hash=content_hash, status__in=SUMMARY_RUNNING, **annexes.fields()
    ).first()
    if running:
        return running
    export = SummaryExport.objects.create(
        meeting=meeting, requested_by=user, content_hash=content_hash, is_draft=is_draft, **annexes.fields()
    )
    transaction.on_commit(lambda: _summary_export_queue(export.pk))
    return export


def _summary_export_queue(export_id: int) -> None:

    from ..tasks import summary_export_render_task  # tasks import this module

    summary_export_render_task.delay(export_id=export_id)


def summary_export_render(*, export_id: int) -> "SummaryExport":
    """Render an export's PDF and store it; a finished export is returned untouched.

    Draws the meeting as it is now (its hash is recorded again, in case the record changed
    since the request), reuses a stored file of the same content if one exists, and stores
    the PDF under a name that carries the content hash and the template version.
    """

    with transaction.atomic():
        export = SummaryExport.objects.select_for_update().select_related("meeting__forum").get(pk=export_id)
        if export.status == SummaryExportStatus.DONE:
            return export
        export.status = SummaryExportStatus.RENDERING
        export.error = ""
        export.save(update_fields=["status", "error"])

    meeting = export.meeting
    annexes = Annexes.of(export)
    html = summary_html(meeting.pk, annexes=annexes)
    content_hash = summary_content_hash(html)
    name = "summaries/" + summary_file_name(meeting, content_hash)
    earlier = _stored_render(meeting, content_hash, annexes)
    if earlier:
        name, pages, reused = earlier.file.name, earlier.page_count, True
    else:
        pdf, pages = summary_pdf(html)
        if default_storage.exists(name):  # left by a render whose row is gone: same content, replace it
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(pdf))
        reused = False
    with transaction.atomic():
        export = SummaryExport.objects.select_for_update().get(pk=export_id)
        if export.status == SummaryExportStatus.DONE:
            return export
        export.file.name = name
        export.content_hash = content_hash
        export.is_draft = meeting.status != MeetingStatus.ADOPTED
        export.page_count = pages
        export.reused = reused
        export.status = SummaryExportStatus.DONE
        export.finished = timezone.now()
        export.save()
    return export


def summary_export_fail(*, export_id: int, error: str) -> None:
    """Mark an export failed with a message the status page shows (never a traceback)."""

    SummaryExport.objects.filter(pk=export_id).exclude(status=SummaryExportStatus.DONE).update(
        status=SummaryExportStatus.FAILED, error=error[:1000], finished=timezone.now()
    )
