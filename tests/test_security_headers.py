"""The Content-Security-Policy and what it asks of the templates: no inline script or style."""
import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=|\bhx-on", re.IGNORECASE)


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.django_db
def test_pages_carry_the_content_security_policy(client):
    response = client.get("/accounts/login/")

    directives = sorted(directive.strip() for directive in response["Content-Security-Policy"].split(";"))

    assert directives == [
        "base-uri 'none'", "default-src 'self'", "form-action 'self'", "frame-ancestors 'none'",
        "img-src 'self' data:", "object-src 'none'", "script-src 'self'", "style-src 'self'",
    ]


def test_no_template_has_an_inline_script():
    found = [f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
             for path in _templates() for match in INLINE_SCRIPT.finditer(path.read_text())]

    assert found == []


def test_no_template_has_an_inline_style_or_event_handler():
    found = [f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}"
             for path in _templates() for match in INLINE_STYLE.finditer(path.read_text())]

    assert found == []


def test_htmx_is_told_not_to_inject_its_indicator_style():
    base = (TEMPLATES / "base.html").read_text()

    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in base
