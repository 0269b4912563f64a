"""Real-layout PDFs of a summary's text for the importer's tests and bench, made with WeasyPrint.

Each paragraph of the text (lines separated by a blank line) becomes a justified, hyphenated
paragraph on A4 pages with a running header and "Page N of M" footer, as the meeting
document database's PDFs have.
"""
import html

from weasyprint import HTML

_CSS = """
@page { size: A4; margin: 25mm 22mm;
  @top-center { content: "APEC Small and Medium Enterprises Working Group"; font-size: 9pt; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.35; }
p { margin: 0 0 9pt 0; text-align: justify; hyphens: auto; }
"""


def summary_pdf(text: str) -> bytes:
    """The text as a PDF: one <p> per paragraph, its line breaks kept."""
    paragraphs = [part for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    body = "".join(
        "<p>" + "<br>".join(html.escape(line) for line in part.strip("\n").split("\n")) + "</p>"
        for part in paragraphs
    )
    document = f'<html lang="en"><head><style>{_CSS}</style></head><body>{body}</body></html>'
    return HTML(string=document).write_pdf()
