"""Papers tabled at a meeting."""
import os

from django.db import models
from simple_history.models import HistoricalRecords

from .agenda import AgendaItem
from .meeting import Meeting
from .reference import Economy, Organisation


class DocumentPurpose(models.TextChoices):
    INFORMATION = "information", "For information"
    DISCUSSION = "discussion", "For discussion"
    DECISION = "decision", "For decision"


def document_upload_to(document: "Document", filename: str) -> str:
    return f"documents/meeting-{document.meeting_id}/{filename}"


class Document(models.Model):
    """A paper tabled at a meeting, e.g. 2002/SMEWG14/005."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name="meeting"
    )
    symbol = models.CharField("symbol", max_length=50, unique=True, help_text="e.g. 2002/SMEWG14/005.")
    title = models.CharField("title", max_length=300)
    submitted_by_economy = models.ForeignKey(
        Economy,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="submitted by (economy)",
        null=True,
        blank=True,
    )
    submitted_by_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="submitted by (organisation)",
        null=True,
        blank=True,
    )
    purpose = models.CharField(
        "purpose", max_length=20, choices=DocumentPurpose.choices, default=DocumentPurpose.INFORMATION
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name="agenda item",
        null=True,
        blank=True,
    )
    file = models.FileField("file", upload_to=document_upload_to, blank=True)
    created = models.DateTimeField("registered", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "document"
        ordering = ["meeting", "symbol"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=DocumentPurpose.values), name="document_purpose_valid"
            ),
        ]

    def __str__(self):
        return f"{self.symbol} {self.title}"

    @property
    def filename(self) -> str:
        """The file's own name, without the folder it is stored in."""
        return os.path.basename(self.file.name)

    @property
    def submitted_by(self):
        return self.submitted_by_economy or self.submitted_by_organisation
