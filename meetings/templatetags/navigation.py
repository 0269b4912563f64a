"""The main navigation: which section a page belongs to, and its links marked as current.

A link is ``aria-current="page"`` on the page it names and ``aria-current="true"`` on the
pages under it (a meeting's attendance is still under "Meetings"), so a screen reader and
the styling (``.nav-link[aria-current]`` in app.css) both say where the user is.
"""
from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

# URL names (namespace:name) that belong to a section other than their app's.
SECTION_OF_URL = {
    "meetings:actions": "actions",
    "meetings:actions_csv": "actions",
    "meetings:action_detail": "actions",
    "meetings:actions_calendar_token": "actions",
    "meetings:my_economy": "my_economy",
    "meetings:import": "import",
    "meetings:import_review": "import",
    "meetings:chair_queue": "chair_queue",
    "insights:numbers_default": "numbers",
    "insights:numbers": "numbers",
    "insights:numbers_csv": "numbers",
    "insights:search": "search",
}


def page_section(request) -> str:
    """The section of the main navigation the requested page is in ("" when none)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return SECTION_OF_URL.get(match.view_name, match.namespace or "")


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, section: str):
    """One ``<li>`` of the main navigation, marked as current where the user is."""
    request = context.get("request")
    url = reverse(url_name)
    current = ""
    if request is not None and page_section(request) == section:
        current = "page" if request.path == url else "true"
    if current:
        return format_html(
            '<li class="nav-item"><a class="nav-link active" aria-current="{}" href="{}">{}</a></li>',
            current, url, label,
        )
    return format_html('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>', url, label)
