"""Template source checks that a page test would only catch on the page that shows the mistake."""
import re
from pathlib import Path

from django.conf import settings

OPEN_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$", re.M)


def _templates() -> list[Path]:
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_no_comment_spans_lines():
    # Django's {# #} ends on its line: one left open is printed on the page as text
    # (the pager of long lists did). Comments over several lines are {% comment %}.
    broken = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OPEN_COMMENT.search(line)
    ]

    assert broken == []


def test_templates_found():
    assert any(path.name == "base.html" for path in _templates())
