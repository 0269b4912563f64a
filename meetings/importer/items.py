"""Agenda items: their headings, text, decisions, the projects they list and documents they cite."""
import re
from dataclasses import dataclass

from projects.models import ProjectStatus, ReportKind

from ..models import DecisionKind, DocumentPurpose
from .errors import Problem
from .text import BULLET, blocks, sentences, tidy_title

_HEADING = re.compile(
    r"^\s*(?:(?:agenda\s+)?item\s+)?([0-9]{1,3}(?![0-9])|(?-i:[IVXL]{1,6})(?=[.):]|\s+[A-Z]))"
    r"\s*[.):]?\s*(.*?)\s*$",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _number(text: str) -> int:
    """3 from "3" or "III", 14 from "XIV"."""
    if text.isdigit():
        return int(text)
    values = [_ROMAN[char] for char in text]
    return sum(-value if value < following else value for value, following in zip(values, values[1:] + [0]))
MAX_TITLE = 200
# The verbs are the decision kinds themselves, plus "took note" for noted. The subject is the
# group in any of its names, its forum code included ("The SMEWG", "The TELWG": capitals only).
_DECISION_VERBS = {kind: kind for kind in DecisionKind.values} | {"took note": DecisionKind.NOTED.value}
_DECISION = re.compile(
    r"^(?:(?:The|This)\s+(?:Working\s+Group|Group|Meeting|(?-i:[A-Z][A-Z0-9]{1,9})|Members|"
    r"Member\s+Economies|Economies)"
    r"|Members|Economies|It\s+was)\s+"
    r"(?:(?:also|further|then|unanimously|formally|subsequently|finally)\s+)*"
    r"(?:(?:discussed|considered|reviewed)\s+and\s+)?"
    r"(?P<verb>" + "|".join(verb.replace(" ", r"\s+") for verb in _DECISION_VERBS) + r")\b",
    re.IGNORECASE,
)
# "The Group agreed that the work plan ... be adopted": the decision is an adoption.
_AGREED_THAT = re.compile(r"\s+that\b", re.IGNORECASE)
_TO_BE = re.compile(r"\bbe\s+(adopted|approved|endorsed|established)\b", re.IGNORECASE)
_PROJECTS_ITEM = re.compile(r"project", re.IGNORECASE)
_PROJECT_LEAD = re.compile(r"project|proposal|initiative|programme|program", re.IGNORECASE)
SYMBOL = re.compile(
    r"(?<![0-9A-Za-z/])((?:19|20)[0-9]{2}/[A-Z][A-Za-z0-9]*(?:/[A-Z][A-Za-z0-9]*)*/[0-9]{2,4}"
    r"(?:[a-z]|-?rev[0-9]*|r[0-9]+)?)(?![0-9A-Za-z/])"
)
_QUOTED_BEFORE = re.compile(r"[“\"]([^”\"]{3,200})[”\"]\s*[,(]?\s*(?:document\s+|doc\.?\s+)?$")


@dataclass
class Heading:
    index: int  # index of the heading's first line in the list of lines
    body_start: int  # index of the first line of the item's text
    line: int
    number: int
    title: str


def _looks_like_title(text: str) -> bool:
    return (
        0 < len(text) <= MAX_TITLE
        and (text[0].isupper() or text[0] in "“\"‘'(")
        and len(text.split()) <= 25
        and not re.search(r"[.!?]\s+[A-Z]", text)
        and not text.endswith((";", ","))
        and not BULLET.match(text)
    )


def find_headings(lines: list[str], problems: list[Problem]) -> list[Heading]:
    """Numbered headings in sequence 1, 2, 3 ...

    Forms: "2. Work Plan", "2.\\nWork Plan", "4. \\nImplementation of ...", "3APEC Secretariat Report".
    """
    headings: list[Heading] = []
    expected = 1
    index = 0
    while index < len(lines):
        match = _HEADING.match(lines[index])
        if not match:
            index += 1
            continue
        number, rest = _number(match.group(1)), match.group(2).strip()
        title, body_start = rest, index + 1
        if not rest.strip(".:) "):
            following = [i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].strip()]
            if following:
                title, body_start = lines[following[0]].strip(), following[0] + 1
        title = title.rstrip(" .:")
        if _looks_like_title(title):
            if number == expected:
                headings.append(Heading(index, body_start, index + 1, number, tidy_title(title)))
                expected += 1
                index = body_start
                continue
            if expected < number <= expected + 3:
                problems.append(Problem(
                    index + 1,
                    f"Looks like the heading of agenda item {number}, but item {expected} was expected: "
                    "kept as text.",
                ))
        index += 1
    return headings or _unnumbered_headings(lines, problems)


