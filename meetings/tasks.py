"""Background work of the meeting record, run by the Celery worker.

Tasks are thin: they take ids, call the code that does the work, log and return.
"""
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from background.tasks import OutboxTask

from . import notifications, reminders, services
from .models import AdoptedRecord, SummaryExport

logger = logging.getLogger(__name__)


@shared_task(
    base=OutboxTask,
    typing=False,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def action_progress_notify(*, progress_note_id: int) -> int:
    """E-mail the responsible delegates and the Secretariat about a progress note (sent
    through the outbox: once per note, even if the message is delivered twice)."""
    sent = notifications.progress_note_notify(progress_note_id=progress_note_id)
    logger.info("Progress note %s: %s notification(s) sent.", progress_note_id, sent)
    return sent


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3, soft_time_limit=300, time_limit=360)
def overdue_actions_digest() -> int:
    """The weekly digest of overdue actions (scheduled in ``CELERY_BEAT_SCHEDULE``)."""
    today = timezone.localdate()
    sent = notifications.overdue_digest_send(today=today)
    logger.info("Overdue actions digest for %s: %s e-mail(s) sent.", today, sent)
    return sent


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3, soft_time_limit=300, time_limit=360)
def action_reminders() -> int:
    """Today's reminders of due and overdue actions (scheduled daily in ``CELERY_BEAT_SCHEDULE``)."""
    today = timezone.localdate()
    sent = reminders.action_reminders_send(today=today)
    logger.info("Action reminders for %s: %s e-mail(s) sent.", today, sent)
    return sent


# Errors worth another try: the database or the file storage briefly away.
SUMMARY_TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)
# How a PDF of the chair's summary is drawn in the background (an export, a record of adoption).
SUMMARY_RENDER_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": SUMMARY_TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 3,
    "soft_time_limit": 120,
    "time_limit": 150,
}


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=SUMMARY_TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=3,
    # The defaults; summary_export_dispatch sends each render with limits fit for its size.
    soft_time_limit=120,
    time_limit=150,
)
def summary_export_render_task(self, *, export_id: int, attempt: int | None = None) -> str:
    """Render one chair's summary export to PDF; a finished export is not rendered again."""
    try:
        export = services.summary_export_render(export_id=export_id, attempt=attempt)
    except SummaryExport.DoesNotExist:
        logger.warning("Chair's summary export %s no longer exists.", export_id)
        return "missing"
    except SUMMARY_TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.summary_export_fail(export_id=export_id, error=f"Rendering kept failing: {error}")
        raise
    except SoftTimeLimitExceeded:
        services.summary_export_fail(export_id=export_id, error="Rendering took too long and was stopped.")
        raise
    except Exception as error:  # a bug or bad data: record it for the status page, do not retry
        logger.exception("Chair's summary export %s failed.", export_id)
        services.summary_export_fail(
            export_id=export_id, error=f"The PDF could not be rendered ({type(error).__name__}: {error})."
        )
        return "failed"
    logger.info(
        "Chair's summary export %s done: %s (%s pages%s).",
        export_id, export.file.name, export.page_count, ", reused" if export.reused else "",
    )
    return export.status


@shared_task(soft_time_limit=50, time_limit=60)
def summary_exports_sweep_task() -> dict:
    """Send again, restart or fail exports nobody is working on (``CELERY_BEAT_SCHEDULE``)."""
    return services.summary_exports_sweep()


@shared_task(**SUMMARY_RENDER_OPTIONS)
def adopted_record_render_task(self, *, record_id: int) -> str:
    """Draw the PDF of a record of adoption from its frozen HTML (once)."""
    try:
        record = services.adopted_record_render_pdf(record_id=record_id)
    except AdoptedRecord.DoesNotExist:
        logger.warning("Record of adoption %s no longer exists.", record_id)
        return "missing"
    except SUMMARY_TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.adopted_record_fail(record_id=record_id, error=f"Rendering kept failing: {error}")
        raise
    except Exception as error:  # a bug or bad data: keep it beside the record, do not retry
        logger.exception("Record of adoption %s: the PDF failed.", record_id)
        services.adopted_record_fail(record_id=record_id, error=f"{type(error).__name__}: {error}")
        return "failed"
    logger.info("Record of adoption %s: %s (%s pages).", record_id, record.pdf.name, record.page_count)
    return "done"
