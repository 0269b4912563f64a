"""Admin pages for projects."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Project, ProjectReport


class ProjectReportInline(admin.TabularInline):
    model = ProjectReport
    extra = 0
    fk_name = "project"


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "forum", "status"]
    list_filter = ["status", "forum", "proposing_economies"]
    search_fields = ["title", "code", "description"]
    filter_horizontal = ["proposing_economies"]
    inlines = [ProjectReportInline]


@admin.register(ProjectReport)
class ProjectReportAdmin(SimpleHistoryAdmin):
    list_display = ["project", "meeting", "kind", "agenda_item"]
    list_filter = ["kind", "meeting"]
    search_fields = ["project__title"]
    list_select_related = ["project", "meeting__forum", "agenda_item"]
