"""``{% summary_exports meeting as exports %}``: the earlier exports of a meeting's chair's
summary that the signed-in user may see (drafts only for the Secretariat and the Chair,
adopted ones for delegates too, as ``views.summary.export_visible_to``),
newest first, in one query; ``{% adopted_records meeting as records %}``, its records of
adoption. Used by ``meetings/partials/summary_panel.html``, with
``{% public_summary_url meeting as url %}``, the full address of a published summary.
"""
from django import template
from django.urls import reverse

from accounts.roles import can_read_drafts, is_delegate

from ..selectors import meeting_readable_by

from ..models import AdoptedRecord, SummaryExport
from ..publication import public_summary_token

register = template.Library()

SHOWN = 8


@register.simple_tag(takes_context=True)
def summary_exports(context, meeting) -> list[SummaryExport]:
    user = context["request"].user
    exports = SummaryExport.objects.filter(meeting=meeting).select_related("requested_by")
    if not can_read_drafts(user):
        exports = exports.filter(is_draft=False) if is_delegate(user) else exports.none()
    return list(exports[:SHOWN])


@register.simple_tag(takes_context=True)
def adopted_records(context, meeting) -> list[AdoptedRecord]:
    """The meeting's records of adoption, newest first, for whoever may read the meeting."""
    if not meeting_readable_by(context["request"].user, meeting):
        return []
    return list(AdoptedRecord.objects.filter(meeting=meeting).order_by("-created", "-pk"))


@register.filter
def can_read_summary_drafts(user) -> bool:
    return can_read_drafts(user)


@register.simple_tag(takes_context=True)
def public_summary_url(context, meeting) -> str:
    path = reverse("public_summary", kwargs={"token": public_summary_token(meeting)})
    return context["request"].build_absolute_uri(path)
