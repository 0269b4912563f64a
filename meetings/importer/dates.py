"""Meeting dates as chair's summaries write them.

``find_date_range("... on 5th – 6th of April, 2012 ...")`` gives ``(start, end, span)``;
the forms handled are "3-5 April 2002", "21-22 March 2006", "5th – 6th of April, 2012",
"30 September - 1 October 2009", "31 December 2009 - 2 January 2010", "3 April 2002",
"5-6October 2009" (a missing space),
and the American "April 3-5, 2002" / "April 30 - May 1, 2009" / "April 3, 2002".
"""
import datetime
import re

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?"
_YEAR = r"[12][0-9]{3}"
_OF = r"(?:\s+of\s+|\s*)"  # "5 April", "5th of April", run together: "5-6October"
_DASH = r"\s*(?:-|–|—|\bto\b|\buntil\b|\band\b)\s*"
_COMMA = r",?\s*"


def _form(pattern: str) -> re.Pattern:
    # Named groups d1 m1 y1 d2 m2 y2; a missing one is taken from the other end of the range.
    for name, part in (("D", _DAY), ("M", _MONTH), ("Y", _YEAR)):
        for index in "12":
            pattern = pattern.replace(f"<{name}{index}>", f"(?P<{name.lower()}{index}>{part})")
    return re.compile(r"(?<![0-9A-Za-z])" + pattern + r"(?![0-9A-Za-z])", re.IGNORECASE)


FORMS = [
    _form(rf"<D1>{_OF}<M1>{_COMMA}<Y1>{_DASH}<D2>{_OF}<M2>{_COMMA}<Y2>"),
    _form(rf"<D1>{_OF}<M1>{_DASH}<D2>{_OF}<M2>{_COMMA}<Y2>"),
    _form(rf"<D1>{_DASH}<D2>{_OF}<M2>{_COMMA}<Y2>"),
    _form(rf"<M1>\s+<D1>{_COMMA}<Y1>{_DASH}<M2>\s+<D2>{_COMMA}<Y2>"),
    _form(rf"<M1>\s+<D1>{_DASH}<M2>\s+<D2>{_COMMA}<Y2>"),
    _form(rf"<M2>\s+<D1>{_DASH}<D2>{_COMMA}<Y2>"),
    _form(rf"<D1>{_OF}<M2>{_COMMA}<Y2>"),
    _form(rf"<M2>\s+<D1>{_COMMA}<Y2>"),
]


class BadDate(ValueError):
    """Text in the shape of a date that is not one (31 February, a range that ends before it starts)."""


def _month(text: str) -> int:
    return MONTHS[text.lower()[:3]]


def _day(text: str) -> int:
    return int(re.match(r"[0-9]+", text).group())


def find_date_range(text: str) -> tuple[datetime.date, datetime.date, tuple[int, int]] | None:
    """The first date or date range in ``text`` as (start, end, (from, to) offsets), or None.

    Raises ``BadDate`` when the first one found names a day that does not exist.
    """
    best = None
    for form in FORMS:
        match = form.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    parts = best.groupdict()
    d1 = _day(parts["d1"])
    d2 = _day(parts["d2"]) if parts.get("d2") else d1
    m2 = _month(parts["m2"])
    m1 = _month(parts["m1"]) if parts.get("m1") else m2
    y2 = int(parts["y2"])
    y1 = int(parts["y1"]) if parts.get("y1") else y2
    try:
        start = datetime.date(y1, m1, d1)
        end = datetime.date(y2, m2, d2)
    except ValueError as error:
        raise BadDate(f"“{best.group()}” is not a date ({error}).") from None
    if end < start:
        raise BadDate(f"“{best.group()}” ends before it starts.")
    return start, end, best.span()
