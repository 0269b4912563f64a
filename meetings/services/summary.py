"""The chair's summary PDF: one SummaryExport row per request, rendered by a Celery task.

A queued row is its own outbox entry: it is sent to the worker after the request commits
(``summary_export_dispatch``); if the broker is away it stays queued, the status page says
so, and ``summary_exports_sweep`` sends it again, fails it with a message, or starts again
a render whose worker died.
"""
import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Length
from django.utils import timezone

from background.dispatch import task_publish

from ..models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    SummaryExport,
    SummaryExportStatus,
)
from ..summary.context import Annexes
from ..summary.fingerprint import summary_fingerprint
from ..summary.render import summary_content_hash, summary_file_name, summary_pdf
from .adoption import summary_document_html

logger = logging.getLogger(__name__)

SUMMARY_RUNNING = (SummaryExportStatus.QUEUED, SummaryExportStatus.RENDERING)
# Text of a record the base time limit covers; each further block of it adds half as much.
SUMMARY_TEXT_PER_BASE_LIMIT = 200_000


def _stored_render(meeting: Meeting, annexes: Annexes, **key: str) -> SummaryExport | None:
    """A finished export with these annexes whose file is still in storage, found by
    ``content_hash`` or ``record_fingerprint``, or None."""

    done = (
        SummaryExport.objects.filter(meeting=meeting, status=SummaryExportStatus.DONE, **key, **annexes.fields())
        .exclude(file="")
        .first()
    )
    if done and default_storage.exists(done.file.name):
        return done
    return None


def summary_export_request(*, meeting: Meeting, user, annexes: Annexes = Annexes()) -> "SummaryExport":
    """Ask for the chair's summary PDF of a meeting, with the chosen annexes; returns the
    export row to follow.

    Nothing is rendered here: the record's fingerprint (``summary.fingerprint``, one query)
    says whether a stored PDF still shows it. If a finished export of the same fingerprint and
    annexes has its file, that file is reused at once (a new row with ``reused=True``); if
    one is queued or rendering, that row is returned instead of rendering twice; otherwise a
    queued row is created and the render task is queued when the transaction commits. The
    worker hashes the rendered HTML and still reuses a file of the same content.
    """

    fingerprint = summary_fingerprint(meeting.pk, annexes)
    with transaction.atomic():
        # Lock the meeting row so two clicks at once cannot both queue a render; held for
        # a few short queries only.
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        is_draft = meeting.status != MeetingStatus.ADOPTED
        done = _stored_render(meeting, annexes, record_fingerprint=fingerprint)
        if done:
            return SummaryExport.objects.create(
                **annexes.fields(),
                meeting=meeting,
                requested_by=user,
                status=SummaryExportStatus.DONE,
                content_hash=done.content_hash,
                record_fingerprint=fingerprint,
                is_draft=is_draft,
                file=done.file.name,
                page_count=done.page_count,
                reused=True,
                finished=timezone.now(),
            )
        running = SummaryExport.objects.filter(
            meeting=meeting, record_fingerprint=fingerprint, status__in=SUMMARY_RUNNING, **annexes.fields()
        ).first()
        if running:
            if running.status == SummaryExportStatus.QUEUED and running.dispatched is None:
                # The broker was away when it was asked for: a new click sends it again.
                transaction.on_commit(lambda: summary_export_dispatch(export=running))
            return running
        export = SummaryExport.objects.create(
            meeting=meeting, requested_by=user, record_fingerprint=fingerprint, is_draft=is_draft, **annexes.fields()
        )
        transaction.on_commit(lambda: summary_export_dispatch(export=export))
        return export


