"""The agenda editor: agenda items, their decisions, agreed actions and project reports.

One page per meeting (``meetings:agenda``), in pages of ``AGENDA_ITEMS_PER_PAGE`` items
(``?page=``): a 200-item meeting on one page was 2.3 MB of HTML and 0.7 s to render. A change
to an item answers with the page that holds it (``editor_page_of``). Every change is a plain POST form that
redirects back to the editor with a message; htmx enhances the same forms so that a change
swaps only the part of the page it touches (the response is then that fragment, with the
message swapped in out of band). Without JavaScript, an edit or an invalid form shows the
same fragment inside a page of its own.

Edits carry the version they were shown; a save from a stale copy is refused and shows the
current text beside the user's (``meetings.concurrency``). An adopted meeting is locked
(``meetings.permissions``): every view here refuses it with 403.
"""
from dataclasses import dataclass
from typing import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from projects.forms import ProjectReportLinkForm
from projects.models import ProjectReport, ReportKind
from projects.services import ProjectReportExists, project_report_link

from .. import services
from ..concurrency import StaleEdit, conflict_response, save_form_if_current
from ..forms.agenda import (
    ActionEditForm,
    ActionForm,
    AgendaItemEditForm,
    AgendaItemForm,
    DecisionEditForm,
    DecisionForm,
)
from ..models import Action, AgendaItem, Decision, Meeting
from ..paging import page_ranges
from ..permissions import meeting_edit_view

PAGE = "meetings/agenda_page.html"
PARTIALS = "meetings/partials/"
# A usual meeting's agenda fits one page; a long one (200 items) is read in pages of this many.
AGENDA_ITEMS_PER_PAGE = 20


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _invalid(request) -> int:
    """Status of a form returned with errors: htmx needs 200 to swap it in."""
    return 200 if _htmx(request) else 400


def editor_page_of(item: AgendaItem) -> int:
    """The page of the agenda editor that shows ``item`` (items are in position order, 1, 2, ...)."""
    return (item.position - 1) // AGENDA_ITEMS_PER_PAGE + 1


def editor_url(meeting: Meeting, anchor: str = "", *, item: AgendaItem | None = None, page: int = 1) -> str:
    """The editor's address: the page that shows ``item`` (or ``page``), scrolled to ``anchor``.
    Page 1 has no ``?page=``."""
    url = reverse("meetings:agenda", kwargs={"pk": meeting.pk})
    page = editor_page_of(item) if item is not None else page
    if page > 1:
        url = f"{url}?page={page}"
    return f"{url}#{anchor}" if anchor else url


def _context_item(context: dict) -> AgendaItem | None:
    """The agenda item a fragment's context is about (an item, or a decision's or action's)."""
    if "item" in context:
        return context["item"]
    part = context.get(DECISION.name) or context.get(ACTION.name)
    return part.agenda_item if part is not None else None


# The parts of an agenda item that htmx swaps one at a time: their fragment, and what they
# show beneath the item (prefetched, so a part costs a fixed number of queries).
ITEM_PARTS = {
    "main": "agenda_item_main.html",
    "decisions": "agenda_decisions.html",
    "actions": "agenda_actions.html",
    "projects": "agenda_projects.html",
}


def _part_prefetches(part: str) -> list:
    if part == "decisions":
        return ["decisions"]
    if part == "actions":
        actions = Action.objects.prefetch_related("responsible_economies", "responsible_organisations")
        return [Prefetch("actions", queryset=actions)]
    if part == "projects":
        reports = ProjectReport.objects.select_related("project").order_by("kind", "position", "pk")
        return [Prefetch("project_reports", queryset=reports)]
    return []


def _agenda_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The meeting's items with everything the editor shows under them, in a fixed number of queries."""
    parts = [lookup for part in ITEM_PARTS for lookup in _part_prefetches(part)]
    return meeting.agenda_items.prefetch_related(*parts, "documents")


