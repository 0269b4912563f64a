"""Drawing the chair's summary: its HTML, the hash that names a rendering, and the PDF.

A stored PDF is reused while its content hash is unchanged. The hash already covers the
rendered HTML (so any template change that alters it) and the stylesheet. ``TEMPLATE_VERSION``
goes into the hash and the file name as a manual knob for what the hash cannot see: raise it
when the renderer draws the same HTML differently (a WeasyPrint upgrade, new fonts, other
render options or another static file the template loads), so stored PDFs are not reused.
"""
import hashlib
import io
import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .context import Annexes, summary_context
from .fetcher import SUMMARY_BASE_URL, StaticOnlyURLFetcher

logger = logging.getLogger(__name__)

TEMPLATE_VERSION = "4"
TEMPLATE_NAME = "meetings/summary/summary.html"
STYLESHEET = "css/summary.css"
PDF_VARIANT = "pdf/a-3b"
OUTPUT_INTENT = "srgb-archive"


def summary_html(
    meeting_id: int, *, preview: bool = False, request=None, extra: dict | None = None, annexes: Annexes = Annexes()
) -> str:
    """The summary as an HTML document, with the annexes chosen at export.

    The PDF's HTML takes no request, so it depends on the record alone and its hash is
    stable; the preview page passes the request and ``preview=True`` for its toolbar.
    """
    context = summary_context(meeting_id, annexes=annexes)
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


def _srgb_profile():
    """WeasyPrint's own sRGB profile, read with the file closed again.

    PDF/A needs an output intent; WeasyPrint's default for the variant opens this file and
    leaves it open (a ResourceWarning on every render), so the profile is handed in by name.
    """
    from importlib.resources import files

    from weasyprint.css import ColorProfile

    with (files("weasyprint.pdf") / "sRGB2014.icc").open("rb") as icc:
        return ColorProfile(io.BytesIO(icc.read()), "sRGB2014.icc", "relative-colorimetric", (["r"], ["g"], ["b"]))


def summary_pdf(html: str, *, fetcher: StaticOnlyURLFetcher | None = None) -> tuple[bytes, int]:
    """The PDF bytes and page count of a summary's HTML, loading nothing but our static files.

    The PDF is archive-grade: PDF/A-3b (fonts embedded, an sRGB output intent, XMP
    metadata), tagged for screen readers, with the template's <meta> tags (forum, meeting
    number, adoption date) in the document information as well.
    """
    from weasyprint import HTML  # imported here: loading Pango costs time in processes that never render

    fetcher = fetcher or StaticOnlyURLFetcher()
    options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True, "custom_metadata": True, "output_intent": OUTPUT_INTENT}
    profiles = {OUTPUT_INTENT: _srgb_profile()}
    document = HTML(string=html, base_url=SUMMARY_BASE_URL, url_fetcher=fetcher).render(
        color_profiles=profiles, **options
    )
    if fetcher.refused:
        logger.warning("Chair's summary: refused to load %s", ", ".join(fetcher.refused))
    return document.write_pdf(**options), len(document.pages)
