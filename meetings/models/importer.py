"""Imported chair's summaries awaiting review: one row per uploaded file (or file of a .zip).

Drafts live in the database and their files in the default storage, not in a session or on
the local disk, so any web machine can show any of them and several staff can work through
one archive together.
"""
from django.conf import settings
from django.db import models

from .meeting import Meeting
from .reference import Forum


class ImportDraftStatus(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    REFUSED = "refused", "Refused"
    SAVED = "saved", "Saved as a meeting"


class ImportDraft(models.Model):
    """One summary file as read and recognised, until the secretariat saves or discards it."""

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="import_drafts", verbose_name="forum")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="import_drafts",
        verbose_name="uploaded by",
        null=True,
        blank=True,
    )
    batch = models.CharField(
        "batch", max_length=32, db_index=True, help_text="Files uploaded together share a batch."
    )
    filename = models.CharField("file name", max_length=255, help_text="Inside its .zip: “archive.zip › 2006/x.pdf”.")
    source = models.FileField("uploaded file", upload_to="summary-imports/%Y/%m/", blank=True)
    text = models.TextField("text read from the file", blank=True)
    status = models.CharField(
        "status", max_length=20, choices=ImportDraftStatus.choices, default=ImportDraftStatus.PENDING
    )
    error = models.TextField("why it was refused", blank=True)
    record = models.JSONField("recognised record", default=dict, blank=True)
    problem_count = models.PositiveIntegerField("problems", default=0)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        related_name="import_drafts",
        verbose_name="saved as",
        null=True,
        blank=True,
    )
    created = models.DateTimeField("uploaded", auto_now_add=True)

    class Meta:
        verbose_name = "imported summary draft"
        ordering = ["-created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportDraftStatus.values), name="import_draft_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ImportDraftStatus.REFUSED) | ~models.Q(error=""),
                name="import_draft_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"Imported summary {self.filename} ({self.get_status_display()})"

    @property
    def counts(self) -> dict[str, int]:
        """What was recognised, as the list of drafts shows it."""
        record = self.record or {}
        return {
            "economies": len(record.get("member_economies", [])),
            "others": len(record.get("other_participants", [])),
            "items": len(record.get("agenda_items", [])),
            "projects": len(record.get("projects", [])),
        }
