"""Reminders e-mailed to responsible delegates before (and when) an agreed action falls due."""
from django.conf import settings
from django.db import models

from .agenda import Action


class ReminderKind(models.TextChoices):
    DUE_IN_14_DAYS = "due_14", "14 days before the due date"
    DUE_IN_3_DAYS = "due_3", "3 days before the due date"
    OVERDUE = "overdue", "On the day it became overdue"


class ActionReminder(models.Model):
    """One reminder sent to one person about one action: the row makes sending idempotent.

    ``due_on`` is the due day the reminder was about, so moving the due date gives the
    new date its own reminders.
    """

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="reminders", verbose_name="agreed action"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_reminders",
        verbose_name="recipient",
    )
    kind = models.CharField("reminder", max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField("due day reminded of")
    sent = models.DateTimeField("sent", auto_now_add=True)

    class Meta:
        verbose_name = "action reminder"
        ordering = ["-sent", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "recipient", "kind", "due_on"], name="action_reminder_sent_once"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=ReminderKind.values), name="action_reminder_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder to {self.recipient} about “{self.action}”"
