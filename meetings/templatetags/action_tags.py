"""Agreed actions on other pages: ``{% carried_actions meeting as actions %}``.

The meeting page lists the actions still open from earlier meetings of the same forum, so
the meeting can review them (``templates/meetings/partials/carried_actions.html``).
"""
from django import template

from ..models import ActionStatus
from ..selectors import actions_open_before

register = template.Library()


@register.simple_tag
def carried_actions(meeting) -> list:
    """Actions still open from the forum's earlier meetings, oldest meeting first."""
    return list(actions_open_before(meeting))


@register.filter
def action_status_label(value: str) -> str:
    """"in_progress" -> "In progress"; an unknown value is shown as it is."""
    return ActionStatus(value).label if value in ActionStatus.values else value