# The opening paragraph (a sentence of this many characters or more) comes before any heading.
_OPENING_MIN = 100


def _unnumbered_headings(lines: list[str], problems: list[Problem]) -> list[Heading]:
    """Headings without numbers: a title-like line alone between blank lines, after the opening.

    Used only when no numbered heading is found; the items are numbered in their order and
    the review is told so.
    """
    def blank(index: int) -> bool:
        return index < 0 or index >= len(lines) or not lines[index].strip()

    start = next(
        (i + 1 for i, line in enumerate(lines) if len(line) >= _OPENING_MIN and line.rstrip().endswith(".")), None
    )
    if start is None:
        return []
    headings: list[Heading] = []
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if not text or not (blank(index - 1) and blank(index + 1)) or blank(index + 2):
            continue
        if text.endswith((".", ":")) or len(text.split()) > 12 or not _looks_like_title(text):
            continue
        headings.append(Heading(index, index + 1, index + 1, len(headings) + 1, tidy_title(text)))
    if headings:
        problems.append(Problem(
            headings[0].line,
            f"No numbered agenda headings: {len(headings)} headings on lines of their own are taken as the "
            "items, numbered in order; check them.",
        ))
    return headings


def parse_item(heading: Heading, lines: list[str], end: int) -> tuple[dict, list[dict]]:
    """The item dict (number, title, text, decisions, actions) and the projects it lists."""
    numbered = [(i + 1, lines[i]) for i in range(heading.body_start, end)]
    texts: list[str] = []
    decisions: list[dict] = []
    projects: list[dict] = []
    bullets: list[str] = []
    lead = ""
    projects_item = bool(_PROJECTS_ITEM.search(heading.title))

    def flush() -> None:
        if not bullets:
            return
        if projects_item and _PROJECT_LEAD.search(lead):
            approved = re.search(r"approv", lead, re.IGNORECASE)
            for bullet in bullets:
                title = tidy_title(re.sub(r"(?:[;,]\s*and)?[\s;,.]*$", "", bullet))
                if title:
                    projects.append({
                        "title": title,
                        "status": (ProjectStatus.APPROVED if approved else ProjectStatus.ONGOING).value,
                        "reported_as": (ReportKind.APPROVED if approved else ReportKind.REPORTED).value,
                        "agenda_item": heading.number,
                    })
        else:
            texts.append("\n".join(f"- {bullet}" for bullet in bullets))
        bullets.clear()

    for block in blocks(numbered):
        if block.bullet:
            bullets.append(block.text)
            continue
        flush()
        kept = []
        for _offset, sentence in sentences(block.text):
            decision = _DECISION.match(sentence)
            if decision:
                verb = re.sub(r"\s+", " ", decision.group("verb").lower())
                agreed_that = verb == "agreed" and _AGREED_THAT.match(sentence, decision.end())
                passive = _TO_BE.search(sentence, decision.end()) if agreed_that else None
                verb = passive.group(1).lower() if passive else verb
                decisions.append({"kind": _DECISION_VERBS[verb], "text": sentence})
            else:
                kept.append(sentence)
            lead = sentence
        if kept:
            texts.append(" ".join(kept))
    flush()
    item = {
        "number": heading.number,
        "title": heading.title,
        "text": "\n\n".join(texts),
        "decisions": decisions,
        "actions": [],
    }
    return item, projects


def find_documents(lines: list[str], headings: list[Heading]) -> list[dict]:
    """Document symbols ("2006/SMEWG/027") with the item they are cited under, each once."""
    documents: dict[str, dict] = {}
    item_of_line = {}
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else len(lines)
        for index in range(heading.index, end):
            item_of_line[index] = heading.number
    for index, line in enumerate(lines):
        if "/" not in line:
            continue
        for match in SYMBOL.finditer(line):
            symbol = match.group(1)
            if symbol in documents or len(symbol) > 50:
                continue
            quoted = _QUOTED_BEFORE.search(line[max(0, match.start() - 220):match.start()])
            documents[symbol] = {
                "symbol": symbol,
                "title": tidy_title(quoted.group(1)) if quoted else symbol,
                "purpose": DocumentPurpose.INFORMATION.value,
                "submitted_by": None,
                "agenda_item": item_of_line.get(index),
            }
    return list(documents.values())
