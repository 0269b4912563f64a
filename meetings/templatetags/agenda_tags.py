"""The agenda editor's address for a fragment's links: the page that shows an item."""
from django import template

from ..views.agenda import editor_url

register = template.Library()


@register.simple_tag
def agenda_url(meeting, item, anchored=None) -> str:
    """The editor page of ``item``, scrolled to ``anchored`` (a decision or an agreed action of
    it) or else to the item."""
    anchor = f"{anchored._meta.model_name}-{anchored.pk}" if anchored is not None else f"agenda-item-{item.pk}"
    return editor_url(meeting, anchor, item=item)
