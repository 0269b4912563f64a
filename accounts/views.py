"""A user's own settings: e-mail reminders of due actions."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .forms import ReminderSettingsForm
from .models import Profile
from .roles import is_delegate


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    """Turn e-mail reminders of due actions on or off (every signed-in user has the page)."""
    profile, _ = Profile.objects.get_or_create(user=request.user)
    form = ReminderSettingsForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        state = "on" if form.instance.action_reminders else "off"
        messages.success(request, f"E-mail reminders of due actions are {state}.")
        return redirect("reminder_settings")
    return render(
        request,
        "registration/reminder_settings.html",
        {"form": form, "receives_reminders": is_delegate(request.user) and profile.economy_id is not None,
         "has_email": bool(request.user.email)},
    )
