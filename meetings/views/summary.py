"""The chair's summary: HTML preview, PDF export, its status page and the download.

Once adopted, the preview, the export and the published link serve the record of adoption
(``services.adoption``), not the live record. Who may see what (``meetings.selectors``): drafts are for the Secretariat and the
Chair, adopted summaries for delegates too; what a user may not see answers 404. Only the Secretariat and the
Chair start an export. An export is a ``SummaryExport`` row: the export POST queues it and
redirects to the status page, which polls the JSON endpoint until it is done or failed.
"""
import re

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import drafts_reader_required, member_required, secretariat_required
from accounts.roles import can_read_drafts

from ..downloads import stored_file_response
from ..forms.summary import SummaryExportForm
from ..kept import CSRF_HOLE, csrf_filled, kept_rendering
from ..models import AdoptedRecord, Meeting, MeetingStatus, SummaryExport, SummaryExportStatus
from ..publication import meeting_from_public_token
from ..selectors import meeting_or_404, meeting_readable_by
from ..services import (
    SummaryExportRestartRefused,
    SummaryPublicationRefused,
    adopted_record_current,
    meeting_publish_summary,
    summary_export_is_stale,
    summary_export_request,
    summary_export_restart,
    summary_export_waits_for_broker,
)
from ..services.adoption import adopted_record_html
from ..summary.docx import DOCX_CONTENT_TYPE, summary_docx
from ..summary.fingerprint import summary_fingerprint
from ..summary.render import summary_html

BODY_TAG = re.compile(r'<body class="([^"]*)">')


def export_visible_to(export: SummaryExport, user) -> bool:
    """The meeting record's read rule (``meeting_readable_by``), and for delegates the export's
    own draft mark too (a draft printed before adoption stays a draft)."""
    return can_read_drafts(user) or (not export.is_draft and meeting_readable_by(user, export.meeting))


def _export_or_404(request, export_id: int) -> SummaryExport:
    """The export if the user may see it; 404 otherwise, as for an export that does not exist."""
    export = get_object_or_404(SummaryExport.objects.select_related("meeting__forum"), pk=export_id)
    if not export_visible_to(export, request.user):
        raise Http404("No such export.")
    return export


def _with_bar(html: str, bar: str) -> str:
    """The stored summary with the page's bar put first in its body (marked as a preview)."""
    return BODY_TAG.sub(lambda tag: f'<body class="{tag[1]} is-preview">{bar}', html, count=1)


def _adopted_page(request, record: AdoptedRecord, *, public: bool = False) -> HttpResponse:
    """A record of adoption as a web page: the stored HTML, untouched but for the bar above it."""
    bar = render_to_string(
        "meetings/summary/adopted_bar.html",
        {"meeting": record.meeting, "record": record, "public": public, "can_export": can_read_drafts(request.user)},
        request=request,
    )
    return HttpResponse(_with_bar(adopted_record_html(record), bar))


def _live_summary_page(request, meeting: Meeting, *, public: bool = False) -> HttpResponse:
    """The live record's summary as a web page (the preview, or the published page), drawn by
    the PDF's own template; kept rendered (``meetings.kept``) under the summary's fingerprint,
    which changes with any row the summary reads."""
    can_export = not public and can_read_drafts(request.user)
    extra = {"public": True} if public else {"can_export": can_export}

    def render() -> dict:
        return {"html": summary_html(meeting.pk, preview=True, request=request, extra={**extra, "csrf_token": CSRF_HOLE})}

    key = f"summary-page:{meeting.pk}:{int(public)}{int(can_export)}:{request.scheme}://{request.get_host()}"
    html = kept_rendering(key, summary_fingerprint(meeting.pk), render)["html"]
    return HttpResponse(csrf_filled(html, request))


@member_required
@require_GET
def summary_preview(request, pk: int):
    """The chair's summary as a web page, drawn by the PDF's own template; once adopted, the
    record of adoption as it was stored."""
    meeting = meeting_or_404(request.user, get_object_or_404(Meeting.objects.select_related("forum"), pk=pk))
    record = adopted_record_current(meeting)
    if record is not None:
        return _adopted_page(request, record)
    return _live_summary_page(request, meeting)


@member_required
@require_GET
def summary_word_copy(request, pk: int):
    """The chair's summary as a .docx, for those who may read the record (made on request, not stored)."""
    meeting = meeting_or_404(request.user, get_object_or_404(Meeting.objects.select_related("forum"), pk=pk))
    suffix = "-draft" if meeting.status != MeetingStatus.ADOPTED else ""
    response = HttpResponse(summary_docx(meeting.pk), content_type=DOCX_CONTENT_TYPE)
    filename = f"{meeting.forum.code}{meeting.number}-chairs-summary{suffix}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@member_required
