"""A meeting's review list on its page: what the meeting reviews of earlier meetings' actions.

Everyone who may read the meeting sees the list (``meeting_or_404``). The Secretariat
changes it until the summary is adopted (``meeting_edit_view``: locked records refuse with
403): search and add an open action, remove one, record the status reported and a note,
apply the default rule again until the summary is circulated. Each change is a plain POST
that redirects to the meeting page; htmx sends the same forms and swaps the list's section
in place. "Review at the next meeting" on an action's page and in the tracker carries an
action forward in one click.

The list shows ``REVIEW_ENTRIES_PER_PAGE`` entries at a time (``?page=``): the default rule
gives a meeting after a long one hundreds (484 for the archive's 101st meeting: 750 kB and
0.27 s as one table). A change answers with the page holding the entry it changed.
"""
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import member_required, secretariat_required
from accounts.roles import can_read_drafts, is_secretariat

from ..forms.review import CarryForwardForm, ReviewRecordForm, ReviewSearchForm
from ..models import Action, Meeting, MeetingStatus, ReviewEntry
from ..paging import page_ranges
from ..permissions import meeting_edit_view
from ..selectors import (
    OPEN_STATUSES,
    UNFINISHED,
    actions_open_not_reviewed,
    actions_visible_to,
    meeting_or_404,
    review_candidates,
    review_list,
    review_meetings_for,
    review_next_meeting,
)
from ..services import (
    ReviewListRefused,
    action_carry_forward,
    review_entry_add,
    review_entry_record,
    review_entry_remove,
    review_list_refresh,
)
from ..services.review import REFRESHABLE

SECTION = "meetings/partials/review_list.html"
PAGE = "meetings/review_page.html"
CANDIDATES_SHOWN = 25
REVIEW_ENTRIES_PER_PAGE = 50


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def other_open_url(meeting: Meeting) -> str:
    """The tracker, filtered to the open actions of earlier meetings this meeting does not review."""
    query = urlencode({"forum": meeting.forum.code, "status": UNFINISHED, "outside_review": meeting.pk})
    return f"{reverse('meetings:actions')}?{query}"


def review_context(request, meeting: Meeting, *, page=1, **extra) -> dict:
    """What the review list's section shows (the meeting page includes it too): one page of
    entries (``page``: a number, or text from a request; out of range is the nearest page)."""
    can_edit = is_secretariat(request.user) and not meeting.is_locked
    paginator = Paginator(review_list(meeting), REVIEW_ENTRIES_PER_PAGE)
    page = paginator.get_page(page)
    entries = list(page.object_list)
    context = {
        "meeting": meeting,
        "review_entries": entries,
        "review_count": paginator.count,
        "review_page": page,
        "review_page_ranges": page_ranges(paginator),
        # The list is part of the record; the actions as live objects (their page, their live
        # status) only for those the user may open (a delegate: their own economy's).
        "review_openable": _openable(request.user, entries),
        "other_open_count": actions_visible_to(request.user, actions_open_not_reviewed(meeting)).count(),
        "other_open_url": other_open_url(meeting),
        "can_edit_review": can_edit,
        "can_refresh_review": can_edit and meeting.status in REFRESHABLE,
        "review_search_form": ReviewSearchForm(meeting=meeting) if can_edit else None,
        "review_candidates": None,
        "review_editing": None,
        "review_record_form": None,
        "review_message": "",
        "review_error": "",
    }
    context.update(extra)
    return context


