"""Importing past chair's summaries in the browser: upload, the list of drafts, review and save.

Uploads become ``ImportDraft`` rows (their files in the default storage), so every web
machine sees them and any secretariat member can review any draft; nothing becomes a
meeting before someone saves a reviewed draft.
"""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import secretariat_required

from ..forms.importer import SummaryHeaderForm, SummaryUploadForm
from ..importer import SummaryImportError, summary_parse
from ..models import ImportDraftStatus
from ..selectors import import_drafts_listed, import_duplicates
from ..services import MeetingExists, RecordError
from ..services.importer import SummaryFile, summary_draft_discard, summary_draft_save, summary_drafts_create


@secretariat_required
@require_http_methods(["GET", "POST"])
def summary_import(request):
    """Upload one or more summaries, or a .zip of them; each becomes a draft awaiting review."""
    form = SummaryUploadForm(request.POST or None, request.FILES or None, initial={"forum": "SMEWG"})
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["file"]
        drafts = summary_drafts_create(
            files=[SummaryFile.from_upload(upload) for upload in uploads],
            forum=form.cleaned_data["forum"],
            user=request.user,
        )
        single = len(uploads) == 1 and len(drafts) == 1 and not uploads[0].name.lower().endswith(".zip")
        if single and drafts[0].status == ImportDraftStatus.REFUSED:
            # One file refused: say so beside the field, as for any bad form input.
            form.add_error("file", drafts[0].error)
            drafts[0].delete()
        elif single:
            return redirect("meetings:import_review", pk=drafts[0].pk)
        else:
            refused = sum(draft.status == ImportDraftStatus.REFUSED for draft in drafts)
            messages.success(
                request,
                f"{len(drafts) - refused} of {len(drafts)} file{'s' if len(drafts) != 1 else ''} read and waiting "
                f"for review; {refused} refused.",
            )
            return redirect("meetings:import_drafts")
    return render(request, "meetings/importer/upload.html", {"form": form})


@secretariat_required
@require_http_methods(["GET"])
def summary_import_drafts(request):
    """The imported summaries awaiting review, and those refused, with what was recognised."""
    drafts = import_drafts_listed()
    duplicates = import_duplicates(drafts)
    rows = [{"draft": draft, "counts": draft.counts, **duplicates.get(draft.pk, {})} for draft in drafts]
    return render(request, "meetings/importer/drafts.html", {"rows": rows})


@secretariat_required
@require_http_methods(["GET", "POST"])
def summary_import_review(request, pk: int):
    """One draft: the recognised record beside the source; correct the header, then save."""
    draft = get_object_or_404(
        import_drafts_listed(), pk=pk, status=ImportDraftStatus.PENDING
    )
    try:
        parsed = summary_parse(draft.text, forum=draft.forum.code)
    except SummaryImportError as error:  # the text was recognised once already; kept for safety
        messages.error(request, str(error))
        return redirect("meetings:import_drafts")
    form = SummaryHeaderForm(request.POST or None, initial=SummaryHeaderForm.initial_from(parsed.record))
    save_problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            meeting = summary_draft_save(
                draft=draft, record=form.apply(parsed.record), replace=form.cleaned_data["replace"]
            )
        except MeetingExists as error:
            form.add_error("number", f"{error} Tick “Replace” below to replace it.")
        except RecordError as error:
            save_problems = error.problems
        else:
            messages.success(request, f"The {meeting} is saved as a draft from {draft.filename}.")
            return redirect(meeting.get_absolute_url())
    context = {
        "draft": draft,
        "form": form,
        "parsed": parsed,
        "record": parsed.record,
        "filename": draft.filename,
        "source": _source_rows(parsed),
        "fields": parsed.fields,
        "save_problems": save_problems,
        **import_duplicates([draft]).get(draft.pk, {}),
    }
    return render(request, "meetings/importer/review.html", context)


@secretariat_required
@require_POST
def summary_import_discard(request, pk: int):
    """Delete a draft (awaiting review or refused) and its stored file."""
    draft = get_object_or_404(import_drafts_listed(), pk=pk)
    summary_draft_discard(draft=draft)
    messages.success(request, f"{draft.filename} is discarded.")
    return redirect("meetings:import_drafts")


def _source_rows(parsed) -> list[dict]:
    """Each source line with its number, its problems, and unknown names cut out for highlighting."""
    by_line: dict[int, list] = {}
    for problem in parsed.problems:
        if problem.line:
            by_line.setdefault(problem.line, []).append(problem)
    rows = []
    for number, line in enumerate(parsed.lines, start=1):
        problems = by_line.get(number, [])
        rows.append({
            "number": number,
            "parts": _highlight(line, [p.name for p in problems if p.name]),
            "problems": problems,
        })
    return rows


def _highlight(line: str, names: list[str]) -> list[tuple[str, bool]]:
    """The line as (text, is_unknown_name) parts."""
    parts = [(line, False)]
    for name in names:
        split = []
        for text, marked in parts:
            position = text.find(name) if not marked else -1
            if position < 0:
                split.append((text, marked))
                continue
            split += [(text[:position], False), (name, True), (text[position + len(name):], False)]
        parts = split
    return [(text, marked) for text, marked in parts if text]
