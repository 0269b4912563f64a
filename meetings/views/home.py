"""The landing page after sign-in."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from accounts.roles import is_delegate, is_secretariat


@login_required
def home(request):
    """Staff and the chair land on the meetings; a delegate on what their economy committed to."""
    if is_delegate(request.user) and not is_secretariat(request.user):
        return redirect("meetings:my_economy")
    return redirect("meetings:list")