def _with_blocks(item: AgendaItem) -> AgendaItem:
    """The item given ``printed_blocks`` for the "Order in the summary" list (its decisions
    and project reports prefetched)."""
    reports = item.project_reports.all()
    item.printed_blocks = item.blocks(
        [report for report in reports if report.kind == ReportKind.REPORTED],
        [report for report in reports if report.kind == ReportKind.APPROVED],
    )
    return item


def _order_oob(request, meeting: Meeting, item: AgendaItem) -> str:
    """The item's "Order in the summary" list, swapped out of band after a change to its
    text, decisions or projects (a block may have appeared, gone or changed its words)."""
    prefetch_related_objects([item], *_part_prefetches("decisions"), *_part_prefetches("projects"))
    context = {"meeting": meeting, "item": _with_blocks(item), "oob": True}
    return render_to_string(PARTIALS + "agenda_order.html", context, request)


def _item_context(meeting: Meeting, item: AgendaItem, part: str, **extra) -> dict:
    """What one part of an item needs: only its own rows, and (for the title bar) whether the item is last."""
    prefetch_related_objects([item], *_part_prefetches(part))
    context = {"meeting": meeting, "item": item, **extra}
    if part == "main":
        context["is_last"] = not meeting.agenda_items.filter(position__gt=item.position).exists()
    return context


def _render(
    request, template: str, context: dict, *, title: str, status: int = 200, order_of: AgendaItem | None = None
) -> HttpResponse:
    """htmx gets the fragment (and any messages, out of band); a plain request the fragment in a page.

    ``order_of``: an item whose blocks changed, so its order list is swapped out of band too.
    """
    if _htmx(request):
        html = render_to_string(template, context, request)
        html += render_to_string(PARTIALS + "agenda_messages.html", {}, request)
        if order_of is not None:
            html += _order_oob(request, context["meeting"], order_of)
        response = HttpResponse(html, status=status)
        if "page" in context:  # the whole editor swapped: the address names the page it now shows
            response["HX-Replace-Url"] = editor_url(context["meeting"], page=context["page"].number)
        return response
    back = editor_url(context["meeting"], context.get("anchor", ""), item=_context_item(context))
    return render(request, PAGE, {**context, "partial": template, "page_title": title, "editor_url": back},
                  status=status)


def _conflict(request, *, form, error: StaleEdit, title: str, meeting: Meeting, template: str, context):
    """The refused stale save: the current text beside the user's, their form kept."""
    back = editor_url(meeting, context.get("anchor", ""), item=_context_item(context))
    extra = {**context, "partial": template, "page_title": f"{title}: not saved", "editor_url": back}
    response = conflict_response(
        request,
        form=form,
        error=error,
        title=title,
        cancel_url=back,
        template=template if _htmx(request) else PAGE,
        extra_context=extra,
    )
    if _htmx(request):
        # htmx swaps only 2xx responses; the fragment itself says the save was refused.
        response.status_code = 200
    return response


# The whole editor.


def _editor_context(meeting: Meeting, add_form=None, *, page=1) -> dict:
    """One page of the editor (``page``: a number, or text from a request; out of range is the
    nearest page): its items, and the form adding one."""
    paginator = Paginator(_agenda_items(meeting), AGENDA_ITEMS_PER_PAGE)
    page = paginator.get_page(page)
    items = [_with_blocks(item) for item in page.object_list]
    for index, item in enumerate(items):
        item.is_last = index == len(items) - 1 and not page.has_next()
    return {
        "meeting": meeting,
        "page": page,
        "page_ranges": page_ranges(paginator),
        "items": items,
        "item_add_form": add_form or AgendaItemForm(prefix="new-item"),
    }


# A page number past the end: ``get_page`` answers the last page, where an added item goes.
LAST_PAGE = 10**9


@meeting_edit_view()
def agenda(request, meeting: Meeting):
    """The agenda editor of one meeting, one page of items (``?page=``)."""
    return render(request, "meetings/agenda.html", _editor_context(meeting, page=request.GET.get("page")))


