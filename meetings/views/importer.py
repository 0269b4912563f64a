"""Importing a past chair's summary in the browser: upload, review and correct, then save.

The uploaded text is kept between the steps as a file in the default storage
(``summary-imports/<token>.txt``), its token in the user's session, so nothing becomes a
meeting before the user confirms and no one else can open the review.
"""
import datetime
import secrets

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.permissions import secretariat_required

from ..forms.importer import SummaryHeaderForm, SummaryUploadForm
from ..importer import SummaryImportError, summary_parse
from ..models import MeetingStatus
from ..services import MeetingExists, RecordError, meeting_save_record

SESSION_KEY = "summary_imports"
PENDING_DIR = "summary-imports"
# Uploads a session keeps for review at once; older ones are deleted.
KEEP_PENDING = 3
# Uploads left unreviewed longer than this (any session's) are deleted at the next upload.
PENDING_MAX_AGE = datetime.timedelta(days=1)


def _pending_path(token: str) -> str:
    return f"{PENDING_DIR}/{token}.txt"


def _pending_delete_stale() -> None:
    if not default_storage.exists(PENDING_DIR):
        return
    cutoff = timezone.now() - PENDING_MAX_AGE
    for name in default_storage.listdir(PENDING_DIR)[1]:
        path = f"{PENDING_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def _pending_store(request, *, text: str, filename: str, forum: str) -> str:
    _pending_delete_stale()
    pending = dict(request.session.get(SESSION_KEY, {}))
    token = secrets.token_urlsafe(16)
    default_storage.save(_pending_path(token), ContentFile(text.encode("utf-8")))
    pending[token] = {"filename": filename, "forum": forum}
    for old in list(pending)[:-KEEP_PENDING]:
        default_storage.delete(_pending_path(old))
        del pending[old]
    request.session[SESSION_KEY] = pending
    return token


def _pending_load(request, token: str) -> tuple[str, dict]:
    meta = request.session.get(SESSION_KEY, {}).get(token)
    if meta is None or not default_storage.exists(_pending_path(token)):
        raise Http404("This upload is not in your session.")
    with default_storage.open(_pending_path(token), "rb") as stored:
        return stored.read().decode("utf-8"), meta


def _pending_discard(request, token: str) -> None:
    pending = dict(request.session.get(SESSION_KEY, {}))
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    default_storage.delete(_pending_path(token))


@secretariat_required
@require_http_methods(["GET", "POST"])
def summary_import(request):
    """Step 1: upload a .txt or .docx summary; a readable one goes on to the review."""
    form = SummaryUploadForm(request.POST or None, request.FILES or None, initial={"forum": "SMEWG"})
    if request.method == "POST" and form.is_valid():
        token = _pending_store(
            request,
            text=form.cleaned_data["text"],
            filename=form.cleaned_data["file"].name,
            forum=form.cleaned_data["forum"].code,
        )
        return redirect("meetings:import_review", token=token)
    return render(request, "meetings/importer/upload.html", {"form": form})


@secretariat_required
@require_http_methods(["GET", "POST"])
def summary_import_review(request, token: str):
    """Step 2: the recognised record beside the source; correct the header, then save a draft."""
    text, meta = _pending_load(request, token)
    try:
        parsed = summary_parse(text, forum=meta["forum"])  # the form's forum replaces it on saving
    except SummaryImportError as error:  # the upload was parsed once already; kept for safety
        messages.error(request, str(error))
        return redirect("meetings:import")
    form = SummaryHeaderForm(request.POST or None, initial=SummaryHeaderForm.initial_from(parsed.record))
    save_problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_save_record(
                record=form.apply(parsed.record),
                replace=form.cleaned_data["replace"],
                status=MeetingStatus.DRAFTED,
            )
        except MeetingExists as error:
            form.add_error("number", f"{error} Tick “Replace” below to replace it.")
        except RecordError as error:
            save_problems = error.problems
        else:
            _pending_discard(request, token)
            messages.success(request, f"The {meeting} is saved as a draft from {meta['filename']}.")
            return redirect(meeting.get_absolute_url())
    context = {
        "form": form,
        "parsed": parsed,
        "record": parsed.record,
        "filename": meta["filename"],
        "source": _source_rows(parsed),
        "save_problems": save_problems,
    }
    return render(request, "meetings/importer/review.html", context)


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
