"""Meeting pages: the list, the record as it reads, the header form and the lifecycle."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from accounts.permissions import drafts_reader_required, member_required, secretariat_required
from accounts.roles import is_chair, is_delegate, is_secretariat

from ..concurrency import StaleEdit, conflict_response, save_form_if_current
from ..forms.meetings import (
    MeetingCreateForm,
    MeetingFilterForm,
    MeetingForm,
    MeetingStatusForm,
)
from ..kept import CSRF_HOLE, csrf_filled, kept_rendering
from ..models import AgendaItem, AttendanceCapacity, Economy, Meeting, MeetingStatus, Participant
from ..permissions import meeting_edit_view
from ..selectors import (
    count_per_meeting,
    meeting_or_404,
    meeting_record_prefetch,
    meetings_visible_to,
    participant_counts,
)
from ..services import (
    MeetingStatusRefused,
    meeting_change_status,
    meeting_status_choices_for,
    review_list_refresh,
)
from ..summary.context import join_names, participant_summary_of_counts
from ..summary.fingerprint import meeting_page_fingerprint

MEETINGS_PER_PAGE = 25


def _posted(request, what: str = "POST"):
    """The submitted data of a POST (even an empty one, so the form is bound), else None."""
    return getattr(request, what) if request.method == "POST" else None


def meetings_filtered(form: MeetingFilterForm):
    """Meetings matching the list filters, with what the list shows, in one query."""
    meetings = Meeting.objects.select_related("forum", "host_economy").annotate(
        item_count=count_per_meeting(AgendaItem.objects.all()),
        participant_count=count_per_meeting(Participant.objects.all()),
    ).order_by("-start_date", "-number", "pk")
    if not form.is_valid():
        return meetings
    data = form.cleaned_data
    if data.get("forum"):
        meetings = meetings.filter(forum=data["forum"])
    if data.get("year"):
        meetings = meetings.filter(start_date__year=data["year"])
    if data.get("status"):
        meetings = meetings.filter(status=data["status"])
    if data.get("q"):
        text = data["q"].strip()
        in_agenda = AgendaItem.objects.filter(meeting=OuterRef("pk")).filter(
            Q(title__icontains=text) | Q(text__icontains=text)
        )
        meetings = meetings.filter(
            Q(city__icontains=text)
            | Q(host_economy__name__icontains=text)
            | Q(chair_name__icontains=text)
            | Exists(in_agenda)
        )
    return meetings


@member_required
@require_safe
def meeting_list(request):
    years = [date.year for date in Meeting.objects.dates("start_date", "year", order="DESC")]
    form = MeetingFilterForm(request.GET or None, years=years)
    if form.is_bound and not form.is_valid():
        messages.warning(request, "Some filters were not understood and are ignored: see the marked fields.")
    meetings = meetings_visible_to(request.user, meetings_filtered(form))
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "meetings/meeting_list.html", {
        "form": form, "page": page, "meetings": page.object_list, "query": query.urlencode(),
    })


def _attach_to_items(meeting: Meeting) -> list[AgendaItem]:
    """Agenda items with their projects, documents and blocks in the recorded order attached
    (all prefetched, no queries)."""
    items = list(meeting.agenda_items.all())
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.reported_projects, item.approved_projects, item.item_documents = [], [], []
    for report in sorted(meeting.project_reports.all(), key=lambda r: (r.position, r.pk)):
        item = by_pk.get(report.agenda_item_id)
        if item is not None:
            (item.approved_projects if report.kind == "approved" else item.reported_projects).append(report)
    for document in meeting.documents.all():
        item = by_pk.get(document.agenda_item_id)
        if item is not None:
            item.item_documents.append(document)
    for item in items:
        item.printed_blocks = item.blocks(item.reported_projects, item.approved_projects)
    return items


def attendance_summary(meeting: Meeting) -> dict:
    """Who was present (economies as members, others) and which member economies were absent."""
    attendances = list(meeting.attendances.all())
    members = [a.economy for a in attendances if a.economy_id and a.capacity == AttendanceCapacity.MEMBER]
    member_ids = {economy.pk for economy in members}
    other_economies = [a for a in attendances if a.economy_id and a.capacity != AttendanceCapacity.MEMBER]
    organisations = [a for a in attendances if a.organisation_id]
    members = sorted(members, key=lambda economy: economy.position)
    return {
        "present_economies": members,
        "members_text": join_names([economy.name_in_text or economy.name for economy in members], semicolons=True),
        "other_attendances": other_economies + organisations,
        "absent_economies": [economy for economy in Economy.objects.order_by("position") if economy.pk not in member_ids],
    }


PAGE_TEMPLATE = "meetings/partials/meeting_page.html"


def _meeting_page_render(request, pk: int) -> dict[str, str]:
    """The meeting page's title, breadcrumbs and content, rendered from the database."""
    meeting = get_object_or_404(Meeting.objects.select_related("forum", "host_economy", "chair_economy"), pk=pk)
    meeting_or_404(request.user, meeting)
    meeting_record_prefetch(meeting)
    items = _attach_to_items(meeting)
    context = {
        "meeting": meeting,
        "items": items,
        "actions": [(item, action) for item in items for action in item.actions.all()],
        "documents": list(meeting.documents.all()),
        "unplaced_reports": [report for report in meeting.project_reports.all() if not report.agenda_item_id],
        "participants": participant_summary_of_counts(participant_counts(meeting)),
        "can_edit": is_secretariat(request.user) and not meeting.is_locked,
        "status_choices": meeting_status_choices_for(meeting=meeting, user=request.user),
        "csrf_token": CSRF_HOLE,
        **attendance_summary(meeting),
    }
    return {
        "title": meeting.title,
        "breadcrumbs": render_to_string("meetings/partials/breadcrumbs.html", {"meeting": meeting}),
        "content": render_to_string(PAGE_TEMPLATE, context, request=request),
    }


