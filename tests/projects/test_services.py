"""Project services: a project is found by its title whatever the case, and the database agrees."""
import pytest
from django.db import IntegrityError

from meetings.models import Forum
from projects.models import Project
from projects.services import project_get_or_create, project_report_link
from tests.factories import AgendaItemFactory, MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_project_report_link_new_title_in_other_case_reuses_project():
    existing = ProjectFactory(title="APEC SME Profile")
    item = AgendaItemFactory(meeting=MeetingFactory())

    report = project_report_link(agenda_item=item, kind="reported", new_title=" apec sme profile ")

    assert report.project == existing
    assert list(Project.objects.values_list("title", flat=True)) == ["APEC SME Profile"]


def test_project_get_or_create_new_title_creates_with_status():
    forum = Forum.objects.get(code="SMEWG")

    project = project_get_or_create(forum=forum, title="  E-commerce for SMEs ", status="approved")

    assert (project.title, project.status, project.forum) == ("E-commerce for SMEs", "approved", forum)


def test_project_title_case_variant_refused_by_database():
    ProjectFactory(title="APEC SME Profile")

    with pytest.raises(IntegrityError):
        ProjectFactory(title="apec sme profile")


def test_project_code_case_variant_refused_by_database():
    ProjectFactory(title="One", code="SME 01/2002")
    ProjectFactory(title="Two", code="")
    ProjectFactory(title="Three", code="")

    with pytest.raises(IntegrityError):
        ProjectFactory(title="Four", code="sme 01/2002")
