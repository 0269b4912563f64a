"""The History page of a meeting: every change to its record, newest first."""
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from accounts.permissions import drafts_reader_required

from ..history import meeting_history
from ..models import Meeting

ENTRIES_PER_PAGE = 50


@drafts_reader_required
@require_safe
def meeting_history_view(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)
    page = Paginator(meeting_history(meeting), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_history.html", {"meeting": meeting, "page": page, "query": ""})
