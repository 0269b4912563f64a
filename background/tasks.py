"""The outbox's side of a task: run it once per message, and the periodic sweep."""
import logging

from celery import Task, shared_task
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage
from .services import outbox_sweep

logger = logging.getLogger(__name__)


class OutboxTask(Task):
    """A task sent through the outbox (``outbox_send``) runs once per message.

    The message row is locked while the task runs and marked done in the same transaction,
    so a message published twice (by the sweep, or redelivered by the broker) does nothing
    the second time. Called without ``outbox_id`` the task runs as usual.
    """

    def __call__(self, *args, outbox_id: int | None = None, **kwargs):
        if outbox_id is None:
            return super().__call__(*args, **kwargs)
        with transaction.atomic():
            message = OutboxMessage.objects.select_for_update().filter(pk=outbox_id).first()
            if message is None or message.delivered:
                logger.info("Outbox message %s is already done.", outbox_id)
                return None
            result = super().__call__(*args, **kwargs)
            OutboxMessage.objects.filter(pk=outbox_id).update(delivered=timezone.now(), error="")
        return result


@shared_task(soft_time_limit=50, time_limit=60)
def outbox_sweep_task() -> int:
    """Send again outbox messages the broker never took (scheduled in ``CELERY_BEAT_SCHEDULE``)."""
    return outbox_sweep()
