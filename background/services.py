"""The outbox: write a task with the change that asks for it, send it after commit, sweep."""
import datetime
import importlib
import logging

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .dispatch import task_publish
from .models import OutboxMessage

logger = logging.getLogger(__name__)


def outbox_send(*, task, kwargs: dict) -> OutboxMessage:
    """Write an outbox message for ``task`` in the current transaction; publish it on commit.

    After the commit, ``message.dispatched`` tells whether the broker took it; if not, the
    message waits for ``outbox_sweep``. The task must use ``OutboxTask`` as its base, so a
    message sent twice runs once.
    """
    message = OutboxMessage.objects.create(task=task.name, kwargs=kwargs)
    transaction.on_commit(lambda: outbox_dispatch(message=message))
    return message


def outbox_dispatch(*, message: OutboxMessage) -> bool:
    """Publish one outbox message; record when the broker took it. Never raises for the broker."""
    # The task's module may not be imported yet in this process (a management command).
    importlib.import_module(message.task.rpartition(".")[0])
    task = current_app.tasks[message.task]
    sent = task_publish(task, kwargs={**message.kwargs, "outbox_id": message.pk})
    if sent:
        message.dispatched = timezone.now()
        message.dispatch_count += 1
        OutboxMessage.objects.filter(pk=message.pk).update(
            dispatched=message.dispatched, dispatch_count=F("dispatch_count") + 1
        )
    return sent


def outbox_sweep(*, now: datetime.datetime | None = None) -> int:
    """Publish again the messages not done: never sent (the broker was away) or sent long ago.

    Returns how many were sent. A message sent ``OUTBOX_MAX_DISPATCHES`` times without being
    done is left for an administrator (it shows in the admin with its last error).
    """
    now = now or timezone.now()
    waiting = OutboxMessage.objects.filter(
        Q(dispatched__isnull=True, created__lt=now - datetime.timedelta(seconds=settings.OUTBOX_GRACE_SECONDS))
        | Q(dispatched__lt=now - datetime.timedelta(seconds=settings.OUTBOX_REDISPATCH_SECONDS)),
        delivered__isnull=True,
        dispatch_count__lt=settings.OUTBOX_MAX_DISPATCHES,
    )
    sent = 0
    for message in waiting.order_by("created", "pk")[:500]:
        if not outbox_dispatch(message=message):
            break  # the broker is still away: the next sweep tries again
        sent += 1
    if sent:
        logger.info("Outbox sweep: %s message(s) sent again.", sent)
    return sent
