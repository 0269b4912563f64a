"""Generated chair's summaries, one row per export (like pretix's CachedFile)."""
from django.conf import settings
from django.db import models
from django.utils import timezone

from .meeting import Meeting


class SummaryExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class SummaryExport(models.Model):
    """One request for a chair's summary PDF: who asked, how it went, and the file."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="summary_exports", verbose_name="meeting"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="summary_exports",
        verbose_name="requested by",
        null=True,
        blank=True,
    )
    status = models.CharField(
        "status", max_length=20, choices=SummaryExportStatus.choices, default=SummaryExportStatus.QUEUED
    )
    error = models.TextField("error", blank=True)
    content_hash = models.CharField(
        "content hash", max_length=64, blank=True, help_text="Hash of the rendered HTML and template version."
    )
    record_fingerprint = models.CharField(
        "record fingerprint",
        max_length=64,
        blank=True,
        help_text="What the summary was drawn from (meetings.summary.fingerprint): a request with the same "
        "one reuses the file without rendering. Empty when the record changed while it rendered.",
    )
    is_draft = models.BooleanField("draft", default=True)
    annex_participants = models.BooleanField("annex: list of participants", default=False)
    annex_documents = models.BooleanField("annex: documents register", default=False)
    file = models.FileField("file", upload_to="summaries/", blank=True)
    page_count = models.PositiveSmallIntegerField("pages", null=True, blank=True)
    reused = models.BooleanField("served from an earlier render", default=False)
    created = models.DateTimeField("requested", auto_now_add=True)
    # The row is its own outbox entry while queued (background/ has the other tasks' outbox).
    attempt = models.PositiveSmallIntegerField(
        "attempt", default=1, help_text="Raised when the export is sent again; older task messages are ignored."
    )
    queued = models.DateTimeField("queued", default=timezone.now, help_text="When this attempt was queued.")
    dispatched = models.DateTimeField(
        "sent to the worker", null=True, blank=True, help_text="Empty while the broker could not be reached."
    )
    started = models.DateTimeField("rendering started", null=True, blank=True)
    time_limit = models.PositiveIntegerField(
        "time limit (seconds)", null=True, blank=True, help_text="The render's soft time limit, set by its size."
    )
    finished = models.DateTimeField("finished", null=True, blank=True)

    class Meta:
        verbose_name = "chair's summary export"
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SummaryExportStatus.values), name="summary_export_status_valid"
            ),
        ]

    def __str__(self):
        return f"Chair's summary of {self.meeting} ({self.get_status_display()}, {self.created:%d %b %Y %H:%M})"