def _openable(user, entries) -> set[int]:
    """The ids of the reviewed actions ``user`` may open (no query for those who read all)."""
    ids = [entry.action_id for entry in entries]
    if not ids or can_read_drafts(user):
        return set(ids)
    return set(actions_visible_to(user, Action.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def _section(request, meeting: Meeting, *, status: int = 200, **extra):
    """The section alone for htmx, else a page of its own around it."""
    template = SECTION if _htmx(request) else PAGE
    return render(request, template, review_context(request, meeting, **extra), status=status)


def _page_of(meeting: Meeting, entry_pk: int | None) -> int:
    """The page of the review list that shows the entry ``entry_pk`` (1 if it is not on the list)."""
    ids = list(review_list(meeting).prefetch_related(None).values_list("pk", flat=True))
    return ids.index(entry_pk) // REVIEW_ENTRIES_PER_PAGE + 1 if entry_pk in ids else 1


def _done(request, meeting: Meeting, message: str = "", error: str = "", *, page: int = 1):
    """After a change: the fresh section for htmx (its ``page``), else back to the meeting page
    with a message."""
    if _htmx(request):
        return _section(request, meeting, page=page, review_message=message, review_error=error)
    if error:
        messages.error(request, error)
    elif message:
        messages.success(request, message)
    return redirect(f"{meeting.get_absolute_url()}#review-list")


@member_required
@require_GET
def review_section(request, pk: int):
    """The review list's section, a page of it (``?page=``; htmx swaps it back after Cancel)."""
    meeting = meeting_or_404(request.user, get_object_or_404(Meeting.objects.select_related("forum"), pk=pk))
    return _section(request, meeting, page=request.GET.get("page"))


@meeting_edit_view()
@require_GET
def review_search(request, meeting: Meeting):
    """Open actions of earlier meetings matching the search, to add to the list."""
    form = ReviewSearchForm(request.GET, meeting=meeting)
    page = request.GET.get("page")  # the list's page the search was sent from stays in view
    if not form.is_valid():
        return _section(request, meeting, status=200 if _htmx(request) else 400, review_search_form=form,
                        page=page, review_error="The search was not understood: see the marked fields.")
    data = form.cleaned_data
    candidates = list(review_candidates(
        meeting, search=data["q"], from_meeting=data["from_meeting"], economy=data["economy"],
        limit=CANDIDATES_SHOWN + 1,
    ))
    return _section(
        request, meeting, review_search_form=form, review_candidates=candidates[:CANDIDATES_SHOWN],
        review_more=len(candidates) > CANDIDATES_SHOWN, page=page,
    )


@meeting_edit_view()
@require_POST
def review_add(request, meeting: Meeting):
    raw = request.POST.get("action", "")
    action = Action.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if action is None:
        return _done(request, meeting, error="Choose an action to add to the review list.")
    try:
        entry = review_entry_add(meeting=meeting, action=action, user=request.user)
    except ReviewListRefused as refused:
        return _done(request, meeting, error=str(refused))
    return _done(request, meeting, message=f"Added to the review list: “{action}”.", page=_page_of(meeting, entry.pk))


def _entry(meeting: Meeting, entry_pk: int) -> ReviewEntry:
    return get_object_or_404(ReviewEntry.objects.select_related("action"), pk=entry_pk, meeting=meeting)


@meeting_edit_view()
@require_POST
def review_remove(request, meeting: Meeting, entry_pk: int):
    entry = _entry(meeting, entry_pk)
    page = _page_of(meeting, entry.pk)  # the page it was on, now showing the entries after it
    try:
        review_entry_remove(entry=entry, user=request.user)
    except ReviewListRefused as refused:
        return _done(request, meeting, error=str(refused), page=page)
    return _done(request, meeting, message=f"Removed from the review list: “{entry.action}”.", page=page)


@meeting_edit_view()
@require_http_methods(["GET", "POST"])
def review_record(request, meeting: Meeting, entry_pk: int):
    """What the meeting recorded about one action: the status reported and a note."""
    entry = _entry(meeting, entry_pk)
    page = _page_of(meeting, entry.pk)
    if request.method == "GET":
        initial = {"status_reported": entry.status_reported or entry.action.status, "note": entry.note}
        return _section(request, meeting, page=page, review_editing=entry.pk,
                        review_record_form=ReviewRecordForm(initial=initial))
    form = ReviewRecordForm(request.POST)
    if not form.is_valid():
        return _section(request, meeting, status=200 if _htmx(request) else 400, page=page, review_editing=entry.pk,
                        review_record_form=form, review_error="Not saved: see the marked field.")
    try:
        review_entry_record(entry=entry, user=request.user, **form.cleaned_data)
    except ReviewListRefused as refused:
        return _done(request, meeting, error=str(refused), page=page)
    return _done(request, meeting, message=f"Recorded for “{entry.action}”.", page=page)


@meeting_edit_view()
@require_POST
def review_refresh(request, meeting: Meeting):
    try:
        added, dropped = review_list_refresh(meeting=meeting, user=request.user)
    except ReviewListRefused as refused:
        return _done(request, meeting, error=str(refused))
    if not added and not dropped:
        return _done(request, meeting, message="The review list already follows the default rule.")
    parts = [f"{added} action{'s' if added != 1 else ''} added"] if added else []
    parts += [f"{dropped} no longer due for review removed"] if dropped else []
    return _done(request, meeting, message=f"Review list refreshed: {' and '.join(parts)}.")


@secretariat_required
@require_POST
def action_review_carry(request, pk: int):
    """"Review at the next meeting" (or at the meeting chosen) from an action's page or the tracker."""
    action = get_object_or_404(Action.objects.select_related("agenda_item__meeting__forum"), pk=pk)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = action.get_absolute_url()
    meeting = None
    if request.POST.get("meeting"):
        form = CarryForwardForm(request.POST, meetings=review_meetings_for(action))
        if not form.is_valid():
            messages.error(request, "Choose a later meeting of the forum whose summary is not adopted yet.")
            return redirect(target)
        meeting = form.cleaned_data["meeting"]
    try:
        entry = action_carry_forward(action=action, user=request.user, meeting=meeting)
    except ReviewListRefused as refused:
        messages.error(request, str(refused))
        return redirect(target)
    messages.success(request, f"“{action}” will be reviewed at the {entry.meeting}.")
    return redirect(target)


def carry_forward_context(action: Action, user) -> dict:
    """The action page's "review at the next meeting" form, for the Secretariat."""
    if not is_secretariat(user):
        return {}
    meetings = review_meetings_for(action)
    listed = list(
        ReviewEntry.objects.filter(action=action).select_related("meeting__forum").order_by("meeting__start_date")
    )
    listed_ids = {entry.meeting_id for entry in listed}
    choices = [meeting for meeting in meetings if meeting.pk not in listed_ids]
    default = review_next_meeting(choices, today=timezone.localdate())
    form = CarryForwardForm(meetings=meetings.exclude(pk__in=listed_ids), initial={"meeting": default})
    return {"carry_form": form if choices else None, "reviewed_at": listed}


def tracker_carry_target(user, forum, actions) -> tuple[Meeting | None, set[int]]:
    """For the tracker's "review at the next meeting" buttons (the Secretariat's): the forum's
    next meeting, and which of ``actions`` cannot go to it (done, not earlier, or listed)."""
    if forum is None or not is_secretariat(user):
        return None, set()
    meetings = Meeting.objects.select_related("forum").filter(forum=forum).exclude(status=MeetingStatus.ADOPTED)
    target = review_next_meeting(meetings.order_by("start_date", "number"), today=timezone.localdate())
    if target is None:
        return None, set()
    actions = list(actions)
    listed = set(
        ReviewEntry.objects.filter(meeting=target, action__in=[a.pk for a in actions]).values_list("action_id", flat=True)
    )
    later = (target.start_date, target.number)
    blocked = {
        action.pk for action in actions
        if action.pk in listed or action.status not in OPEN_STATUSES
        or (action.agenda_item.meeting.start_date, action.agenda_item.meeting.number) >= later
    }
    return target, blocked
