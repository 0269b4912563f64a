"""Pages of the meeting record."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Meeting


@login_required
def home(request):
    meetings = Meeting.objects.select_related("forum", "host_economy").order_by("-start_date")[:20]
    return render(request, "meetings/home.html", {"meetings": meetings})
