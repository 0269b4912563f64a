"""Writes to projects that do more than save one form.

Every public function takes keyword-only arguments and runs in one transaction.
"""
from django.db import transaction

from meetings.models import AgendaItem, Forum

from .models import Project, ProjectReport, ProjectStatus, ReportKind


class ProjectReportExists(ValueError):
    """The project is already reported (or approved) at this meeting."""


@transaction.atomic
def project_get_or_create(*, forum: Forum, title: str, status: str) -> Project:
    """The forum's project of this title, whatever its case, else a new one with ``status``.

    Titles are unique per forum regardless of case (the database refuses a case variant), so
    "apec sme profile" finds "APEC SME Profile" rather than adding a second project.
    """
    title = title.strip()
    project = Project.objects.filter(forum=forum, title__iexact=title).first()
    return project or Project.objects.create(forum=forum, title=title, status=status)


@transaction.atomic
def project_report_link(
    *, agenda_item: AgendaItem, kind: str, project: Project | None = None, new_title: str = ""
) -> ProjectReport:
    """Record that a project was reported on or approved under an agenda item.

    Give an existing ``project`` or a ``new_title``: a project of the meeting's forum with
    that title is reused, else created (approved if approved here, otherwise ongoing).
    Raises ``ProjectReportExists`` if the meeting already lists it the same way.
    """
    meeting = agenda_item.meeting
    if project is None:
        status = ProjectStatus.APPROVED if kind == ReportKind.APPROVED else ProjectStatus.ONGOING
        project = project_get_or_create(forum=meeting.forum, title=new_title, status=status)
    existing = ProjectReport.objects.select_for_update().filter(meeting=meeting, kind=kind)
    if existing.filter(project=project).exists():
        raise ProjectReportExists(
            f"{project.title} is already listed as {ReportKind(kind).label.lower()} at this meeting."
        )
    last = existing.order_by("-position").values_list("position", flat=True).first()
    return ProjectReport.objects.create(
        project=project, meeting=meeting, agenda_item=agenda_item, kind=kind, position=(last or 0) + 1
    )
