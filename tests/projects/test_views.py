"""Project pages: list with filters and pagination, detail with its meetings, create and edit."""
import pytest
from django.urls import reverse

from meetings.models import Economy, Forum
from projects.models import Project, ProjectReport
from tests.factories import AgendaItemFactory, MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db
LIST_URL = reverse("projects:list")


def project_data(**overrides):
    data = {
        "forum": Forum.objects.get(code="SMEWG").pk,
        "title": "APEC SME Profile",
        "code": "SME 01/2002",
        "proposing_economies": [],
        "status": "proposed",
        "description": "",
    }
    data.update(overrides)
    return data


# Roles.


@pytest.mark.parametrize(
    "url_name", ["projects:list", "projects:create", "projects:detail", "projects:edit"]
)
def test_projects_anonymous_redirects_to_login(client, url_name):
    project = ProjectFactory()
    args = [project.pk] if url_name in ("projects:detail", "projects:edit") else []

    response = client.get(reverse(url_name, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user", "chair_user", "secretariat_user"])
def test_projects_everyone_signed_in_reads(client, request, user_fixture):
    project = ProjectFactory(title="Readable project")
    client.force_login(request.getfixturevalue(user_fixture))

    listed = client.get(LIST_URL)
    detail = client.get(reverse("projects:detail", args=[project.pk]))

    assert (listed.status_code, detail.status_code) == (200, 200)
    assert "Readable project" in listed.content.decode()


@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user", "chair_user"])
def test_projects_only_secretariat_changes(client, request, user_fixture):
    project = ProjectFactory(title="Untouched")
    client.force_login(request.getfixturevalue(user_fixture))

    responses = [
        client.get(reverse("projects:create")),
        client.post(reverse("projects:create"), project_data()),
        client.get(reverse("projects:edit", args=[project.pk])),
        client.post(reverse("projects:edit", args=[project.pk]), project_data(title="Changed")),
    ]

    assert [r.status_code for r in responses] == [403] * 4
    assert list(Project.objects.values_list("title", flat=True)) == ["Untouched"]


# The list.


def test_project_list_queries_do_not_grow(secretariat_client, django_assert_num_queries):
    ProjectFactory().proposing_economies.set(Economy.objects.filter(code__in=["MEX", "AUS"]))
    with django_assert_num_queries(8):
        secretariat_client.get(LIST_URL)
    for _ in range(2):
        ProjectFactory().proposing_economies.set(Economy.objects.filter(code__in=["JPN"]))
    with django_assert_num_queries(8):
        response = secretariat_client.get(LIST_URL)
    assert len(response.context["projects"]) == 3
    forum = Forum.objects.get(code="SMEWG")
    Project.objects.bulk_create([Project(forum=forum, title=f"Bulk {n:03d}") for n in range(197)])
    with django_assert_num_queries(8):
        response = secretariat_client.get(LIST_URL)
    assert response.context["page"].paginator.count == 200


def test_project_list_filters_by_status_and_economy(secretariat_client):
    mexico = Economy.objects.get(code="MEX")
    wanted = ProjectFactory(title="Wanted", status="approved")
    wanted.proposing_economies.add(mexico)
    ProjectFactory(title="Other status", status="completed").proposing_economies.add(mexico)
    ProjectFactory(title="Other economy", status="approved")

    response = secretariat_client.get(LIST_URL, {"status": "approved", "economy": mexico.pk})

    assert [p.title for p in response.context["projects"]] == ["Wanted"]


def test_project_list_bad_filter_lists_all(secretariat_client):
    ProjectFactory(title="Still listed")

    response = secretariat_client.get(LIST_URL, {"status": "nonsense", "economy": "abc"})

    assert response.status_code == 200
    assert [p.title for p in response.context["projects"]] == ["Still listed"]


def test_project_list_paginates_and_keeps_filters(secretariat_client):
    for number in range(30):
        ProjectFactory(title=f"Project {number:02d}", status="ongoing")

    first = secretariat_client.get(LIST_URL, {"status": "ongoing"})
    second = secretariat_client.get(LIST_URL, {"status": "ongoing", "page": 2})

    assert len(first.context["projects"]) == 25
    assert "status=ongoing&amp;page=2" in first.content.decode()
    assert len(second.context["projects"]) == 5


def test_project_title_is_escaped(secretariat_client):
    ProjectFactory(title="<script>alert(1)</script>")

    content = secretariat_client.get(LIST_URL).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_nav_links_to_projects(secretariat_client):
    content = secretariat_client.get(LIST_URL).content.decode()

    assert f'<a class="nav-link active" aria-current="page" href="{LIST_URL}">Projects</a>' in content


# The detail.


def test_project_detail_lists_meetings(secretariat_client):
    project = ProjectFactory(title="SME Profile")
    meeting = MeetingFactory(number=15)
    item = AgendaItemFactory(meeting=meeting, position=3, title="Projects")
    ProjectReport.objects.create(project=project, meeting=meeting, agenda_item=item, kind="approved")

    response = secretariat_client.get(reverse("projects:detail", args=[project.pk]))

    content = response.content.decode()
    assert "15th SMEWG Meeting, Acapulco, Mexico" in content
    assert "20-21 August 2002" in content
    assert "Approved" in content
    assert "3. Projects" in content


def test_project_detail_unknown_is_404(secretariat_client):
    response = secretariat_client.get(reverse("projects:detail", args=[999999]))

    assert response.status_code == 404


# Create and edit.


def test_project_create_saves_and_redirects(secretariat_client):
    mexico = Economy.objects.get(code="MEX")

    response = secretariat_client.post(
        reverse("projects:create"), project_data(proposing_economies=[mexico.pk]), follow=True
    )

    project = Project.objects.get()
    assert response.redirect_chain[-1][0] == project.get_absolute_url()
    assert list(project.proposing_economies.all()) == [mexico]
    assert "Project “APEC SME Profile” created." in response.content.decode()


def test_project_create_without_title_keeps_input(secretariat_client):
    response = secretariat_client.post(
        reverse("projects:create"), project_data(title="", description="Careful description")
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in content
    assert "Careful description" in content
    assert Project.objects.count() == 0


def test_project_create_duplicate_title_refused(secretariat_client):
    ProjectFactory(title="APEC SME Profile")

    response = secretariat_client.post(reverse("projects:create"), project_data(code="", title="apec sme profile"))

    assert response.status_code == 400
    assert response.context["form"].errors["title"] == ["The group already has a project titled “APEC SME Profile”."]
    assert Project.objects.count() == 1


def test_project_create_duplicate_code_refused(secretariat_client):
    ProjectFactory(title="Earlier", code="SME 01/2002")

    response = secretariat_client.post(reverse("projects:create"), project_data(code="sme 01/2002"))

    assert response.status_code == 400
    assert "Another project already has this reference code." in response.content.decode()


def test_project_create_bad_status_refused(secretariat_client):
    response = secretariat_client.post(reverse("projects:create"), project_data(status="forgotten"))

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_project_edit_saves(secretariat_client):
    project = ProjectFactory(title="Old title", code="OLD")

    response = secretariat_client.post(
        reverse("projects:edit", args=[project.pk]), project_data(title="New title", code="OLD", status="completed")
    )

    project.refresh_from_db()
    assert response.status_code == 302
    assert (project.title, project.status) == ("New title", "completed")


def test_project_edit_get_shows_current_values(secretariat_client):
    project = ProjectFactory(title="Shown title")

    response = secretariat_client.get(reverse("projects:edit", args=[project.pk]))

    assert 'value="Shown title"' in response.content.decode()
