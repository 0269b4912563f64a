"""Turning an uploaded file (.txt, .docx or .pdf) into the text of a summary, or refusing it.

Text files may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark
(Word's "Unicode text") or Windows-1252 (older Word "plain text"). A .docx is read with
python-docx: list paragraphs get their bullet ("• ") or number ("3. ") back, because Word
keeps those in the numbering definitions, not in the text. A PDF is read by ``pdf.pdf_text``.
"""
import io
import re
import unicodedata

from .errors import SummaryImportError
from .pdf import pdf_text
from .zipsafety import DOCX_LIMITS, zip_open

MAX_BYTES = 10 * 1024 * 1024
# Text with more control characters than this share is a binary file, whatever it decodes to.
MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def summary_read(data: bytes, filename: str = "") -> str:
    """The text of an uploaded summary; ``SummaryImportError`` if it is too big or not text."""
    if len(data) > MAX_BYTES:
        raise SummaryImportError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; summaries over {MAX_BYTES // 1024 // 1024} MB "
            "are refused."
        )
    if not data.strip():
        raise SummaryImportError("The file is empty.")
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith(".docx"):
        return _docx_text(data)
    if b"%PDF-" in data[:1024] or filename.lower().endswith(".pdf"):
        text = pdf_text(data)
        _refuse_binary(text)
        return text
    return _plain_text(data)


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise SummaryImportError("The file says it is UTF-16 text but is not.") from None
    elif b"\x00" in data:
        raise SummaryImportError("This is a binary file, not a text, .docx or PDF summary.")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise SummaryImportError(
                    "The file is neither UTF-8 nor Windows-1252 text; save it as .txt (UTF-8) or .docx."
                ) from None
    _refuse_binary(text)
    return text


def _refuse_binary(text: str) -> None:
    controls = sum(
        1
        for char in text
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs", "Co")
    )
    if "\x00" in text or controls > max(2, len(text) * MAX_CONTROL_SHARE):
        raise SummaryImportError("This is a binary file, not a text, .docx or PDF summary.")


def _docx_text(data: bytes) -> str:
    not_docx = "The file is not a readable .docx (Word 2007 or later) document."
    # Every part's size is checked before python-docx unpacks any of them (it reads them all).
    with zip_open(data, DOCX_LIMITS, not_readable=not_docx) as archive:
        if "word/document.xml" not in archive.namelist():
            raise SummaryImportError(not_docx)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
    except SummaryImportError:
        raise
    except Exception:  # python-docx and lxml raise many kinds of error on a damaged file
        raise SummaryImportError(not_docx) from None
    text = "\n".join(lines)
    _refuse_binary(text)
    return text


def _docx_lines(document) -> list[str]:
    import docx.enum.style

    formats = _numbering_formats(document)
    # python-docx's paragraph.style searches every style for each paragraph (0.8 s for ten
    # pages): look each paragraph's style id up in one table instead.
    style_names = {style.style_id: style.name or "" for style in document.styles}
    default = document.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    default_name = default.name if default is not None else ""
    counters: dict[tuple, int] = {}
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text.replace("\u00a0", " ")
        p_pr = paragraph._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        style = style_names.get(style_id, default_name) if style_id else default_name
        kind, key = _list_kind(paragraph, style, formats)
        if kind == "bullet" and text.strip():
            text = "• " + text.strip()
        elif kind == "number" and text.strip() and not re.match(r"\s*[0-9]", text):
            counters[key] = counters.get(key, 0) + 1
            text = f"{counters[key]}. {text.strip()}"
        lines.append(text)
        lines.append("")
    return lines


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> numFmt ("bullet", "decimal", ...) from the document's numbering part."""
    from docx.oxml.ns import qn

    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for level in node.findall(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt"))
            levels[level.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        abstract[node.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), ilvl)] = fmt
    return formats


def _list_kind(paragraph, style: str, formats) -> tuple[str | None, tuple]:
    if "bullet" in style.lower():
        return "bullet", ()
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        num_id = str(num_pr.numId.val)
        ilvl = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
        fmt = formats.get((num_id, ilvl), "decimal")
        if fmt == "bullet":
            return "bullet", ()
        if fmt != "none" and ilvl == "0":
            return "number", (num_id,)
        return None, ()
    if "list number" in style.lower():
        return "number", (style,)
    return None, ()
