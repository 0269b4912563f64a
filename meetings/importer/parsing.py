"""A chair's summary's text -> the record dict of ``meetings.record``, plus what was not recognised."""
from dataclasses import dataclass

from ..models import Forum, Meeting, MeetingStatus, Participant, ParticipantRole, Sex
from .errors import Problem, SummaryImportError
from .header import Names, parse_header, split_chair_title
from .items import find_documents, find_headings, parse_item
from .text import blocks, source_lines

MAX_NUMBER = 999  # the highest meeting number the importer and its review form accept


@dataclass
class ParsedSummary:
    """The record recognised in a summary, the problems found, and the source lines (1-based)."""

    record: dict
    problems: list[Problem]
    lines: list[str]
    # Where each header field was found and why it is a guess, for the review page:
    # [{"field", "label", "line", "guess"}].
    fields: list[dict]


def summary_parse(text: str, *, forum: str | None = None) -> ParsedSummary:
    """Recognise a chair's summary in ``text``.

    ``forum`` (a forum code) wins over the one the text names. Returns the record with
    every unrecognised line and unknown name in ``problems``; raises ``SummaryImportError``
    only when nothing in the text looks like a summary at all.
    """
    if not isinstance(text, str):
        raise SummaryImportError("The summary must be text.")
    lines = source_lines(text)
    problems: list[Problem] = []
    headings = find_headings(lines, problems)
    preamble_end = headings[0].index if headings else len(lines)
    forums = dict(Forum.objects.values_list("code", "name"))
    names = Names()
    header = parse_header(blocks([(i + 1, lines[i]) for i in range(preamble_end)]), names, forums)
    if not headings and header.number is None and header.start_date is None and not header.members:
        raise SummaryImportError(
            "Nothing here looks like a chair's summary: no meeting number, dates, attendance or numbered "
            "agenda items were found.",
            line=1,
        )
    items, projects = [], []
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else len(lines)
        item, item_projects = parse_item(heading, lines, end)
        items.append(item)
        projects.extend(item_projects)
    problems = header.problems + problems
    record = _record(header, forum, forums, items, projects, find_documents(lines, headings), problems)
    problems.sort(key=lambda problem: (problem.line or 0))
    return ParsedSummary(record=record, problems=problems, lines=lines, fields=_field_sources(header, record))


def _field_sources(header, record: dict) -> list[dict]:
    sources = [
        ("number", "Meeting number", header.number_line, record["number"]),
        ("city", "City", header.place_line, record["city"]),
        ("host_economy", "Host economy", header.place_line, record["host_economy"]),
        ("dates", "Dates", header.date_line, record["start_date"]),
        ("chair", "Chair", header.chair_line, record["chair"]["name"]),
        ("member_economies", "Member economies", header.members_line, record["member_economies"]),
        ("other_participants", "Other participants", header.others_line, record["other_participants"]),
    ]
    return [
        {
            "field": name,
            "label": label,
            "line": line if value else None,
            "guess": "; ".join(header.guesses.get(name, [])),
        }
        for name, label, line, value in sources
    ]


def _limit(field: str, model=Meeting) -> int:
    return model._meta.get_field(field).max_length


def chair_participant(name: str, title: str, economy: str | None) -> dict:
    """The chair as an entry of the record's participant list (sex from Mr / Ms / Mrs, else not stated)."""
    position, employer = split_chair_title(title)
    honorific = name.lower().split(".")[0].split(" ")[0]
    sex = {"mr": Sex.MALE, "ms": Sex.FEMALE, "mrs": Sex.FEMALE, "miss": Sex.FEMALE}.get(honorific, Sex.OTHER)
    return {
        "name": name[: _limit("name", Participant)],
        "title": position[: _limit("title", Participant)],
        "organisation": employer[: _limit("employer", Participant)],
        "represents": economy,
        "sex": sex.value,
        "role": ParticipantRole.CHAIR.value,
    }


def _record(header, forum, forums, items, projects, documents, problems: list[Problem]) -> dict:
    def missing(message: str, line: int | None = None) -> None:
        problems.append(Problem(line, message))

    named = header.forum_codes[0] if header.forum_codes else None
    if forum and named and named != forum:
        missing(f"The summary names the forum {named}; it is imported into {forum} as asked.")
    forum = forum or named
    if not forum:
        missing("Forum: not found; choose one.")
    number = header.number
    if number is not None and not 1 <= number <= MAX_NUMBER:
        missing(f"Meeting number {number} is out of range.", header.number_line)
        number = None
    if number is None:
        missing("Meeting number: not found (e.g. “14th Meeting”).")
    city = header.city
    if city and len(city) > _limit("city"):
        missing("City: longer than a city name can be.", header.date_line)
        city = None
    if not city:
        missing("City: not found (e.g. “in Vina del Mar, Chile, on 3-5 April 2002”).", header.date_line)
    if header.host_economy is None:
        missing("Host economy: not found.", header.date_line)
    if header.start_date is None and not header.bad_date:
        missing("Dates: not found (e.g. “3-5 April 2002”).")
    chair_name, chair_title = header.chair_name, header.chair_title
    if len(chair_name) > _limit("chair_name") or len(chair_title) > _limit("chair_title"):
        missing("Chair: name or title too long; check the sentence.", header.chair_line)
        chair_name, chair_title = chair_name[: _limit("chair_name")], chair_title[: _limit("chair_title")]
    if not chair_name:
        missing("Chair: not found (e.g. “The meeting was chaired by ...”).")
    elif header.chair_economy is None:
        missing("Chair's economy: not recognised.", header.chair_line)
    if not header.members:
        missing("Member economies: none recognised.")
    if not items:
        missing("Agenda items: no numbered headings (“1. Title”) found.")
    chair_economy = header.chair_economy.name if header.chair_economy else None
    participants = [chair_participant(chair_name, chair_title, chair_economy)] if chair_name else []
    return {
        "forum": forum,
        "number": number,
        "city": city,
        "host_economy": header.host_economy.name if header.host_economy else None,
        "start_date": header.start_date.isoformat() if header.start_date else None,
        "end_date": header.end_date.isoformat() if header.end_date else None,
        "status": MeetingStatus.DRAFTED.value,
        "chair": {"name": chair_name, "title": chair_title, "economy": chair_economy},
        "member_economies": sorted({economy.name for economy in header.members}),
        "other_participants": sorted({getattr(other, "name", other) for other in header.others}),
        "participants": participants,
        "agenda_items": items,
        "projects": projects,
        "documents": documents,
    }