@meeting_edit_view()
def agenda_item_add(request, meeting: Meeting):
    if request.method != "POST":
        return redirect(editor_url(meeting, "agenda-item-add"))
    form = AgendaItemForm(request.POST, prefix="new-item")
    if not form.is_valid():
        # The page the form was sent from, shown again with the errors.
        return _render(
            request, PARTIALS + "agenda_editor.html", _editor_context(meeting, form, page=request.POST.get("page")),
            title="Add an agenda item", status=_invalid(request),
        )
    item = services.agenda_item_add(meeting=meeting, **form.cleaned_data)
    messages.success(request, f"Agenda item {item.position} “{item.title}” added.")
    if _htmx(request):
        return _render(request, PARTIALS + "agenda_editor.html", _editor_context(meeting, page=LAST_PAGE), title="")
    return redirect(editor_url(meeting, f"agenda-item-{item.pk}", item=item))


@meeting_edit_view()
@require_POST
def agenda_item_move(request, meeting: Meeting, item_pk: int):
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, "Choose to move the item up or down.")
    elif services.agenda_item_move(item=item, direction=direction):
        messages.success(request, f"“{item.title}” is now item {item.position}.")
    else:
        messages.info(request, f"“{item.title}” is already the {'first' if direction == 'up' else 'last'} item.")
    if _htmx(request):
        context = _editor_context(meeting, page=editor_page_of(item))
        return _render(request, PARTIALS + "agenda_editor.html", context, title="")
    return redirect(editor_url(meeting, f"agenda-item-{item.pk}", item=item))


@meeting_edit_view()
@require_POST
def agenda_block_move(request, meeting: Meeting, item_pk: int):
    """Move a block of an item (its text, a decision, a project list) up or down the summary's order."""
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    direction, block = request.POST.get("direction"), request.POST.get("block", "")
    if direction not in ("up", "down"):
        messages.error(request, "Choose to move the part up or down.")
    elif services.agenda_block_move(item=item, block=block, direction=direction):
        messages.success(request, f"Item {item.position}: the order in the summary is changed.")
    else:
        messages.info(request, f"Item {item.position}: that part cannot move {direction}; the order is unchanged.")
    anchor = f"agenda-item-{item.pk}-order"
    if _htmx(request):
        item = _with_blocks(_agenda_items(meeting).get(pk=item.pk))
        is_last = not meeting.agenda_items.filter(position__gt=item.position).exists()
        context = {"meeting": meeting, "item": item, "is_last": is_last}
        return _render(request, PARTIALS + "agenda_item.html", context, title="")
    return redirect(editor_url(meeting, anchor, item=item))


@meeting_edit_view()
def agenda_item_delete(request, meeting: Meeting, item_pk: int):
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    if request.method != "POST":
        return _confirm_delete(request, meeting, f"agenda item {item}", f"agenda-item-{item.pk}", item)
    page = editor_page_of(item)  # the page it was on, now showing the items after it
    services.agenda_item_delete(item=item)
    messages.success(request, f"Agenda item “{item.title}” deleted; the items after it are renumbered.")
    if _htmx(request):
        return _render(request, PARTIALS + "agenda_editor.html", _editor_context(meeting, page=page), title="")
    return redirect(editor_url(meeting, page=page))


def _confirm_delete(request, meeting: Meeting, what: str, anchor: str, item: AgendaItem):
    """Without JavaScript a delete link opens this page; its button POSTs the delete."""
    return render(
        request,
        "meetings/agenda_confirm_delete.html",
        {"meeting": meeting, "what": what, "cancel_url": editor_url(meeting, anchor, item=item)},
    )


@meeting_edit_view()
def agenda_item(request, meeting: Meeting, item_pk: int):
    """One part of an agenda item (``?part=``) as shown in the editor (Cancel swaps it back)."""
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    if not _htmx(request):
        return redirect(editor_url(meeting, f"agenda-item-{item_pk}", item=item))
    part = request.GET.get("part", "")
    if part not in ITEM_PARTS:
        raise Http404("No such part of an agenda item.")
    return _render(request, PARTIALS + ITEM_PARTS[part], _item_context(meeting, item, part), title="")


