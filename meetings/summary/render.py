"""Drawing the chair's summary: its HTML, the hash that names a rendering, and the PDF.

A stored PDF is reused while its content hash is unchanged. The hash already covers the
rendered HTML (so any template change that alters it) and the stylesheet. ``TEMPLATE_VERSION``
goes into the hash and the file name as a manual knob for what the hash cannot see: raise it
when the renderer draws the same HTML differently (a WeasyPrint upgrade, new fonts, other
render options or another static file the template loads), so stored PDFs are not reused.
"""
import hashlib
import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .context import summary_context
from .fetcher import SUMMARY_BASE_URL, StaticOnlyURLFetcher

logger = logging.getLogger(__name__)

TEMPLATE_VERSION = "3"
TEMPLATE_NAME = "meetings/summary/summary.html"
STYLESHEET = "css/summary.css"


def summary_html(meeting_id: int, *, preview: bool = False, request=None, extra: dict | None = None) -> str:
    """The summary as an HTML document.

    The PDF's HTML takes no request, so it depends on the record alone and its hash is
    stable; the preview page passes the request and ``preview=True`` for its toolbar.
    """
    context = summary_context(meeting_id)
    context.update(preview=preview, stylesheet=STYLESHEET, **(extra or {}))
    return render_to_string(TEMPLATE_NAME, context, request=request)


def summary_content_hash(html: str) -> str:
    """SHA-256 of the HTML the PDF is drawn from, its stylesheet and the template version."""
    digest = hashlib.sha256()
    digest.update(f"template-version:{TEMPLATE_VERSION}\n".encode())
    stylesheet = finders.find(STYLESHEET)
    if stylesheet:
        with open(stylesheet, "rb") as css:
            digest.update(css.read())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def summary_file_name(meeting, content_hash: str) -> str:
    """The stored PDF's name: meeting, content hash and template version."""
    return f"{meeting.forum.code.lower()}{meeting.number}-summary-{content_hash[:20]}-t{TEMPLATE_VERSION}.pdf"


def summary_pdf(html: str, *, fetcher: StaticOnlyURLFetcher | None = None) -> tuple[bytes, int]:
    """The PDF bytes and page count of a summary's HTML, loading nothing but our static files."""
    from weasyprint import HTML  # imported here: loading Pango costs time in processes that never render

    fetcher = fetcher or StaticOnlyURLFetcher()
    document = HTML(string=html, base_url=SUMMARY_BASE_URL, url_fetcher=fetcher).render()
    if fetcher.refused:
        logger.warning("Chair's summary: refused to load %s", ", ".join(fetcher.refused))
    return document.write_pdf(), len(document.pages)
