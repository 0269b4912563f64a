"""How the text of the record reads on a page: ``{{ item.text|record_paragraphs }}``.

Users type the summary of an agenda item as plain text: paragraphs separated by a blank
line, bullet lines beginning with "- ", "· " or "• ". The filter escapes the text first
(a title of ``<script>`` stays text) and then builds ``<p>`` and ``<ul><li>`` from it.
Bullet lines separated only by blank lines stay one list, as the seed summary writes them;
a line without a marker right after a bullet continues that bullet.

Used on the meeting page, the agenda editor and the chair's summary (HTML and PDF).
"""
from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

BULLETS = ("- ", "· ", "• ")


def _bullet(line: str) -> str | None:
    stripped = line.lstrip()
    for marker in BULLETS:
        if stripped.startswith(marker):
            return stripped[len(marker):].strip()
    if stripped in {"-", "·", "•"}:
        return ""
    return None


def record_blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text as blocks: ("p", [lines]) or ("ul", [items]), unescaped."""
    blocks: list[tuple[str, list[str]]] = []
    paragraph: list[str] = []
    items: list[str] = []
    after_blank = False

    def close_paragraph():
        if paragraph:
            blocks.append(("p", paragraph.copy()))
            paragraph.clear()

    def close_list():
        if items:
            blocks.append(("ul", items.copy()))
            items.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close_paragraph()
            after_blank = True
            continue
        bullet = _bullet(line)
        if bullet is not None:
            close_paragraph()
            items.append(bullet)
        elif items and not after_blank:
            items[-1] = f"{items[-1]} {line}".strip()
        else:
            close_list()
            paragraph.append(line)
        after_blank = False
    close_paragraph()
    close_list()
    return blocks


@register.filter(is_safe=False)
def record_paragraphs(text: str) -> SafeString:
    """Escaped HTML paragraphs and bullet lists of a record text (see the module docstring)."""
    html = []
    for kind, lines in record_blocks(str(text or "")):
        if kind == "p":
            html.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
        else:
            html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in lines if item) + "</ul>")
    return mark_safe("\n".join(html))
