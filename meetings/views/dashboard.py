"""My economy's dashboard: what a delegate's economy committed to, and what comes next."""
from django.shortcuts import render
from django.utils import timezone

from accounts.permissions import member_required
from accounts.roles import is_delegate, user_economy
from projects.models import Project

from ..models import Economy
from ..selectors import actions_of_economy, next_meeting
from .actions import calendar_context, default_forum


@member_required
def my_economy(request):
    """A delegate sees their own economy; the Secretariat and the chair may pick any."""
    if is_delegate(request.user) and user_economy(request.user) is not None:
        economy = user_economy(request.user)
        may_pick = False
    else:
        economy = Economy.objects.filter(code=request.GET.get("economy", "")).first()
        may_pick = not is_delegate(request.user)
    forum = default_forum()
    today = timezone.localdate()
    context = {
        "economy": economy,
        "forum": forum,
        "may_pick": may_pick,
        "economies": Economy.objects.all() if may_pick else [],
        "next_meeting": next_meeting(forum=forum, today=today) if forum else None,
        **calendar_context(request),
    }
    if economy is not None and forum is not None:
        context["actions"] = actions_of_economy(economy=economy, forum=forum, today=today)
        context["projects"] = (
            Project.objects.filter(proposing_economies=economy, forum=forum)
            .prefetch_related("proposing_economies")
            .order_by("title")
        )
    return render(request, "meetings/actions/my_economy.html", context)