def summary_time_limits(meeting_id: int) -> tuple[int, int]:
    """The render's soft and hard time limits (seconds), grown with the record's text.

    ``SUMMARY_RENDER_TIME_LIMIT`` covers a record of ordinary size; every further
    ``SUMMARY_TEXT_PER_BASE_LIMIT`` characters of agenda text adds half of it, up to
    ``SUMMARY_RENDER_MAX_TIME_LIMIT``. The hard limit leaves a quarter more for cleaning up.
    """
    text = AgendaItem.objects.filter(meeting_id=meeting_id).aggregate(n=Sum(Length("text")))["n"] or 0
    base = settings.SUMMARY_RENDER_TIME_LIMIT
    soft = min(base + (text // SUMMARY_TEXT_PER_BASE_LIMIT) * base // 2, settings.SUMMARY_RENDER_MAX_TIME_LIMIT)
    return soft, soft + max(soft // 4, 5)


def summary_export_dispatch(*, export: SummaryExport) -> bool:
    """Send a queued export to the worker with time limits fit for its size.

    Returns False if the broker could not take it (logged, never raised): the row stays
    queued with ``dispatched`` empty, which the status page and the sweep read.
    """
    from ..tasks import summary_export_render_task  # tasks import this module

    soft, hard = summary_time_limits(export.meeting_id)
    sent = task_publish(
        summary_export_render_task,
        kwargs={"export_id": export.pk, "attempt": export.attempt},
        soft_time_limit=soft,
        time_limit=hard,
    )
    export.time_limit = soft
    if sent:
        export.dispatched = timezone.now()
    SummaryExport.objects.filter(pk=export.pk, attempt=export.attempt).update(
        time_limit=soft, **({"dispatched": export.dispatched} if sent else {})
    )
    return sent


def summary_export_waits_for_broker(export: SummaryExport) -> bool:
    """A queued export the broker has not taken yet (the status page says so)."""
    return export.status == SummaryExportStatus.QUEUED and export.dispatched is None


def summary_export_is_stale(export: SummaryExport, *, now: datetime.datetime | None = None) -> bool:
    """A queued export the worker has not started in ``SUMMARY_QUEUED_RESEND_SECONDS``, or a
    render running past its time limit (its worker died): the user may start it again."""
    now = now or timezone.now()
    if export.status == SummaryExportStatus.QUEUED:
        since = export.dispatched or export.queued
        return since < now - datetime.timedelta(seconds=settings.SUMMARY_QUEUED_RESEND_SECONDS)
    if export.status == SummaryExportStatus.RENDERING:
        limit = export.time_limit or settings.SUMMARY_RENDER_TIME_LIMIT
        return (export.started or export.created) < now - datetime.timedelta(seconds=limit + max(limit // 4, 5))
    return False


class SummaryExportRestartRefused(ValueError):
    """The export is done, or still running within its time."""


@transaction.atomic
def summary_export_restart(*, export: SummaryExport, user) -> SummaryExport:
    """Start a failed or stuck export again, on the same row (its status page keeps working).

    The attempt number goes up, so a task message of the earlier attempt that turns up late
    does nothing. Refused for a finished export and for one still running within its time.
    """
    export = SummaryExport.objects.select_for_update().get(pk=export.pk)
    if export.status == SummaryExportStatus.DONE:
        raise SummaryExportRestartRefused("This export is finished: download its PDF.")
    if export.status != SummaryExportStatus.FAILED and not summary_export_is_stale(export):
        raise SummaryExportRestartRefused("This export is still under way; this page follows it.")
    _summary_export_requeue(export)
    logger.info("Chair's summary export %s started again by %s (attempt %s).", export.pk, user, export.attempt)
    return export


def _summary_export_requeue(export: SummaryExport) -> None:
    export.status = SummaryExportStatus.QUEUED
    export.attempt += 1
    export.error = ""
    export.queued = timezone.now()
    export.dispatched = export.started = export.finished = None
    export.save(update_fields=["status", "attempt", "error", "queued", "dispatched", "started", "finished"])
    transaction.on_commit(lambda: summary_export_dispatch(export=export))


def summary_exports_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Look after exports nobody is working on; returns how many were sent, restarted, failed.

    - queued and never taken by the broker (after ``OUTBOX_GRACE_SECONDS``): sent again;
    - queued and not started by a worker for ``SUMMARY_QUEUED_RESEND_SECONDS``: sent again;
      after ``SUMMARY_QUEUED_GIVE_UP_SECONDS`` it fails with a message;
    - rendering past its time limit (the worker died): started again, up to
      ``SUMMARY_RENDER_MAX_ATTEMPTS`` attempts, then failed with a message.
    The status page offers "Start again" on a failed export.
    """
    now = now or timezone.now()
    counts = {"sent": 0, "restarted": 0, "failed": 0}
    give_up = now - datetime.timedelta(seconds=settings.SUMMARY_QUEUED_GIVE_UP_SECONDS)
    candidates = SummaryExport.objects.filter(
        Q(status=SummaryExportStatus.QUEUED) | Q(status=SummaryExportStatus.RENDERING)
    ).order_by("created", "pk")
    for export_id in candidates.values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            export = SummaryExport.objects.select_for_update(skip_locked=True).filter(pk=export_id).first()
            if export is None or export.status not in SUMMARY_RUNNING:
                continue
            if export.status == SummaryExportStatus.QUEUED and export.queued < give_up:
                _summary_export_fail_now(
                    export,
                    "The background service did not start this export within "
                    f"{settings.SUMMARY_QUEUED_GIVE_UP_SECONDS // 60} minutes. Start it again; if it "
                    "fails again, tell the administrator that the background worker is not running.",
                )
                counts["failed"] += 1
            elif export.status == SummaryExportStatus.QUEUED and export.dispatched is None:
                if export.queued < now - datetime.timedelta(seconds=settings.OUTBOX_GRACE_SECONDS):
                    transaction.on_commit(lambda export=export: _sweep_send(export, counts))
            elif not summary_export_is_stale(export, now=now):
                continue
            elif export.status == SummaryExportStatus.QUEUED:
                # Sent but never started (the message was lost with the broker's data): send
                # it again. Should the first message turn up too, the second run finds it done.
                transaction.on_commit(lambda export=export: _sweep_send(export, counts))
            elif export.attempt < settings.SUMMARY_RENDER_MAX_ATTEMPTS:
                logger.warning("Chair's summary export %s stopped while rendering: starting it again.", export.pk)
                _summary_export_requeue(export)
                counts["restarted"] += 1
            else:
                _summary_export_fail_now(
                    export,
                    f"Rendering was interrupted {export.attempt} times (the background service stopped or "
                    "ran out of time or memory). Start it again; if it fails again, tell the administrator.",
                )
                counts["failed"] += 1
    if any(counts.values()):
        logger.info("Chair's summary exports sweep: %s.", counts)
    return counts


def _sweep_send(export: SummaryExport, counts: dict[str, int]) -> None:
    if summary_export_dispatch(export=export):
        counts["sent"] += 1


def _summary_export_fail_now(export: SummaryExport, error: str) -> None:
    export.status = SummaryExportStatus.FAILED
    export.error = error
    export.finished = timezone.now()
    export.save(update_fields=["status", "error", "finished"])


def summary_export_render(*, export_id: int, attempt: int | None = None) -> "SummaryExport":
    """Render an export's PDF and store it; a finished export is returned untouched.

    Draws the meeting as it is now (an adopted meeting as its record of adoption), records
    its content hash and the record's fingerprint as drawn (taken before and after drawing
    the HTML; left empty if they differ), reuses a stored file of the same content if one
    exists, and stores the PDF under a name that carries the content hash and the template
    version. A task message of an earlier ``attempt`` (the export was sent again since) does
    nothing.
    """

    with transaction.atomic():
        export = SummaryExport.objects.select_for_update().select_related("meeting__forum").get(pk=export_id)
        if export.status == SummaryExportStatus.DONE:
            return export
        if attempt is not None and attempt != export.attempt:
            logger.info("Chair's summary export %s: attempt %s superseded by %s.", export_id, attempt, export.attempt)
            return export
        export.status = SummaryExportStatus.RENDERING
        export.error = ""
        export.started = timezone.now()
        export.save(update_fields=["status", "error", "started"])

    meeting = export.meeting
    annexes = Annexes.of(export)
    fingerprint = summary_fingerprint(meeting.pk, annexes)
    html = summary_document_html(meeting, annexes=annexes)
    if summary_fingerprint(meeting.pk, annexes) != fingerprint:
        fingerprint = ""  # edited while drawn: this file shows neither state for sure, so no request reuses it
    content_hash = summary_content_hash(html)
    name = "summaries/" + summary_file_name(meeting, content_hash)
    earlier = _stored_render(meeting, annexes, content_hash=content_hash)
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
        export.record_fingerprint = fingerprint
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
