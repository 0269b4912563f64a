"""What a meeting reviews of earlier meetings' actions, and the records of adoption.

``ReviewEntry``: one earlier agreed action on a meeting's review list ("status of actions
from previous meetings"), with what the meeting recorded about it: the status reported at
the meeting and a note, kept apart from the action's live status in the tracker.

``AdoptedRecord``: the chair's summary as adopted, HTML and PDF, stored through Django's
storage API. Each adoption keeps a new one; the earlier ones stay as history.
"""
from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .agenda import Action, ActionStatus
from .meeting import Meeting


class ReviewSource(models.TextChoices):
    DEFAULT = "default", "Default rule"
    HAND = "hand", "Carried forward by the secretariat"
    IMPORTED = "imported", "Imported from the summary"


class ReviewEntry(models.Model):
    """An earlier agreed action a meeting reviews, and what the meeting recorded about it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="review_entries", verbose_name="reviewing meeting"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="review_entries", verbose_name="agreed action"
    )
    source = models.CharField(
        "on the list by", max_length=20, choices=ReviewSource.choices, default=ReviewSource.DEFAULT
    )
    status_reported = models.CharField(
        "status reported at the meeting",
        max_length=20,
        choices=ActionStatus.choices,
        blank=True,
        help_text="What the meeting was told; the tracker's live status is kept apart.",
    )
    note = models.TextField(
        "note recorded", blank=True, max_length=2000, help_text="e.g. “Mexico reported the study is complete.”"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="review_entries_added",
        verbose_name="added by",
        null=True,
        blank=True,
    )
    created = models.DateTimeField("added", auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created", "added_by"])

    class Meta:
        verbose_name = "review list entry"
        verbose_name_plural = "review list entries"
        ordering = [
            "meeting",
            "action__agenda_item__meeting__start_date",
            "action__agenda_item__position",
            "action__position",
            "action__pk",
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "action"], name="review_entry_action_once_per_meeting"),
            models.CheckConstraint(
                condition=models.Q(status_reported="") | models.Q(status_reported__in=ActionStatus.values),
                name="review_entry_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=ReviewSource.values), name="review_entry_source_valid"
            ),
        ]

    def __str__(self):
        return f"“{self.action}” reviewed at the {self.meeting}"


def adopted_record_path(record: "AdoptedRecord", filename: str) -> str:
    meeting = record.meeting
    return f"adopted/{meeting.forum.code.lower()}{meeting.number}/{filename}"


class AdoptedRecord(models.Model):
    """The chair's summary as adopted: the official record, frozen as at adoption.

    The HTML is stored at adoption; the PDF is drawn from that HTML (by a task) and stored
    beside it. Later changes to live statuses never touch either.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="adopted_records", verbose_name="meeting"
    )
    adopted_on = models.DateField("adopted on")
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="adopted_records",
        verbose_name="marked adopted by",
        null=True,
        blank=True,
    )
    html = models.FileField("summary as adopted (HTML)", upload_to=adopted_record_path)
    pdf = models.FileField("summary as adopted (PDF)", upload_to=adopted_record_path, blank=True)
    page_count = models.PositiveSmallIntegerField("pages", null=True, blank=True)
    pdf_error = models.TextField("PDF error", blank=True)
    created = models.DateTimeField("recorded", auto_now_add=True)

    class Meta:
        verbose_name = "record of adoption"
        verbose_name_plural = "records of adoption"
        ordering = ["meeting", "-created", "-pk"]
        get_latest_by = ["created", "pk"]

    def __str__(self):
        return f"Chair's summary of the {self.meeting} as adopted on {self.adopted_on:%d %B %Y}"
