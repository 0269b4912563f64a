"""Pages of projects: the list (filtered by status and proposing economy), a project with the
meetings where it was reported on or approved, and the secretariat's create and edit forms.

The Secretariat, the chair and delegates read projects (a delegate sees the reports of
adopted meetings only: ``meetings.selectors``); only the secretariat changes them.
"""
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from accounts.permissions import member_required, secretariat_required
from meetings.selectors import meetings_visible_to

from .forms import ProjectFilterForm, ProjectForm
from .models import Project, ProjectReport

PAGE_SIZE = 25


@member_required
@require_safe
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    projects = Project.objects.select_related("forum").prefetch_related("proposing_economies").order_by("title", "pk")
    if form.is_bound and form.is_valid():
        if form.cleaned_data["status"]:
            projects = projects.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["economy"]:
            projects = projects.filter(proposing_economies=form.cleaned_data["economy"])
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "projects": page.object_list, "query": query.urlencode()}
    return render(request, "projects/project_list.html", context)


@member_required
@require_safe
def project_detail(request, pk: int):
    reports = ProjectReport.objects.filter(meeting__in=meetings_visible_to(request.user)).select_related("meeting__forum", "meeting__host_economy", "agenda_item").order_by(
        "-meeting__start_date", "kind"
    )
    project = get_object_or_404(
        Project.objects.select_related("forum").prefetch_related(
            "proposing_economies", Prefetch("reports", queryset=reports)
        ),
        pk=pk,
    )
    return render(request, "projects/project_detail.html", {"project": project})


@secretariat_required
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        messages.success(request, f"Project “{project.title}” created.")
        return redirect(project)
    status = 400 if form.is_bound else 200
    return render(request, "projects/project_form.html", {"form": form, "project": None}, status=status)


@secretariat_required
def project_edit(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        messages.success(request, f"Project “{project.title}” saved.")
        return redirect(project)
    status = 400 if form.is_bound else 200
    return render(request, "projects/project_form.html", {"form": form, "project": project}, status=status)
