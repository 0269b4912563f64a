"""Documents tabled at a meeting: register, edit and delete them, and download their files.

Registering and editing is the secretariat's (and refused on an adopted, locked record);
whoever may read the meeting's record may download its papers. Files are never served from
a public /media/ URL: the download view checks the reader and streams the file as an attachment.
"""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.permissions import member_required, secretariat_required

from ..downloads import stored_file_response
from ..forms.documents import DocumentForm
from ..models import Document, Meeting
from ..permissions import meeting_edit_view, meeting_editable_or_403
from ..selectors import meetings_visible_to


def _documents(meeting: Meeting):
    return meeting.documents.select_related("agenda_item", "submitted_by_economy", "submitted_by_organisation")


def _list_url(meeting: Meeting) -> str:
    return reverse("meetings:documents", kwargs={"pk": meeting.pk})


@secretariat_required
def documents(request, pk: int):
    """The meeting's papers and the form registering one (read-only once the record is locked)."""
    meeting = get_object_or_404(Meeting.objects.select_related("forum", "host_economy"), pk=pk)
    form = None
    status = 200
    if request.method == "POST":
        meeting_editable_or_403(meeting)
        form = DocumentForm(request.POST, request.FILES, meeting=meeting, prefix="document")
        if form.is_valid():
            document = form.save()
            messages.success(request, f"Document {document.symbol} registered.")
            return redirect(f"{_list_url(meeting)}#document-{document.pk}")
        status = 400
    elif not meeting.is_locked:
        form = DocumentForm(meeting=meeting, prefix="document")
    context = {"meeting": meeting, "documents": list(_documents(meeting)), "form": form}
    return render(request, "meetings/documents.html", context, status=status)


@meeting_edit_view()
def document_edit(request, meeting: Meeting, document_pk: int):
    document = get_object_or_404(Document, pk=document_pk, meeting=meeting)
    posted = request.method == "POST"
    form = DocumentForm(
        request.POST if posted else None, request.FILES if posted else None,
        instance=document, meeting=meeting, prefix="document",
    )
    status = 200
    if posted:
        if form.is_valid():
            form.save()
            messages.success(request, f"Document {document.symbol} saved.")
            return redirect(f"{_list_url(meeting)}#document-{document.pk}")
        status = 400
    return render(
        request, "meetings/document_form.html", {"meeting": meeting, "document": document, "form": form},
        status=status,
    )


@meeting_edit_view()
def document_delete(request, meeting: Meeting, document_pk: int):
    document = get_object_or_404(Document, pk=document_pk, meeting=meeting)
    if request.method == "POST":
        document.delete()
        messages.success(request, f"Document {document.symbol} deleted.")
        return redirect(_list_url(meeting))
    return render(
        request,
        "meetings/agenda_confirm_delete.html",
        {"meeting": meeting, "what": f"document {document.symbol}", "cancel_url": _list_url(meeting)},
    )


@member_required
@require_safe
def document_download(request, document_pk: int):
    """The paper's file, as an attachment, for whoever may read the meeting's record (404 for
    anyone else, as for a document that does not exist)."""
    document = get_object_or_404(
        Document.objects.select_related("meeting").filter(meeting__in=meetings_visible_to(request.user)),
        pk=document_pk,
    )
    if not document.file:
        raise Http404("This document has no file.")
    return stored_file_response(document.file, filename=document.filename, gone="The file of this document is missing.")
