"""Agreed actions on other pages: ``{{ status|action_status_label }}``."""
from django import template

from ..models import ActionStatus

register = template.Library()


@register.filter
def action_status_label(value: str) -> str:
    """"in_progress" -> "In progress"; an unknown value is shown as it is."""
    return ActionStatus(value).label if value in ActionStatus.values else value
