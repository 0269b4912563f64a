"""The action tracker, the action page, the CSV export and the calendar feed.

Who may do what with an agreed action (checked on the server for every request):
the Secretariat reads and reports on any action; the chair reads any action; a delegate
reads and reports on the actions their economy is responsible for in adopted meetings, and
the tracker, its CSV and the calendar feed show them just those (the read rule of
``meetings.selectors``). An action a user may not open answers 404; anyone signed in without
a role gets 403; anonymous users go to sign-in. The calendar feed needs no session: its
secret URL is the credential.
"""
import csv
import datetime
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from icalendar import Calendar
from icalendar.parser import escape_char, foldline

from accounts.models import Profile
from accounts.permissions import member_required
from accounts.roles import can_read_drafts, is_delegate, is_secretariat, user_economy
from accounts.services import profile_calendar_token_issue, profile_calendar_token_revoke

from ..concurrency import StaleEdit
from ..forms.actions import ActionFilterForm, ActionProgressForm
from ..models import Action, ActionStatus, Economy, Forum, Meeting
from ..notifications import progress_note_recipients, progress_note_told
from ..paging import LateRowPaginator
from ..selectors import (
    action_is_overdue,
    action_or_404,
    action_timeline,
    actions_for_calendar,
    actions_for_tracker,
    actions_streamed,
    actions_with_progress,
    meeting_readable_by,
    meetings_visible_to,
)
from ..services import ActionProgressRefused, action_report_progress
from .review import carry_forward_context, tracker_carry_target

DEFAULT_FORUM = "SMEWG"
ACTIONS_PER_PAGE = 50
STREAM_CHUNK = 2000  # actions read at a time by the CSV and the calendar feed
WRITE_CHUNK = 250  # rows or events sent to the client at a time
CHAIR_READS_ONLY = "Only delegates of the responsible economies and the Secretariat may report progress."
STALE_ACTION = (
    "Someone else updated this action while you were writing. Their update is in the history "
    "below; your note and status are kept in the form: check them and save again."
)


def may_report_progress(user) -> bool:
    """On an action ``user`` may open (``action_or_404`` has checked the economy): the
    Secretariat and delegates report progress; the chair reads."""
    return is_secretariat(user) or is_delegate(user)


def default_forum() -> Forum | None:
    return Forum.objects.filter(code=DEFAULT_FORUM).first() or Forum.objects.first()


def _filter_form(request) -> ActionFilterForm:
    """The tracker's filters, their choices narrowed to what the user may see: a delegate's
    tracker is their own economy's actions of adopted meetings."""
    data = request.GET.copy()
    meetings = meetings_visible_to(request.user, Meeting.objects.select_related("forum"))
    economy = user_economy(request.user)
    if is_delegate(request.user) and not can_read_drafts(request.user):
        if "economy" not in data and economy is not None:
            data["economy"] = economy.code
        economies = Economy.objects.filter(pk=economy.pk) if economy else Economy.objects.none()
        return ActionFilterForm(data, meetings=meetings, economies=economies)
    return ActionFilterForm(data, meetings=meetings)


def _filtered_actions(request):
    """The tracker's form and the actions it shows the user (``actions_for_tracker``)."""
    form = _filter_form(request)
    usable = form.usable()
    meeting = usable.get("meeting")
    forum = usable.get("forum") or (meeting.forum if meeting else None) or default_forum()
    if forum is None:
        return form, Action.objects.none(), None
    actions = actions_for_tracker(
        user=request.user,
        forum=forum,
        today=timezone.localdate(),
        economy=usable.get("economy"),
        meeting=meeting,
        status=usable.get("status") or "",
        overdue=bool(usable.get("overdue")),
        search=usable.get("q") or "",
        latest_first=usable.get("sort") == "-due",
        outside_review=usable.get("outside_review"),
    )
    return form, actions, forum


def _profile(user) -> Profile | None:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def calendar_context(request) -> dict:
    """The user's calendar feed address, for the block that manages it."""
    profile = _profile(request.user)
    token = profile.calendar_token if profile else ""
    feed_url = request.build_absolute_uri(reverse("meetings:actions_calendar_feed", args=[token])) if token else ""
    return {"calendar_feed_url": feed_url, "calendar_next": request.get_full_path()}


