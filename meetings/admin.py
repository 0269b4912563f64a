"""Admin pages: a fallback for the secretariat, not its daily tool."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Economy,
    EconomyAlias,
    Forum,
    Meeting,
    Organisation,
    Participant,
    ProgressNote,
    SummaryExport,
)


class EconomyAliasInline(admin.TabularInline):
    model = EconomyAlias
    extra = 0


@admin.register(Economy)
class EconomyAdmin(admin.ModelAdmin):
    list_display = ["position", "code", "name", "name_in_text"]
    list_display_links = ["code", "name"]
    search_fields = ["name", "code", "aliases__alias"]
    inlines = [EconomyAliasInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["economy", "organisation"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "text"]
    show_change_link = True


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["name", "title", "employer", "economy", "organisation", "sex", "role"]
    autocomplete_fields = ["economy", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "forum", "number", "city", "host_economy", "start_date", "end_date", "status"]
    list_filter = ["forum", "status", "host_economy"]
    search_fields = ["city", "chair_name", "agenda_items__title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["host_economy", "chair_economy"]
    inlines = [AttendanceInline, AgendaItemInline, ParticipantInline]
    exclude = ["version"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("forum", "host_economy")


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    exclude = ["version"]


class ActionInline(admin.StackedInline):
    model = Action
    extra = 0
    exclude = ["version"]
    filter_horizontal = ["responsible_economies", "responsible_organisations"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting"]
    list_filter = ["meeting__forum", "meeting"]
    search_fields = ["title", "text"]
    inlines = [DecisionInline, ActionInline]
    exclude = ["version"]
    list_select_related = ["meeting__forum"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "agenda_item"]
    list_filter = ["kind", "agenda_item__meeting"]
    search_fields = ["text"]
    exclude = ["version"]
    list_select_related = ["agenda_item__meeting__forum"]


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    readonly_fields = ["created"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "due_date", "due_next_meeting", "agenda_item"]
    list_filter = ["status", "due_next_meeting", "responsible_economies", "agenda_item__meeting"]
    search_fields = ["text", "responsible_other"]
    filter_horizontal = ["responsible_economies", "responsible_organisations"]
    inlines = [ProgressNoteInline]
    exclude = ["version"]
    list_select_related = ["agenda_item__meeting__forum"]


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "meeting", "economy", "organisation", "sex", "role"]
    list_filter = ["sex", "role", "meeting", "economy"]
    search_fields = ["name", "employer", "title"]
    list_select_related = ["meeting__forum", "economy", "organisation"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "title", "meeting", "purpose"]
    list_filter = ["purpose", "meeting"]
    search_fields = ["symbol", "title"]
    list_select_related = ["meeting__forum"]


@admin.register(SummaryExport)
class SummaryExportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "requested_by", "created", "finished", "reused"]
    list_filter = ["status", "reused"]
    readonly_fields = ["content_hash", "record_fingerprint", "created", "finished"]
    list_select_related = ["meeting__forum", "requested_by"]
