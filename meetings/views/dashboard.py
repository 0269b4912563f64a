"""My economy's dashboard: what a delegate's economy committed to, and what comes next."""
from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import member_required
from accounts.roles import is_delegate, user_economy
from projects.models import Project

from ..models import Economy
from ..selectors import actions_of_economy, next_meeting
from .actions import calendar_context, default_forum

UNKNOWN_ECONOMY = "That economy is not one the app knows; choose one from the list."


class EconomyPickForm(forms.Form):
    """The Secretariat's and the chair's choice of economy, read from the query string."""

    economy = forms.ModelChoiceField(
        Economy.objects.all(), to_field_name="code", required=False,
        error_messages={"invalid_choice": UNKNOWN_ECONOMY},
    )


@member_required
@require_safe
def my_economy(request):
    """A delegate sees their own economy; the Secretariat and the chair may pick any."""
    problems = []
    if is_delegate(request.user) and user_economy(request.user) is not None:
        economy = user_economy(request.user)
        may_pick = False
    else:
        form = EconomyPickForm(request.GET)
        economy = form.cleaned_data["economy"] if form.is_valid() else None
        problems = form.errors.get("economy", [])
        may_pick = not is_delegate(request.user)
    forum = default_forum()
    today = timezone.localdate()
    context = {
        "economy": economy,
        "forum": forum,
        "may_pick": may_pick,
        "problems": problems,
        "economies": Economy.objects.all() if may_pick else [],
        "next_meeting": next_meeting(forum=forum, today=today) if forum else None,
        **calendar_context(request),
    }
    if economy is not None and forum is not None:
        context["actions"] = actions_of_economy(user=request.user, economy=economy, forum=forum, today=today)
        context["projects"] = (
            Project.objects.filter(proposing_economies=economy, forum=forum)
            .prefetch_related("proposing_economies")
            .order_by("title")
        )
    return render(request, "meetings/actions/my_economy.html", context)
