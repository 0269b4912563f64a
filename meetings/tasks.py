"""Background work of the meeting record, run by the Celery worker.

Tasks are thin: they take ids, call the code that does the work, log and return.
"""
import logging

from celery import shared_task
from django.utils import timezone

from . import notifications

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=60, time_limit=90)
def action_progress_notify(*, progress_note_id: int) -> int:
    """E-mail the responsible delegates and the Secretariat about a progress note."""
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