@meeting_edit_view()
def agenda_item_edit(request, meeting: Meeting, item_pk: int):
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    title = f"Edit agenda item {item.position}"
    prefix = f"item{item.pk}"
    template = PARTIALS + "agenda_item_form.html"
    context = {"meeting": meeting, "item": item, "anchor": f"agenda-item-{item.pk}"}
    if request.method != "POST":
        return _render(request, template, {**context, "form": AgendaItemEditForm(instance=item, prefix=prefix)}, title=title)
    form = AgendaItemEditForm(request.POST, instance=item, prefix=prefix)
    if not form.is_valid():
        return _render(request, template, {**context, "form": form}, title=title, status=_invalid(request))
    try:
        save_form_if_current(form)
    except StaleEdit as error:
        return _conflict(
            request, form=form, error=error, title=f"Agenda item “{item.title}”",
            meeting=meeting, template=template, context=context,
        )
    messages.success(request, f"Agenda item {item.position} “{item.title}” saved.")
    if _htmx(request):
        return _render(
            request, PARTIALS + ITEM_PARTS["main"], _item_context(meeting, item, "main"), title="", order_of=item
        )
    return redirect(editor_url(meeting, f"agenda-item-{item.pk}", item=item))


# Decisions and agreed actions under an item work the same way; a Part says which.


@dataclass(frozen=True)
class Part:
    name: str  # decision, action
    label: str
    model: type
    add_form: type
    edit_form: type
    add: Callable
    section: str  # the item's section re-rendered after an add: decisions, actions

    def anchor(self, obj) -> str:
        return f"{self.name}-{obj.pk}"

    def template(self, suffix: str = "") -> str:
        return f"{PARTIALS}agenda_{self.name}{suffix}.html"


DECISION = Part(
    "decision", "Decision", Decision, DecisionForm, DecisionEditForm, services.decision_add, "decisions",
)
ACTION = Part(
    "action", "Agreed action", Action, ActionForm, ActionEditForm, services.action_add, "actions",
)


def _part_object(meeting: Meeting, part: Part, pk: int):
    return get_object_or_404(part.model.objects.select_related("agenda_item"), pk=pk, agenda_item__meeting=meeting)


@meeting_edit_view()
def part_add(request, meeting: Meeting, item_pk: int, part: Part):
    """Add a decision or an agreed action under an agenda item."""
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    prefix = f"item{item.pk}-{part.name}"
    section = PARTIALS + ITEM_PARTS[part.section]
    title = f"Add to agenda item {item.position}: {part.label.lower()}"
    if request.method != "POST":
        form = part.add_form(prefix=prefix, agenda_item=item)
        return _render(request, section, _item_context(meeting, item, part.section, add_form=form), title=title)
    form = part.add_form(request.POST, prefix=prefix, agenda_item=item)
    if not form.is_valid():
        return _render(
            request, section, _item_context(meeting, item, part.section, add_form=form), title=title,
            status=_invalid(request),
        )
    obj = part.add(agenda_item=item, **form.cleaned_data)
    messages.success(request, f"{part.label} added to item {item.position}.")
    if _htmx(request):
        order_of = item if part is DECISION else None
        return _render(request, section, _item_context(meeting, item, part.section), title="", order_of=order_of)
    return redirect(editor_url(meeting, part.anchor(obj), item=obj.agenda_item))


@meeting_edit_view()
def part_show(request, meeting: Meeting, object_pk: int, part: Part):
    """One decision or action as the editor shows it (Cancel of an edit swaps it back)."""
    obj = _part_object(meeting, part, object_pk)
    if not _htmx(request):
        return redirect(editor_url(meeting, part.anchor(obj), item=obj.agenda_item))
    return _render(request, part.template(), {"meeting": meeting, part.name: obj}, title="")