@require_GET
def adopted_record_download(request, record_id: int):
    """The PDF of a record of adoption (the one in force or an earlier one, kept as history)."""
    record = get_object_or_404(AdoptedRecord.objects.select_related("meeting__forum"), pk=record_id)
    meeting_or_404(request.user, record.meeting)
    if not record.pdf:
        raise Http404("The PDF of this record of adoption is still being drawn; try again in a minute.")
    meeting = record.meeting
    filename = f"{meeting.forum.code}{meeting.number}-chairs-summary-adopted-{record.adopted_on:%Y-%m-%d}.pdf"
    return _pdf_attachment(record.pdf, filename, gone="The PDF of this record of adoption is no longer stored.")


def _pdf_attachment(stored, filename: str, *, gone: str):
    """A stored PDF as a download (``meetings.downloads``); 404 saying ``gone`` when storage no longer has it."""
    return stored_file_response(stored, filename=filename, content_type="application/pdf", gone=gone)


@drafts_reader_required
@require_POST
def summary_export(request, pk: int):
    """Start (or reuse) an export of the chair's summary, with the annexes ticked, and go to its status page."""
    meeting = get_object_or_404(Meeting, pk=pk)
    form = SummaryExportForm(request.POST)
    form.is_valid()  # two optional boxes: no value is refused, an unticked one is "no"
    export = summary_export_request(meeting=meeting, user=request.user, annexes=form.annexes())
    return redirect("meetings:summary_export_status", export_id=export.pk)


@drafts_reader_required
@require_POST
def summary_export_start_again(request, export_id: int):
    """Start a failed or stuck export again, on the same status page."""
    export = _export_or_404(request, export_id)
    try:
        summary_export_restart(export=export, user=request.user)
    except SummaryExportRestartRefused as refused:
        messages.info(request, str(refused))
    return redirect("meetings:summary_export_status", export_id=export.pk)


def _status_data(export: SummaryExport) -> dict:
    done = export.status == SummaryExportStatus.DONE
    return {
        "id": export.pk,
        "status": export.status,
        "status_display": export.get_status_display(),
        "finished": export.status in (SummaryExportStatus.DONE, SummaryExportStatus.FAILED),
        "download_url": reverse("meetings:summary_export_download", args=[export.pk]) if done else None,
        "page_count": export.page_count,
        "reused": export.reused,
        "error": export.error if export.status == SummaryExportStatus.FAILED else "",
        "waits_for_broker": summary_export_waits_for_broker(export),
        "may_start_again": export.status == SummaryExportStatus.FAILED or summary_export_is_stale(export),
    }


@member_required
@require_GET
def summary_export_status(request, export_id: int):
    """Progress of one export: queued, rendering, done (with the download) or failed."""
    export = _export_or_404(request, export_id)
    return render(
        request,
        "meetings/summary/export_status.html",
        {
            "export": export,
            "meeting": export.meeting,
            "status": _status_data(export),
            "can_export": can_read_drafts(request.user),
        },
    )


@member_required
@require_GET
def summary_export_status_json(request, export_id: int):
    """The status page's polling endpoint."""
    return JsonResponse(_status_data(_export_or_404(request, export_id)))


@member_required
@require_GET
def summary_export_download(request, export_id: int):
    """The PDF of a finished export, as an attachment."""
    export = _export_or_404(request, export_id)
    if export.status != SummaryExportStatus.DONE or not export.file:
        raise Http404("This export has no PDF yet.")
    meeting = export.meeting
    suffix = "-draft" if export.is_draft else ""
    filename = f"{meeting.forum.code}{meeting.number}-chairs-summary{suffix}.pdf"
    return _pdf_attachment(export.file, filename, gone="The PDF of this export is no longer stored; export the summary again.")


@secretariat_required
@require_POST
def summary_publish(request, pk: int):
    """Publish the adopted summary to anyone with the link, or stop publishing it."""
    meeting = get_object_or_404(Meeting, pk=pk)
    choice = request.POST.get("public")
    if choice not in ("1", "0"):
        messages.error(request, "Choose whether to publish the summary or to stop publishing it.")
        return redirect(meeting)
    try:
        meeting = meeting_publish_summary(meeting=meeting, user=request.user, public=choice == "1")
    except SummaryPublicationRefused as refused:
        messages.error(request, str(refused))
        return redirect(meeting)
    if meeting.summary_is_public:
        messages.success(request, "The summary is published: anyone with the link can read it.")
    else:
        messages.success(request, "The summary is no longer published; the link no longer opens it.")
    return redirect(meeting)


@require_GET
def public_summary(request, token: str):
    """A published, adopted chair's summary, for anyone with the link (no sign-in)."""
    meeting = meeting_from_public_token(token)
    if meeting is None:
        raise Http404("No published summary at this address.")
    record = adopted_record_current(meeting)
    if record is not None:
        response = _adopted_page(request, record, public=True)
    else:
        response = _live_summary_page(request, meeting, public=True)
    response["X-Robots-Tag"] = "noindex"
    return response
