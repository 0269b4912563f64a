"""Projects of a forum and the meetings at which they were reported on or approved."""
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from meetings.models import AgendaItem, Economy, Forum, Meeting


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    ONGOING = "ongoing", "Ongoing"
    COMPLETED = "completed", "Completed"


class Project(models.Model):
    """A project of the group, e.g. “APEC SME Profile 2000”."""

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="projects", verbose_name="forum"
    )
    title = models.CharField("title", max_length=300)
    code = models.CharField(
        "reference code", max_length=50, blank=True, help_text="e.g. SME 01/2002. Unique when given."
    )
    proposing_economies = models.ManyToManyField(
        Economy, related_name="proposed_projects", verbose_name="proposing economies", blank=True
    )
    status = models.CharField(
        "status", max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    description = models.TextField("description", blank=True)
    created = models.DateTimeField("created", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "project"
        ordering = ["forum", "title"]
        constraints = [
            # Case-insensitive: "APEC SME Profile" and "apec sme profile" are one project.
            models.UniqueConstraint(
                Lower("title"),
                "forum",
                name="project_unique_title_in_forum_ci",
                violation_error_message="The group already has a project of this title.",
            ),
            models.UniqueConstraint(
                Lower("code"),
                condition=~models.Q(code=""),
                name="project_unique_code_ci",
                violation_error_message="Another project already has this reference code.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProjectStatus.values), name="project_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.code})" if self.code else self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"pk": self.pk})


class ReportKind(models.TextChoices):
    REPORTED = "reported", "Reported on"
    APPROVED = "approved", "Approved"


class ProjectReport(models.Model):
    """A project reported on, or approved, at a meeting (under one of its agenda items)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name="project"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="project_reports", verbose_name="meeting"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        related_name="project_reports",
        verbose_name="agenda item",
        null=True,
        blank=True,
    )
    kind = models.CharField("reported as", max_length=20, choices=ReportKind.choices)
    position = models.PositiveSmallIntegerField("order in the list", default=1)
    note = models.TextField("note", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "project report"
        ordering = ["meeting", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "meeting", "kind"], name="project_report_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ReportKind.values), name="project_report_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.project.title}: {self.get_kind_display().lower()} at {self.meeting}"