@member_required
@require_safe
def action_list(request):
    form, actions, forum = _filtered_actions(request)
    page = LateRowPaginator(
        actions, ACTIONS_PER_PAGE, rows=lambda ids: actions_with_progress().filter(pk__in=ids)
    ).get_page(request.GET.get("page"))
    today = timezone.localdate()
    carry_target, carried = tracker_carry_target(request.user, forum, page.object_list)
    for action in page.object_list:
        action.is_overdue = action_is_overdue(action, today=today)
        action.carry_to = carry_target if action.pk not in carried else None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "forum": forum,
        "page_obj": page,
        "problems": form.problems(),
        "query": query.urlencode(),
        "outside_review": form.usable().get("outside_review"),
        **calendar_context(request),
    }
    return render(request, "meetings/actions/action_list.html", context)


def _csv_cell(value) -> str:
    # A cell starting like a formula would run in a spreadsheet: make it text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_HEADER = [
    "Meeting", "Agenda item", "Action", "Responsible", "Due", "Due on", "Status", "Overdue",
    "Last progress note on", "Last progress note",
]


def _csv_lines(actions, *, today: datetime.date):
    """The CSV, a string per ``WRITE_CHUNK`` rows (not one per line: 40,000 small writes cost
    more than the rows). An agenda item's and its meeting's names are worked out once per
    item, not once per action."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    statuses = dict(ActionStatus.choices)
    places: dict[int, tuple[str, str]] = {}  # agenda item id: (meeting, item), as printed
    yield "\ufeff"  # so spreadsheet programs read UTF-8
    writer.writerow(CSV_HEADER)
    for count, (action, responsible) in enumerate(actions_streamed(actions, chunk_size=STREAM_CHUNK), start=1):
        place = places.get(action.agenda_item_id)
        if place is None:
            item = action.agenda_item
            place = places[action.agenda_item_id] = (_csv_cell(item.meeting), _csv_cell(item))
        overdue = action_is_overdue(action, today=today)
        writer.writerow([*place, *(_csv_cell(value) for value in [
            action.text,
            responsible,
            action.due_display,
            action.due_on.isoformat() if action.due_on else "",
            statuses.get(action.status, action.status),
            "yes" if overdue else "no",
            timezone.localtime(action.last_note_at).strftime("%Y-%m-%d %H:%M") if action.last_note_at else "",
            action.last_note_text or "",
        ])])
        if count % WRITE_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@member_required
@require_safe
def action_export_csv(request):
    """The tracker's actions with the same filters, every page, as a spreadsheet.

    Streamed a chunk of actions at a time, so memory stays flat however many there are.
    """
    _form, actions, forum = _filtered_actions(request)
    today = timezone.localdate()
    response = StreamingHttpResponse(_csv_lines(actions, today=today), content_type="text/csv; charset=utf-8")
    code = forum.code if forum else "actions"
    response["Content-Disposition"] = f'attachment; filename="{code}-actions-{today:%Y%m%d}.csv"'
    return response


@member_required
@require_http_methods(["GET", "POST"])
def action_detail(request, pk: int):
    action = action_or_404(request.user, pk, actions_with_progress())
    may_report = may_report_progress(request.user)
    status = 200
    stale = False
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied(CHAIR_READS_ONLY)
        form = ActionProgressForm(request.POST, action=action)
        if form.is_valid():
            try:
                progress = action_report_progress(
                    action=action,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    status=form.cleaned_data["status"],
                    version=form.cleaned_data["version"],
                )
            except StaleEdit:
                action = action_or_404(request.user, pk, actions_with_progress())
                typed = {**form.cleaned_data, "version": action.version}
                form = ActionProgressForm(action=action, initial=typed)
                stale, status = True, 409
            except ActionProgressRefused as error:
                form.add_error(None, str(error))
            else:
                told = progress_note_told(progress_note_recipients(action=action, author=request.user))
                if progress.notification.dispatched is None:
                    messages.warning(
                        request,
                        f"Your progress report is saved. {told} The e-mails will go out as soon as the background "
                        "service is back (it cannot be reached just now); there is no need to send the report again.",
                    )
                else:
                    messages.success(request, f"Your progress report is saved. {told}")
                return redirect(action)
    else:
        form = ActionProgressForm(action=action) if may_report else None
    context = {
        "action": action,
        "form": form,
        "stale_message": STALE_ACTION if stale else "",
        "timeline": action_timeline(action),
        "decisions": list(action.agenda_item.decisions.all()) if action.decision_id is None else [action.decision],
        "may_read_meeting": meeting_readable_by(request.user, action.agenda_item.meeting),
        "overdue": action_is_overdue(action, today=timezone.localdate()),
        **carry_forward_context(action, request.user),
    }
    return render(request, "meetings/actions/action_detail.html", context, status=status)


# The calendar feed of due dates.


@member_required
@require_POST
def calendar_token(request):
    """Issue (or replace) or revoke the user's secret calendar feed address."""
    if request.POST.get("do") == "revoke":
        profile_calendar_token_revoke(user=request.user)
        messages.success(request, "Your calendar feed is switched off; its address no longer works.")
    else:
        profile_calendar_token_issue(user=request.user)
        messages.success(
            request, "Your calendar feed has a new secret address; any earlier address no longer works."
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("meetings:actions")
    return redirect(target)


def _feed_economy(user) -> tuple[bool, Economy | None]:
    """(may have a feed, economy to restrict to or None for every action)."""
    if can_read_drafts(user):
        return True, None
    economy = user_economy(user)
    return (is_delegate(user) and economy is not None), economy


@require_safe
def calendar_feed(request, token: str):
    """The due dates of unfinished actions as iCalendar: a delegate's economy's, or all for staff."""
    profile = Profile.objects.select_related("user", "economy").filter(calendar_token=token).first()
    if profile is None or not profile.user.is_active:
        raise Http404("No calendar feed at this address.")
    allowed, economy = _feed_economy(profile.user)
    if not allowed:
        raise Http404("No calendar feed at this address.")
    calendar = Calendar()
    calendar.add("prodid", "-//SMEWG Secretariat//Agreed actions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Agreed actions{f' of {economy.name}' if economy else ''}")
    actions = actions_for_calendar(user=profile.user, economy=economy)
    response = StreamingHttpResponse(
        _calendar_lines(request, calendar, actions), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="actions.ics"'
    return response


def calendar_event(*, uid: str, stamp: datetime.datetime, due: datetime.date, summary: str, description: str,
                   url: str) -> str:
    """One all-day VEVENT, as icalendar's ``Event.to_ical()`` writes it (the same properties,
    escaping and line folding), without building an ``Event``: 16,000 of those cost seconds."""
    lines = [
        "BEGIN:VEVENT",
        foldline("SUMMARY:" + escape_char(summary)),
        f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
        f"DTEND;VALUE=DATE:{due + datetime.timedelta(days=1):%Y%m%d}",
        f"DTSTAMP:{stamp.astimezone(datetime.timezone.utc):%Y%m%dT%H%M%SZ}",
        foldline("UID:" + escape_char(uid)),
        foldline("DESCRIPTION:" + escape_char(description)),
        foldline("URL:" + url),
        "END:VEVENT",
    ]
    return "\r\n".join(lines) + "\r\n"


def _calendar_lines(request, calendar: Calendar, actions):
    """The calendar as iCalendar, ``WRITE_CHUNK`` events at a time, inside its own lines."""
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    yield head
    stamp = timezone.now()
    # reverse() once, not per action: an action's address differs from action 1's by its id alone.
    url_head, url_tail = request.build_absolute_uri(reverse("meetings:action_detail", kwargs={"pk": 1})).rsplit("/1/", 1)
    statuses = dict(ActionStatus.choices)
    places: dict[int, str] = {}  # agenda item id: "meeting, agenda item ..."
    events = []
    for action, responsible in actions_streamed(actions, chunk_size=STREAM_CHUNK):
        place = places.get(action.agenda_item_id)
        if place is None:
            item = action.agenda_item
            place = places[action.agenda_item_id] = f"{item.meeting}, agenda item {item}"
        events.append(calendar_event(
            uid=f"action-{action.pk}@smewg-secretariat",
            stamp=stamp,
            due=action.due_on,
            summary=f"Due: {action}",
            description=f"{action.text}\n\nResponsible: {responsible}\n"
            f"Status: {statuses.get(action.status, action.status)}\nFrom: {place}",
            url=f"{url_head}/{action.pk}/{url_tail}",
        ))
        if len(events) == WRITE_CHUNK:
            yield "".join(events).encode()
            events = []
    yield "".join(events).encode()
    yield b"END:VCALENDAR" + end