def meeting_page_parts(request, pk: int) -> dict[str, str]:
    """The meeting page's title, breadcrumbs and content (404 for a meeting the user may not read).

    Kept rendered (``meetings.kept``) under the fingerprint of every row the page prints
    (``meeting_page_fingerprint``, one query that also gives the status the read rule needs),
    one entry for each way the page reads (the user's roles, the site's address), so any
    change to the record, however written, shows on the next request. Off PostgreSQL (no
    such fingerprint) the page is rendered on every request.
    """
    fingerprint = meeting_page_fingerprint(pk)
    if fingerprint is None:
        parts = _meeting_page_render(request, pk)
    else:
        status, rows = fingerprint
        if status is None:
            raise Http404("No such meeting.")
        meeting_or_404(request.user, Meeting(pk=pk, status=status))
        key = f"meeting-page:{pk}:{_roles_key(request.user)}:{request.scheme}://{request.get_host()}"
        parts = kept_rendering(key, rows, lambda: _meeting_page_render(request, pk))
    return {
        "title": parts["title"],
        "breadcrumbs": mark_safe(parts["breadcrumbs"]),
        "content": mark_safe(csrf_filled(parts["content"], request)),
    }


def _roles_key(user) -> str:
    """Which roles ``user`` has, as part of a cache key: a page reads the same for the same roles."""
    return "".join(str(int(check(user))) for check in (is_secretariat, is_chair, is_delegate))


@member_required
@require_safe
def meeting_detail(request, pk: int):
    return render(request, "meetings/meeting_detail.html", {"page": meeting_page_parts(request, pk)})


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = MeetingCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save()
            added, _dropped = review_list_refresh(meeting=meeting, user=request.user)
        reviewed = f" It reviews {added} action{'s' if added != 1 else ''} of earlier meetings." if added else ""
        messages.success(request, f"The {meeting} is created.{reviewed} Record who attended next.")
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None})


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting: Meeting):
    form = MeetingForm(_posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            save_form_if_current(form)
        except StaleEdit as error:
            return conflict_response(
                request, form=form, error=error,
                title=f"details of the {Meeting.objects.get(pk=meeting.pk)}", cancel_url=meeting.get_absolute_url(),
            )
        messages.success(request, "The meeting details are saved.")
        return redirect(meeting)
    meeting.refresh_from_db()
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@drafts_reader_required
@require_http_methods(["GET", "POST"])
def meeting_status(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)
    choices = meeting_status_choices_for(meeting=meeting, user=request.user)
    if not choices:
        raise PermissionDenied("Your role cannot change the status of this meeting now.")
    form = MeetingStatusForm(_posted(request), choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_change_status(
                meeting=meeting, user=request.user, status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except MeetingStatusRefused as refused:
            form.add_error(refused.field, str(refused))
        else:
            messages.success(request, f"The {meeting.title} is now “{meeting.get_status_display()}”.")
            next_url = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
                return redirect(next_url)
            return redirect(meeting)
    return render(request, "meetings/meeting_status.html", {
        "form": form, "meeting": meeting, "is_reopen": meeting.status == MeetingStatus.ADOPTED,
    })
