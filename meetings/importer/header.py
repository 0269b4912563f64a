"""The opening of a summary: which meeting, where, when, who chaired it and who attended.

Everything before the first agenda heading is read sentence by sentence; a sentence that
gives none of these facts (and is not a title line or "The Meeting discussed the following
issues:") is reported as an unrecognised line.
"""
import re
from dataclasses import dataclass, field

from ..names import NameIndex, UnknownName, normalize_name
from .dates import BadDate, find_date_range
from .errors import Problem
from .text import Block, sentences

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
ORDINAL_WORDS = {word: index + 1 for index, word in enumerate(_UNITS)}
ORDINAL_WORDS.update({word: index + 10 for index, word in enumerate(_TEENS)})
ORDINAL_WORDS.update({f"{tens[:-1]}ieth": value for tens, value in _TENS.items()})  # twentieth, fortieth

_NUMBER = re.compile(
    r"(?<![0-9])([0-9]{1,3})\s*(?:st|nd|rd|th)\b[^.;:]{0,80}?\bmeeting\b", re.IGNORECASE
)
_NUMBER_WORDS = re.compile(
    r"\b(?:(" + "|".join(_TENS) + r")[- ]?)?(" + "|".join(ORDINAL_WORDS) + r")\b"
    r"[^.;:]{0,80}?\bmeeting\b",
    re.IGNORECASE,
)
_CHAIRED_BY = re.compile(
    r"\bchaired\s+by\s+(?P<chair>.+)$"
    r"|\bchair(?:man|person|woman)?\s+of\s+the\s+meeting\s+was\s+(?P<chair2>.+)$"
    r"|\bunder\s+the\s+chair(?:man|person|woman)?ship\s+of\s+(?P<chair3>.+)$"
    r"|\bpresided\s+(?:over\s+)?by\s+(?P<chair4>.+)$",
    re.IGNORECASE,
)
_CHAIRED_THE = re.compile(r"^(?P<chair>.+?),?\s+chaired\s+the\s+meeting\b", re.IGNORECASE)
_CHAIR_ROLE = re.compile(
    r"^(?:the\s+|its\s+)?(?:[A-Z]{2,10}\s+)?(?:vice[- ])?chair(?:man|person|woman)?\b.*$", re.IGNORECASE
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|H\.?E|Hon|Amb|Sr|Sra|Lic|Ing)\b\.?", re.IGNORECASE)
_ORGANISATION_WORDS = re.compile(
    r"^(?:the\s+)?(?:Ministry|Department|Agency|Office|Bureau|Administration|Council|Corporation|"
    r"Centre|Center|Institute|Secretariat|Commission|Authority|Board|Service)\b",
    re.IGNORECASE,
)
_MEMBERS = [
    re.compile(r"\b(?:representatives|delegates|delegations|members)\s+(?:from|of)\s+(?P<list>.+?)\s+"
               r"(?:participated|attended|were\s+present|took\s+part|joined)\b", re.IGNORECASE),
    re.compile(r"\b(?:was|were)\s+attended\s+by\s+"
               r"(?:(?:representatives|delegates|delegations)\s+(?:from|of)\s+)?(?P<list>.+?)\.?$", re.IGNORECASE),
    re.compile(r"^(?:the\s+)?following\s+(?:member\s+)?economies\s+(?:participated|attended|were\s+present)"
               r"[^:]*:\s*(?P<list>.+?)\.?$", re.IGNORECASE),
    re.compile(r"\beconomies\s+(?:in\s+attendance|present|attending|represented)\s+(?:were|was|included)\s*:?\s*"
               r"(?P<list>.+?)\.?$", re.IGNORECASE),
    # The bare list: "Australia, Canada, ... and Vietnam participated in the meeting."
    re.compile(r"^(?P<list>.+?)\s+(?:participated|attended|were\s+present|took\s+part)\b", re.IGNORECASE),
]
# A bare list counts as the members' only when it names at least this many economies.
_BARE_LIST_MIN = 3
_OTHERS = [
    re.compile(r"^(?P<list>.+?)\s+(?:was|were)\s+also\s+(?:represented|present)\b", re.IGNORECASE),
    re.compile(r"^(?P<list>.+?)\s+also\s+(?:attended|participated)\b", re.IGNORECASE),
    re.compile(r"^(?P<list>.+?)\s+(?:attended|participated|(?:was|were)\s+present)(?:\s+in\s+the\s+meeting)?"
               r"\s+as\s+(?:an?\s+)?(?:observers?|guests?)\b", re.IGNORECASE),
    re.compile(r"^(?:observers?|guests?)\s+from\s+(?P<list>.+?)\s+(?:also\s+)?"
               r"(?:attended|participated|were\s+present)\b", re.IGNORECASE),
]
_LIST_LEAD = re.compile(r"^(?:(?:representatives|delegates|delegations|observers|guests)\s+(?:from|of)\s+)",
                        re.IGNORECASE)
