"""Lines, paragraphs, bullets and sentences of a summary's text, keeping their line numbers."""
import bisect
import re
from dataclasses import dataclass, field

BULLET = re.compile(r"^\s*(?:[·•●◦▪■‣∙\uf0b7\uf0a7]\s*|[-*–o]\s+)(?P<text>\S.*)$")
# A line this long that does not end a sentence was wrapped: the next line continues it.
WRAPPED_LINE = 50
_SENTENCE_END = re.compile(r"[.:!?][”’\"')\]]*$")
_BREAK = re.compile(r"[.!?]+[”’\"')\]]*\s+(?=[A-Z“‘\"'(0-9])")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "lic", "ing", "ir", "drs", "h.e", "hon", "st", "sr", "sra", "jr", "no", "nos",
    "messrs", "amb", "gen", "col", "capt", "rev", "sen", "rep", "atty", "engr", "eng", "inc", "ltd",
    "co", "corp", "vs", "etc", "e.g", "i.e", "cf", "approx", "vol", "pp", "dept", "govt", "u.s",
    "u.s.a", "p.r", "art", "para", "fig",
}
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)


def source_lines(text: str) -> list[str]:
    """The text's lines, 1-based by list index + 1, without line ends or invisible characters."""
    text = text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\f\v\u2028\u2029\x85]", "\n", text)
    return [line.replace("\t", " ").replace("\u00a0", " ").rstrip() for line in text.split("\n")]


@dataclass
class Block:
    """A paragraph or one bullet, possibly joined from several wrapped lines."""

    line: int
    text: str
    bullet: bool = False
    # Offsets in text where each joined line starts, and those lines' numbers, to place sentences.
    offsets: list[int] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        index = bisect.bisect_right(self.offsets, offset) - 1
        return self.numbers[index] if index >= 0 else self.line


def blocks(numbered_lines: list[tuple[int, str]]) -> list[Block]:
    """Paragraphs and bullets: a blank line or a bullet starts a new one, wrapped lines are joined."""
    groups: list[tuple[bool, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] | None = None
    previous = ""
    for number, line in numbered_lines:
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        bullet = BULLET.match(line)
        wrapped = current is not None and len(previous) >= WRAPPED_LINE and not _SENTENCE_END.search(previous)
        if bullet:
            current = [(number, bullet.group("text").strip())]
            groups.append((True, current))
        elif wrapped:
            current.append((number, stripped))
        else:
            current = [(number, stripped)]
            groups.append((False, current))
        previous = stripped
    result = []
    for is_bullet, parts in groups:
        offsets, position = [], 0
        for _number, text in parts:
            offsets.append(position)
            position += len(text) + 1
        result.append(Block(
            line=parts[0][0],
            text=" ".join(text for _number, text in parts),
            bullet=is_bullet,
            offsets=offsets,
            numbers=[number for number, _text in parts],
        ))
    return result


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a full stop after Mr, Lic, U.S ... or an initial ends nothing."""
    result = []
    start = 0
    for match in _BREAK.finditer(text):
        word = re.search(r"(\S+)$", text[max(start, match.start() - 40):match.start()])
        if word:
            token = word.group(1).lower().lstrip("(“\"'‘")
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        end = match.start() + len(match.group().rstrip())
        sentence = text[start:end].strip()
        if sentence:
            result.append((start, sentence))
        start = match.end()
    rest = text[start:].strip()
    if rest:
        result.append((start, rest))
    return result


def tidy_title(title: str) -> str:
    """A heading or project title with its typography made consistent.

    Spaces collapsed; en and em dashes, and hyphens with a space on either side, become a
    spaced en dash ("Counsellors –Phase III" -> "Counsellors – Phase III"); straight double
    quotes become typographic ones, and an opening quote left open is closed at the end
    (the seed's “International Business Cooperation ... Entrepreneurship).
    """
    title = re.sub(r"\s+", " ", title).strip()
    title = re.sub(r"\s*[–—]\s*|\s+-\s*|\s*-\s+", " – ", title).strip(" –")
    quoted = []
    for index, char in enumerate(title):
        if char == '"':
            opening = index == 0 or title[index - 1] in " ([{‘"
            char = "“" if opening else "”"
        quoted.append(char)
    title = "".join(quoted)
    if title.count("“") > title.count("”"):
        title += "”"
    return title
