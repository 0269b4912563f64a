"""The text of a PDF summary, as the importer's text reader would have it from a .txt file.

pdfminer.six lays each page out in text boxes (paragraphs, headings, bullets). A box near
the top or bottom edge whose text recurs on most pages (the running header, "Page 3 of 10")
or is only a page number is dropped; inside a box, a line that reaches the right margin was
wrapped and is joined to the next, with a hyphen at its end removed; boxes become paragraphs
separated by a blank line. A PDF without a text layer (a scan) is refused.
"""
import io
import re
from collections import Counter

from .errors import SummaryImportError
from .text import BULLET

MAX_PAGES = 300
# A page with fewer characters than this on average has no text layer: a scanned image.
MIN_CHARS_PER_PAGE = 40
# The share of the page's height at the top and at the bottom where running headers live.
_EDGE = 0.1
# A line this close to the column's right edge (in points) was wrapped by the layout.
_WRAP_SLACK = 0.18
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*[0-9ivxlc]{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*[0-9]{1,4})?$", re.IGNORECASE
)
# A hyphen WeasyPrint, Word or TeX put at a line end to split a word: joined without it.
_SOFT_HYPHEN = re.compile(r"(?<=[A-Za-z])[\u2010\u00ad-]$")
_NOT_PDF = "The file is not a readable PDF document."


def pdf_text(data: bytes) -> str:
    """The summary's text; ``SummaryImportError`` for a damaged, locked, huge or scanned PDF."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pages = []
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), start=1):
            if number > MAX_PAGES:
                raise SummaryImportError(f"The PDF has more than {MAX_PAGES} pages; a chair's summary has fewer.")
            boxes = [element for element in page if isinstance(element, LTTextBox)]
            pages.append((page.height, sorted(boxes, key=lambda box: (-box.y1, box.x0))))
    except SummaryImportError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SummaryImportError("The PDF is locked with a password; save an unlocked copy and import that.") from None
    except Exception:  # pdfminer raises many kinds of error on a damaged file
        raise SummaryImportError(_NOT_PDF) from None
    if not pages:
        raise SummaryImportError(_NOT_PDF)
    characters = sum(len(box.get_text().strip()) for _height, boxes in pages for box in boxes)
    if characters < MIN_CHARS_PER_PAGE * len(pages):
        raise SummaryImportError(
            "The PDF has no text in it, only images (a scanned paper?). Import a PDF with a text layer, "
            "or the .docx or .txt of the summary."
        )
    running = _running_lines(pages)
    paragraphs: list[str] = []
    wrapped = False  # the last paragraph's last line reached the margin: a page break cut it
    for height, boxes in pages:
        body = [
            box for box in boxes
            if not (_at_edge(box, height) and (_key(box) in running or _PAGE_NUMBER.match(_text(box))))
        ]
        if not body:
            continue
        # The text column's edges: a line reaching the right one was wrapped there.
        left, right = min(box.x0 for box in body), max(box.x1 for box in body)
        for index, box in enumerate(body):
            text, ends_wrapped = _paragraph(box, left, right)
            if index == 0 and wrapped and paragraphs and text and not BULLET.match(text):
                paragraphs[-1] = _join(paragraphs[-1], text)
            elif text:
                paragraphs.append(text)
            wrapped = ends_wrapped
    return "\n\n".join(paragraphs)


def _text(box) -> str:
    return re.sub(r"\s+", " ", box.get_text()).strip()


def _key(box) -> str:
    """A running header's text with its numbers blanked ("Page 3 of 10" -> "Page # of #")."""
    return re.sub(r"[0-9]+", "#", _text(box)).lower()


def _at_edge(box, height: float) -> bool:
    return box.y0 >= height * (1 - _EDGE) or box.y1 <= height * _EDGE


def _running_lines(pages) -> set[str]:
    """Texts at a page's edge that recur on at least half the pages (of two or more)."""
    if len(pages) < 2:
        return set()
    counts = Counter(key for height, boxes in pages for key in {_key(box) for box in boxes if _at_edge(box, height)})
    return {key for key, count in counts.items() if count >= max(2, len(pages) / 2)}


def _paragraph(box, left: float, right: float) -> tuple[str, bool]:
    """The box's text with wrapped lines joined, and whether its last line was wrapped too."""
    lines = [line for line in box if line.get_text().strip()]
    if not lines:
        return "", False
    slack = (right - left) * _WRAP_SLACK
    out = [_line(lines[0])]
    for previous, line in zip(lines, lines[1:]):
        if previous.x1 >= right - slack:
            out[-1] = _join(out[-1], _line(line))
        else:
            out.append(_line(line))
    return "\n".join(out), lines[-1].x1 >= right - slack


def _line(line) -> str:
    # Justified text is spread with extra spaces.
    return re.sub(r"\s+", " ", line.get_text()).strip()


def _join(text: str, following: str) -> str:
    """Two pieces of a line broken by the layout: a split word or document symbol is mended."""
    if _SOFT_HYPHEN.search(text) and following[:1].islower():
        return text[:-1] + following
    if text.endswith("/"):
        return text + following
    return text + " " + following