_INTRO = re.compile(
    r"\bfollowing\s+(?:issues|items|agenda|matters|topics|subjects)\b"
    r"|\badopted\s+the\s+(?:draft\s+)?agenda\b",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(r"summary|draft|record|report|minutes|meeting|working group|agenda", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[,;&]\s*(?:and\s+)?|\s+and\s+")
_DATE_LEAD_WORDS = {"on", "from", "during", "held", "between", "the", "of"}
# Longer sentences are not searched for attendance lists: such a list is a sentence, not a page.
_MAX_SENTENCE = 3000


# Words a careless space-less join leaves glued to a name: "Chinaon 3 April", "Peruand".
_GLUED = re.compile(r"^(?P<name>.{4,}?)(?:on|and|in|at|as|were|was|also|of|the|had|have)$")
# A name this close to a known one (rapidfuzz ratio, 0-100) is taken for it, flagged as a guess.
FUZZY_CUTOFF = 88
_FUZZY_MIN_LENGTH = 5
# An unknown name kept as printed (a guest economy, an organisation's acronym) looks like this.
_KEEPABLE = re.compile(r"^(?:[A-Z][A-Za-z&'’.-]*|of|the|and|for|on|de|del|y)(?:\s+(?:[A-Z][A-Za-z&'’.-]*|of|the|and|for|on|de|del|y)){0,7}$")


class Names:
    """Economy and organisation look-ups for one import, from one ``NameIndex`` (three queries).

    A name not found as written is tried without a word glued to its end ("Chinaon") and
    then as a near miss of a known name ("Indonesa"); those matches are kept in ``guessed``.
    """

    def __init__(self):
        self.index = NameIndex()
        self.guessed: dict[str, str] = {}
        self._choices = [
            key for key in [*self.index.economies, *self.index.organisations] if len(key) >= _FUZZY_MIN_LENGTH
        ]

    def resolve(self, name: str, *, near: bool = True) -> tuple[object, object] | None:
        """(Economy, None) or (None, Organisation), or None; ``near=False``: only as written."""
        key = name.strip()
        if not key or len(key) > 150:
            return None
        try:
            return self.index.party(key)
        except UnknownName:
            pass
        return self._near(key) if near else None

    def _near(self, key: str) -> tuple[object, object] | None:
        from rapidfuzz import fuzz, process

        normalized = normalize_name(key)
        candidates = []
        glued = _GLUED.match(normalized)
        if glued and " " not in normalized[-6:]:
            candidates.append(glued.group("name"))
        if len(normalized) >= _FUZZY_MIN_LENGTH and len(normalized.split()) <= 6:
            best = process.extractOne(normalized, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best:
                candidates.append(best[0])
        for candidate in candidates:
            try:
                found = self.index.party(candidate)
            except UnknownName:
                continue
            self.guessed[key] = (found[0] or found[1]).name
            return found
        return None

    def economy(self, name: str):
        found = self.resolve(name)
        return found[0] if found else None


def keepable_name(name: str) -> bool:
    """Whether an unknown name in an attendance list reads as a name worth keeping as printed."""
    return bool(_KEEPABLE.match(name.strip())) and len(name) <= 100


@dataclass
class Header:
    forum_codes: list[str] = field(default_factory=list)
    number: int | None = None
    number_line: int | None = None
    city: str | None = None
    host_economy: object = None
    start_date: object = None
    end_date: object = None
    date_line: int | None = None
    bad_date: bool = False  # dates were found but are impossible (already reported with their line)
    date_score: int = 0  # how surely the dates are the meeting's own (``_date_score``)
    other_dates: int = 0  # other dates found in the opening, not chosen
    chair_name: str = ""
    chair_title: str = ""
    chair_economy: object = None
    chair_line: int | None = None
    place_line: int | None = None
    members_line: int | None = None
    others_line: int | None = None
    # Field -> why its value is a guess ("“Indonesa” read as Indonesia", "chosen among 3 dates").
    guesses: dict[str, list[str]] = field(default_factory=dict)
    members: list = field(default_factory=list)
    others: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def guess(self, field_name: str, reason: str) -> None:
        self.guesses.setdefault(field_name, []).append(reason)

    def names_problem(self, line: int, name: str) -> None:
        self.problems.append(Problem(line, f"Unknown economy or organisation “{name}”.", name))


def parse_header(preamble: list[Block], names: Names, forums: dict[str, str]) -> Header:
    """The header facts found in the blocks before the first agenda heading."""
    header = Header()
    for block in preamble:
        for offset, sentence in sentences(block.text):
            line = block.line_at(offset)
            used = _read_sentence(header, sentence, line, names, forums)
            if not used:
                header.problems.append(Problem(line, f"Not recognised: “{_clip(sentence)}”"))
    if header.other_dates:
        header.guess("dates", f"chosen among {header.other_dates + 1} dates in the opening")
    return header


def _clip(text: str, length: int = 120) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _read_sentence(header: Header, sentence: str, line: int, names: Names, forums: dict[str, str]) -> bool:
    used = False
    for code, name in forums.items():
        if re.search(rf"\b{re.escape(code)}\b", sentence) or name.lower() in sentence.lower():
            used = True
            if code not in header.forum_codes:
                header.forum_codes.append(code)
    if header.number is None:
        number = _meeting_number(sentence)
        if number is not None:
            header.number, header.number_line, used = number, line, True
    used = _read_dates_and_place(header, sentence, line, names) or used
    if header.host_economy is None and len(sentence) <= 150 and not sentence.endswith("."):
        used = _read_title_place(header, sentence, line, names) or used
    if len(sentence) <= _MAX_SENTENCE:
        used = _read_chair(header, sentence, line, names) or used
        used = _read_attendance(header, sentence, line, names) or used
    if _INTRO.search(sentence):
        used = True
    if not used and len(sentence) <= 100 and not sentence.endswith(".") and _TITLE_WORDS.search(sentence):
        used = True  # a title line: "CHAIR'S SUMMARY", "Draft summary record"
    return used


def _meeting_number(sentence: str) -> int | None:
    match = _NUMBER.search(sentence)
    words = _NUMBER_WORDS.search(sentence)
    if match and (not words or match.start() <= words.start()):
        return int(match.group(1))
    if words:
        tens = _TENS.get((words.group(1) or "").lower(), 0)
        return tens + ORDINAL_WORDS[words.group(2).lower()]
    return None


# Dates next to these words are another event's (the ministerial meeting a few days later).
_OTHER_EVENT = re.compile(
    r"\b(?:ministerial|ministers|leaders|SOM|summit|conference|workshop|symposium|seminar|dialogue|"
    r"deadline|due|until|by)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_OWN_MEETING = re.compile(r"\b(?:working\s+group|SMEWG|WG)\b|\b(?:held|convened|took\s+place|met|has\s+had)\b", re.IGNORECASE)


def _date_score(before: str) -> int:
    """How surely the date after ``before`` is the meeting's own (higher is surer)."""
    if _OTHER_EVENT.search(before[-80:]):
        return -2
    return 2 if _OWN_MEETING.search(before) else 0


def _read_dates_and_place(header: Header, sentence: str, line: int, names: Names) -> bool:
    """The meeting's dates (the surest of the dates found so far) and the place just before them."""
    try:
        found = find_date_range(sentence)
    except BadDate as error:
        if header.start_date is None and not header.bad_date:
            header.problems.append(Problem(line, f"Dates: {error}"))
            header.bad_date = True
        return True
    if found is None:
        return False
    start, end, (offset, _end) = found
    score = _date_score(sentence[:offset])
    if header.start_date is not None:
        if (start, end) != (header.start_date, header.end_date):
            header.other_dates += 1
        if score <= header.date_score:
            return True
    header.start_date, header.end_date, header.date_line, header.date_score = start, end, line, score
    before = _strip_trailing_words(sentence[:offset])
    places = list(re.finditer(r"\bin\s+(?=[A-Z])", before))
    if places:
        place = before[places[-1].end():]
    else:
        place = _trailing_place(before)
    if place:
        _read_place(header, place, line, names)
    return True


# Economies that are one city: "held in Singapore" names the city too.
CITY_ECONOMIES = {"SGP": "Singapore", "HKC": "Hong Kong"}

# Words of a title that end before the place starts: "... Working Group Meeting Big Sky, Montana".
_TITLE_STOP = {
    "meeting", "group", "working", "summary", "record", "report", "smewg", "apec", "enterprises",
    "chair's", "chairs", "draft", "the", "of", "and", "session", "held", "convened",
}


def _trailing_place(before: str) -> str:
    """The place in "38th SMEWG Meeting Nanjing, China, " or "Big Sky, Montana, United States, "."""
    parts = [part.strip() for part in before.split(",")]
    if not parts or not parts[0]:
        return ""
    words = parts[0].split()
    kept = []
    for word in reversed(words):
        if not word[:1].isupper() or word.lower() in _TITLE_STOP or re.search(r"[0-9]", word):
            break
        kept.insert(0, word)
    if not kept or len(kept) > 4:
        return ""
    tail = [part for part in parts[1:] if part]
    if any(len(part.split()) > 5 for part in tail):
        return ""
    return ", ".join([" ".join(kept), *tail])


def _read_title_place(header: Header, line_text: str, line: int, names: Names) -> bool:
    """A title line that is, or ends with, a place: "38th SMEWG Meeting Beijing, People's Republic of China"."""
    parts = [part.strip() for part in _trailing_place(line_text).split(",") if part.strip()]
    if len(parts) < 2 or any(len(part.split()) > 5 for part in parts):
        return False
    for size in (2, 1):
        if len(parts) > size and names.economy(", ".join(parts[-size:])):
            header.host_economy = names.economy(", ".join(parts[-size:]))
            header.city = header.city or parts[0]
            header.place_line = header.place_line or line
            return True
    return False


def _strip_trailing_words(text: str) -> str:
    """"... Meeting in Vina del Mar, Chile, on " -> "... Meeting in Vina del Mar, Chile"."""
    while True:
        stripped = text.rstrip(" ,")
        word = stripped.rsplit(" ", 1)[-1]
        if word.lower() in _DATE_LEAD_WORDS:
            stripped = stripped[: -len(word)]
        if stripped == text:
            return text
        text = stripped


def _read_place(header: Header, place: str, line: int, names: Names) -> None:
    """City and host economy from "Vina del Mar, Chile" or "Big Sky, Montana, United States".

    The city is the first part; a place that is only an economy leaves the city empty.
    "Hong Kong, China" is both the host economy and the city of Hong Kong.
    """
    parts = [part.strip() for part in place.split(",") if part.strip()]
    if not parts:
        return
    header.place_line = line
    for size in (2, 1):
        if len(parts) >= size:
            economy = names.economy(", ".join(parts[-size:]))
            if economy:
                header.host_economy = economy
                if len(parts) > size or size == 2:
                    header.city = parts[0]  # "Hong Kong, China": the city is Hong Kong
                else:
                    header.city = CITY_ECONOMIES.get(economy.code)
                return
    if len(parts) >= 2:
        header.names_problem(line, parts[-1])
    header.city = parts[0]


def _read_chair(header: Header, sentence: str, line: int, names: Names) -> bool:
    match = _CHAIRED_BY.search(sentence) or _CHAIRED_THE.search(sentence)
    if not match or header.chair_name:
        return bool(match)
    named = next(value for key, value in match.groupdict().items() if key.startswith("chair") and value)
    parts = [part.strip() for part in named.rstrip(" .").split(",") if part.strip()]
    while len(parts) > 1 and _CHAIR_ROLE.match(parts[0]) and not _HONORIFIC.match(parts[0]):
        parts.pop(0)
    if not parts:
        return True
    header.chair_line = line
    economy = None
    for size in (2, 1):
        if len(parts) > size and names.economy(", ".join(parts[-size:])):
            economy = names.economy(", ".join(parts[-size:]))
            parts = parts[:-size]
            break
    if economy is None:
        suffix = re.match(r"^(?P<rest>.+?)\s+(?:of|from)\s+(?P<economy>[^,]+)$", parts[-1])
        if suffix and names.economy(suffix.group("economy")):
            economy = names.economy(suffix.group("economy"))
            parts[-1] = suffix.group("rest")
    header.chair_economy = economy
    header.chair_name = parts[0]
    header.chair_title = ", ".join(parts[1:])
    return True


def split_chair_title(title: str) -> tuple[str, str]:
    """("General Director for Exportable Goods", "Ministry of Economy") from the chair's title."""
    head, _, tail = title.rpartition(", ")
    if head and _ORGANISATION_WORDS.match(tail):
        return head, tail
    return title, ""


def _read_attendance(header: Header, sentence: str, line: int, names: Names) -> bool:
    for pattern in _OTHERS:
        match = pattern.search(sentence)
        if match:
            _add_names(header, match.group("list"), line, names, others=True)
            return True
    for pattern in _MEMBERS:
        match = pattern.search(sentence)
        if not match:
            continue
        listed = match.group("list")
        if pattern is _MEMBERS[-1]:
            found = [names.resolve(name) for name in split_names(_list_part(listed), names)]
            if sum(1 for party in found if party and party[0]) < _BARE_LIST_MIN:
                continue
        _add_names(header, listed, line, names, others=False)
        return True
    return False


def _list_part(text: str) -> str:
    """The list itself: what follows a colon ("all 21 member economies: Australia; ...")."""
    return text.rsplit(":", 1)[-1] if ":" in text else text


def _add_names(header: Header, text: str, line: int, names: Names, *, others: bool) -> None:
    """Member economies to ``members``; organisations, guests and unknown names to ``others``.

    An unknown name that reads as one (a guest economy, an acronym) is kept as printed, to
    be added as a guest on saving; it is reported too, so the reviewer checks it.
    """
    for name in split_names(_LIST_LEAD.sub("", _list_part(text).strip()), names):
        found = names.resolve(name)
        if found is None:
            header.names_problem(line, name)
            if keepable_name(name) and name not in header.others:
                header.others.append(name)
                header.others_line = header.others_line or line
                header.guess("other_participants", f"“{name}” is not in the reference list: kept as printed")
            continue
        economy, organisation = found
        field_name = "member_economies" if economy else "other_participants"
        if name in names.guessed:
            header.guess(field_name, f"“{name}” read as {names.guessed[name]}")
        if economy and economy not in header.members:
            header.members.append(economy)
            header.members_line = header.members_line or line
        elif organisation and organisation not in header.others:
            header.others.append(organisation)
            header.others_line = header.others_line or line


def split_names(text: str, names: Names) -> list[str]:
    """Names in a list such as "Australia; Hong Kong, China; and the United States".

    Semicolons separate when there are any; then commas and "and" do, except where the
    joined pieces are themselves a name ("Hong Kong, China", "Macao, China").
    """
    text = re.sub(r"\s*\([^)]*\)", "", text)
    pieces = re.split(r"\s*;\s*", text) if ";" in text else [text]
    result = []
    for piece in pieces:
        piece = re.sub(r"^(?:and|as well as)\s+", "", piece.strip(), flags=re.IGNORECASE).strip(" .,")
        piece = re.sub(r"\s+(?:also|too|as\s+well)$", "", piece, flags=re.IGNORECASE)
        if not piece:
            continue
        if names.resolve(piece, near=False):
            result.append(piece)
        else:
            result.extend(_split_on_commas(piece, names))
    return result


def _split_on_commas(piece: str, names: Names) -> list[str]:
    spans, start = [], 0
    for separator in _SEPARATOR.finditer(piece):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(piece)))
    spans = [(a, b) for a, b in spans if piece[a:b].strip()]
    result, index = [], 0
    while index < len(spans):
        for end in range(min(index + 4, len(spans)), index, -1):
            candidate = piece[spans[index][0]:spans[end - 1][1]].strip(" .")
            if end == index + 1 or names.resolve(candidate, near=False):
                result.append(candidate)
                index = end
                break
    return [name for name in result if name]
