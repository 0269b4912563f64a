"""The landing page after sign-in, and the chair's queue."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts.permissions import drafts_reader_required
from accounts.roles import is_chair, is_delegate, is_secretariat

from ..selectors import meetings_adopted_recently, meetings_awaiting_adoption


@login_required
@require_safe
def home(request):
    """Each role lands on what awaits it: the chair on summaries to adopt, a delegate on their
    economy's actions, staff on the meetings."""
    if is_secretariat(request.user):
        return redirect("meetings:list")
    if is_chair(request.user):
        return redirect("meetings:chair_queue")
    if is_delegate(request.user):
        return redirect("meetings:my_economy")
    return redirect("meetings:list")


@drafts_reader_required
@require_safe
def chair_queue(request):
    """Summaries circulated for adoption, each with a way to read it and to adopt it."""
    return render(request, "meetings/chair_queue.html", {
        "awaiting": list(meetings_awaiting_adoption(request.user)),
        "adopted": list(meetings_adopted_recently(request.user)),
        "can_adopt": is_chair(request.user),
    })
