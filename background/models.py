"""The outbox: one row per task to deliver, written with the change that asked for it."""
from django.db import models


class OutboxMessage(models.Model):
    """A Celery task to run once, published after the transaction that wrote it commits."""

    task = models.CharField("task", max_length=200, help_text="The Celery task's registered name.")
    kwargs = models.JSONField("arguments", default=dict, blank=True)
    created = models.DateTimeField("written", auto_now_add=True)
    dispatched = models.DateTimeField(
        "last sent to the broker", null=True, blank=True, help_text="Empty while the broker could not be reached."
    )
    dispatch_count = models.PositiveSmallIntegerField("times sent to the broker", default=0)
    delivered = models.DateTimeField("done", null=True, blank=True)
    error = models.TextField("last error", blank=True)

    class Meta:
        verbose_name = "outbox message"
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["created"], condition=models.Q(delivered__isnull=True), name="outbox_undelivered"),
        ]

    def __str__(self):
        state = "done" if self.delivered else ("sent" if self.dispatched else "waiting for the broker")
        return f"{self.task} {self.kwargs} ({state})"