@meeting_edit_view()
def part_edit(request, meeting: Meeting, object_pk: int, part: Part):
    """Edit a decision or an agreed action in place; refuses saves from stale copies."""
    obj = _part_object(meeting, part, object_pk)
    prefix = part.anchor(obj)
    template = part.template("_form")
    title = f"Edit {part.label.lower()} (item {obj.agenda_item.position})"
    context = {"meeting": meeting, part.name: obj, "anchor": part.anchor(obj)}
    if request.method != "POST":
        return _render(request, template, {**context, "form": part.edit_form(instance=obj, prefix=prefix)}, title=title)
    form = part.edit_form(request.POST, instance=obj, prefix=prefix)
    if not form.is_valid():
        return _render(request, template, {**context, "form": form}, title=title, status=_invalid(request))
    try:
        save_form_if_current(form)
    except StaleEdit as error:
        return _conflict(
            request, form=form, error=error, title=part.label,
            meeting=meeting, template=template, context=context,
        )
    messages.success(request, f"{part.label} saved.")
    if _htmx(request):
        # obj is the saved row (fields, version and choices): no need to read it again.
        order_of = obj.agenda_item if part is DECISION else None
        return _render(request, part.template(), {"meeting": meeting, part.name: obj}, title="", order_of=order_of)
    return redirect(editor_url(meeting, part.anchor(obj), item=obj.agenda_item))


@meeting_edit_view()
def part_delete(request, meeting: Meeting, object_pk: int, part: Part):
    obj = _part_object(meeting, part, object_pk)
    anchor = f"agenda-item-{obj.agenda_item_id}"
    if request.method != "POST":
        return _confirm_delete(request, meeting, f"{part.label.lower()} “{obj}”", part.anchor(obj), obj.agenda_item)
    obj.delete()
    messages.success(request, f"{part.label} deleted.")
    if _htmx(request):
        # The fragment replaces the deleted row; only the message is left to show.
        order_of = obj.agenda_item if part is DECISION else None
        return _render(request, PARTIALS + "agenda_deleted.html", {"meeting": meeting}, title="", order_of=order_of)
    return redirect(editor_url(meeting, anchor, item=obj.agenda_item))


# Project reports under an item.


@meeting_edit_view()
def agenda_project_link(request, meeting: Meeting, item_pk: int):
    """Link a project report to an agenda item: an existing project, or a new one by title."""
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    prefix = f"item{item.pk}-project"
    section = PARTIALS + ITEM_PARTS["projects"]
    title = f"Link a project report to item {item.position}"
    if request.method != "POST":
        form = ProjectReportLinkForm(forum=meeting.forum, prefix=prefix)
        return _render(request, section, _item_context(meeting, item, "projects", link_form=form), title=title)
    form = ProjectReportLinkForm(request.POST, forum=meeting.forum, prefix=prefix)
    report = None
    if form.is_valid():
        try:
            report = project_report_link(agenda_item=item, **form.cleaned_data)
        except ProjectReportExists as error:
            form.add_error("project" if form.cleaned_data.get("project") else "new_title", str(error))
        except IntegrityError:
            form.add_error(None, "This project could not be linked; check the title and try again.")
    if report is None:
        return _render(
            request, section, _item_context(meeting, item, "projects", link_form=form), title=title,
            status=_invalid(request),
        )
    messages.success(request, f"{report.project.title} linked to item {item.position} ({report.get_kind_display().lower()}).")
    if _htmx(request):
        return _render(request, section, _item_context(meeting, item, "projects"), title="", order_of=item)
    return redirect(editor_url(meeting, f"agenda-item-{item.pk}-projects", item=item))


@meeting_edit_view()
@require_POST
def agenda_project_unlink(request, meeting: Meeting, report_pk: int):
    report = get_object_or_404(
        ProjectReport.objects.select_related("project", "agenda_item"), pk=report_pk, meeting=meeting
    )
    item = report.agenda_item
    report.delete()
    messages.success(request, f"{report.project.title} is no longer reported at this meeting.")
    if _htmx(request) and item:
        return _render(
            request, PARTIALS + ITEM_PARTS["projects"], _item_context(meeting, item, "projects"), title="", order_of=item
        )
    return redirect(editor_url(meeting, f"agenda-item-{item.pk}-projects" if item else "", item=item))
