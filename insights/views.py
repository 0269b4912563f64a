"""The numbers page of a forum (charts, tables, CSV) and search across the record.

Members only (Secretariat, Chair, delegates). Staff and chair see every economy; a
delegate sees their own economy's part of each figure and finds only what they may open.
"""
import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.permissions import member_required
from accounts.roles import can_read_drafts, user_economy
from meetings.models import AttendanceCapacity, Forum
from meetings.views.actions import DEFAULT_FORUM, _csv_cell

from . import selectors
from .charts import Series, bar_chart
from .forms import NumbersFilterForm, SearchForm
from .search import SearchFilters, search_record

NO_ECONOMY = "Your delegate account names no economy: ask the Secretariat to set it."


def _economy_of(user):
    """None for staff and chair (every economy); the delegate's economy otherwise."""
    if can_read_drafts(user):
        return None
    economy = user_economy(user)
    if economy is None:
        raise PermissionDenied(NO_ECONOMY)
    return economy


def _scope(request, forum_code: str) -> tuple[selectors.NumbersScope, NumbersFilterForm]:
    forum = get_object_or_404(Forum, code__iexact=forum_code)
    economy = _economy_of(request.user)
    form = NumbersFilterForm(request.GET or None)
    start = end = None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    meetings = selectors.numbers_meetings(user=request.user, forum=forum, start=start, end=end)
    return selectors.NumbersScope(forum, meetings, economy, timezone.localdate()), form


@member_required
@require_GET
def numbers_default(request):
    forum = Forum.objects.filter(code=DEFAULT_FORUM).first() or Forum.objects.first()
    if forum is None:
        raise Http404("No forum is recorded yet.")
    return redirect("insights:numbers", forum_code=forum.code)


@member_required
@require_GET
def numbers(request, forum_code: str):
    """The forum's figures: attendance, participants by sex, actions, completion times."""
    scope, form = _scope(request, forum_code)
    grid = selectors.attendance_grid(scope)
    sexes = selectors.participants_by_sex(scope)
    actions = selectors.actions_per_meeting(scope)
    open_actions = selectors.actions_open_per_economy(scope)
    completion = selectors.completion_times(scope)
    meeting_labels = [selectors.meeting_label(meeting) for meeting in grid.meetings]
    charts = {
        "attendance": bar_chart(
            title="Economies present at each meeting", chart_id="chart-attendance", labels=meeting_labels,
            series=[Series("Economies present", [grid.present.get(m.pk, 0) for m in grid.meetings])],
        ),
        "participants": bar_chart(
            title="Participants by sex at each meeting", chart_id="chart-participants", stacked=True,
            labels=[selectors.meeting_label(row.meeting) for row in sexes],
            series=[Series("Female", [r.female for r in sexes]), Series("Male", [r.male for r in sexes]),
                    Series("Other / not stated", [r.other for r in sexes])],
        ),
        "actions": bar_chart(
            title="Actions agreed and done, by meeting", chart_id="chart-actions",
            labels=[selectors.meeting_label(row.meeting) for row in actions],
            series=[Series("Agreed", [r.agreed for r in actions]), Series("Done", [r.done for r in actions])],
        ),
        "open": bar_chart(
            title="Unfinished and overdue actions, by economy", chart_id="chart-open",
            labels=[row.economy.code for row in open_actions],
            series=[Series("Unfinished", [r.unfinished for r in open_actions]),
                    Series("Overdue", [r.overdue for r in open_actions])],
        ),
        "completion": bar_chart(
            title="Time from agreement to completion", chart_id="chart-completion",
            labels=[label for label, _count in completion.buckets],
            series=[Series("Actions done", [count for _label, count in completion.buckets])],
        ),
    }
    return render(request, "insights/numbers.html", {
        "forum": scope.forum, "forums": Forum.objects.all(), "economy": scope.economy, "form": form,
        "query": request.GET.urlencode(), "today": scope.today, "charts": charts, "grid": grid,
        "sexes": sexes, "actions": actions, "open_actions": open_actions,
        "completion": completion,
    })


def _rows_attendance(scope):
    grid = selectors.attendance_grid(scope)
    yield ["Meeting", "Start date", *[e.code for e in grid.economies], "Economies present"]
    for meeting, cells, present in grid.rows():
        yield [str(meeting), meeting.start_date.isoformat(),
               *[AttendanceCapacity(c).label if c else "" for _e, c in cells], present]


def _rows_participants(scope):
    yield ["Meeting", "Start date", "Female", "Male", "Other / not stated", "Total", "Women (%)"]
    for row in selectors.participants_by_sex(scope):
        share = "" if row.female_share is None else row.female_share
        yield [str(row.meeting), row.meeting.start_date.isoformat(), row.female, row.male, row.other, row.total, share]


def _rows_actions(scope):
    yield ["Meeting", "Start date", "Agreed", "Done", "Unfinished"]
    for row in selectors.actions_per_meeting(scope):
        yield [str(row.meeting), row.meeting.start_date.isoformat(), row.agreed, row.done, row.unfinished]


def _rows_open(scope):
    yield ["Economy", "Code", "Unfinished", f"Overdue on {scope.today.isoformat()}"]
    for row in selectors.actions_open_per_economy(scope):
        yield [row.economy.name, row.economy.code, row.unfinished, row.overdue]


def _rows_completion(scope):
    yield ["Time from agreement to completion", "Actions done"]
    yield from ([label, count] for label, count in selectors.completion_times(scope).buckets)


CSV_ROWS = {
    "attendance": _rows_attendance,
    "participants": _rows_participants,
    "actions": _rows_actions,
    "open": _rows_open,
    "completion": _rows_completion,
}


@member_required
@require_GET
def numbers_csv(request, forum_code: str, chart: str):
    """One chart's numbers as a spreadsheet, with the page's filters."""
    if chart not in CSV_ROWS:
        raise Http404("No such chart.")
    scope, form = _scope(request, forum_code)
    if form.is_bound and not form.is_valid():
        errors = "; ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponse(f"The filters are not valid: {errors}", status=400, content_type="text/plain")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    part = f"-{scope.economy.code}" if scope.economy else ""
    response["Content-Disposition"] = (
        f'attachment; filename="{scope.forum.code}{part}-{chart}-{scope.today:%Y%m%d}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    for row in CSV_ROWS[chart](scope):
        writer.writerow([_csv_cell(value) for value in row])
    return response


@member_required
@require_GET
def search(request):
    """Words across the whole record, filtered; what the user may open, and nothing else."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        filters = SearchFilters(
            words=data["q"].strip(), kinds=data["kind"], forum=data["forum"], economy=data["economy"],
            year_from=data["year_from"], year_to=data["year_to"],
        )
        results = search_record(user=request.user, filters=filters)
    return render(request, "insights/search.html", {"form": form, "results": results})
