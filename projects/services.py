"""Writes to projects that do more than save one form.

Every public function takes keyword-only arguments and runs in one transaction.
"""
from django.db import transaction

from meetings.models import AgendaItem

from .models import Project, ProjectReport, ProjectStatus, ReportKind


class ProjectReportExists(ValueError):
    """The project is already reported (or approved) at this meeting."""


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
        project, _ = Project.objects.get_or_create(
            forum_id=meeting.forum_id, title=new_title.strip(), defaults={"status": status}
        )
    existing = ProjectReport.objects.select_for_update().filter(meeting=meeting, kind=kind)
    if existing.filter(project=project).exists():
        raise ProjectReportExists(
            f"{project.title} is already listed as {ReportKind(kind).label.lower()} at this meeting."
        )
    last = existing.order_by("-position").values_list("position", flat=True).first()
    return ProjectReport.objects.create(
        project=project, meeting=meeting, agenda_item=agenda_item, kind=kind, position=(last or 0) + 1
    )
