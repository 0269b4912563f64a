"""Search across the whole record: meetings, agenda items, decisions, agreed actions,
progress notes, documents and projects.

On PostgreSQL: full-text search with English stemming ("agreeing" finds "agreed"), with
the words highlighted by ``ts_headline``, each kind using the GIN index on the same
``to_tsvector`` expression (migration ``insights.0001``). On SQLite (the laptop default):
every word must appear in the text, case-insensitively. Either way the newest meetings
come first: the record is read as a history ("what did the group decide on this, and
when"), and ordering by date lets PostgreSQL keep the best rows without scoring every
match (ts_rank recomputes each matching row's vector: seconds for a common word in the
40,000-action archive).

What a user finds is what they may open: every kind starts from the read rule's
selectors in ``meetings.selectors`` (``meetings_visible_to``, ``actions_visible_to``,
``progress_notes_visible_to``).
"""
import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from meetings.models import Action, AgendaItem, Attendance, Decision, Document, Economy, Forum, Meeting, ProgressNote
from meetings.selectors import actions_visible_to, meetings_visible_to, progress_notes_visible_to
from projects.models import Project, ProjectReport

CONFIG = "english"
START, STOP = "\x02", "\x03"  # highlight marks: not HTML, so the text can be escaped around them
SNIPPET_CHARS = 220


@dataclass(frozen=True)
class Kind:
    """One kind of thing search finds: its model, searched fields and how to reach its meeting."""

    key: str
    label: str
    model: type
    fields: tuple[str, ...]
    meeting_path: str | None  # "" for a meeting itself, None for a project
    related: tuple[str, ...] = ()

    def vector(self) -> SearchVector:
        return SearchVector(*self.fields, config=CONFIG)

    def index_name(self) -> str:
        return f"insights_fts_{self.key}"


KINDS = [
    Kind("meeting", "Meeting", Meeting, ("city", "chair_name", "chair_title"), "", ("forum", "host_economy")),
    Kind("item", "Agenda item", AgendaItem, ("title", "text"), "meeting", ("meeting__forum",)),
    Kind("decision", "Decision", Decision, ("text",), "agenda_item__meeting", ("agenda_item__meeting__forum",)),
    Kind("action", "Agreed action", Action, ("text", "responsible_other"), "agenda_item__meeting",
         ("agenda_item__meeting__forum",)),
    Kind("note", "Progress note", ProgressNote, ("text",), "action__agenda_item__meeting",
         ("action__agenda_item__meeting__forum",)),
    Kind("document", "Document", Document, ("symbol", "title"), "meeting", ("meeting__forum",)),
    Kind("project", "Project", Project, ("title", "code", "description"), None, ("forum",)),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]


@dataclass
class SearchFilters:
    words: str
    kinds: list[str] = field(default_factory=list)  # empty: every kind
    forum: Forum | None = None
    economy: Economy | None = None
    year_from: int | None = None
    year_to: int | None = None


@dataclass
class Hit:
    kind: Kind
    title: str
    snippet: SafeString
    url: str
    meeting: Meeting | None
    when: date | None


@dataclass
class SearchResults:
    hits: list[Hit]
    counts: dict[str, int]  # kind key -> hits of that kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _visible(kind: Kind, user) -> QuerySet:
    """The rows of ``kind`` that ``user`` may open."""
    if kind.key == "meeting":
        return meetings_visible_to(user)
    if kind.key == "action":
        return actions_visible_to(user)
    if kind.key == "note":
        return progress_notes_visible_to(user)
    if kind.key == "project":
        return Project.objects.all()
    return kind.model.objects.filter(**{f"{kind.meeting_path}__in": meetings_visible_to(user)})


def _economy_filter(kind: Kind, economy: Economy) -> Q:
    if kind.key == "meeting":
        return Q(Exists(Attendance.objects.filter(meeting=OuterRef("pk"), economy=economy)))
    if kind.key == "item":
        return Q(Exists(Action.objects.filter(agenda_item=OuterRef("pk"), responsible_economies=economy)))
    if kind.key == "decision":
        return Q(Exists(Action.objects.filter(decision=OuterRef("pk"), responsible_economies=economy)))
    if kind.key == "action":
        return Q(Exists(Action.responsible_economies.through.objects.filter(action=OuterRef("pk"), economy=economy)))
    if kind.key == "note":
        return Q(Exists(Action.responsible_economies.through.objects.filter(action=OuterRef("action_id"),
                                                                            economy=economy)))
    if kind.key == "document":
        return Q(submitted_by_economy=economy)
    return Q(Exists(Project.proposing_economies.through.objects.filter(project=OuterRef("pk"), economy=economy)))


def _filtered(kind: Kind, user, filters: SearchFilters) -> QuerySet:
    rows = _visible(kind, user)
    if kind.meeting_path is None:  # projects: their forum, and the years they were reported on
        if filters.forum:
            rows = rows.filter(forum=filters.forum)
        if filters.year_from or filters.year_to:
            reports = ProjectReport.objects.filter(project=OuterRef("pk"))
            if filters.year_from:
                reports = reports.filter(meeting__start_date__year__gte=filters.year_from)
            if filters.year_to:
                reports = reports.filter(meeting__start_date__year__lte=filters.year_to)
            rows = rows.filter(Exists(reports))
    else:
        prefix = f"{kind.meeting_path}__" if kind.meeting_path else ""
        if filters.forum:
            rows = rows.filter(**{f"{prefix}forum": filters.forum})
        if filters.year_from:
            rows = rows.filter(**{f"{prefix}start_date__year__gte": filters.year_from})
        if filters.year_to:
            rows = rows.filter(**{f"{prefix}start_date__year__lte": filters.year_to})
    if filters.economy:
        rows = rows.filter(_economy_filter(kind, filters.economy))
    return rows


def _text_of(kind: Kind):
    """All searched fields as one text, for the highlighted snippet."""
    if len(kind.fields) == 1:
        return F(kind.fields[0])
    parts = []
    for name in kind.fields:
        parts += [F(name), Value(" · ")]
    return Concat(*parts[:-1], output_field=TextField())


def _matches(kind: Kind, rows: QuerySet, filters: SearchFilters) -> QuerySet:
    if uses_full_text():
        query = SearchQuery(filters.words, search_type="websearch", config=CONFIG)
        # A symbol such as 2002/SMEWG14/005 is one token for PostgreSQL's parser, so it is
        # found as typed, through the same index.
        return rows.annotate(search=kind.vector()).filter(search=query)
    condition = Q()
    for word in plain_stems(filters.words):
        word_anywhere = Q()
        for name in kind.fields:
            word_anywhere |= Q(**{f"{name}__icontains": word})
        condition &= word_anywhere
    return rows.filter(condition)


def _date_order(kind: Kind) -> str:
    if kind.meeting_path is None:
        return "-created"
    return f"-{kind.meeting_path}__start_date" if kind.meeting_path else "-start_date"


# Without PostgreSQL's English stemming, the plain search drops the commonest endings so that
# "publishing" still finds "publish" and "published" (a word keeps at least four letters).
PLAIN_ENDINGS = ("ing", "ed", "es", "s")


def plain_stems(words: str) -> list[str]:
    """The words of a search as the plain (SQLite) search looks for them, each inside a word."""
    stems = []
    for word in words.split():
        for ending in PLAIN_ENDINGS:
            if word.lower().endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        stems.append(word)
    return stems


def _highlight_plain(text: str, words: list[str]) -> SafeString:
    """The SQLite snippet: the text around the first match, each word marked."""
    lowered = text.lower()
    first = min((lowered.find(w.lower()) for w in words if w.lower() in lowered), default=0)
    start = max(0, first - SNIPPET_CHARS // 3)
    snippet = text[start:start + SNIPPET_CHARS]
    snippet = ("… " if start else "") + snippet + (" …" if start + SNIPPET_CHARS < len(text) else "")
    marked = escape(snippet)
    for word in sorted(words, key=len, reverse=True):
        marked = re.sub(f"({re.escape(escape(word))})", r"<mark>\1</mark>", marked, flags=re.IGNORECASE)
    return mark_safe(marked)


def _highlight_marked(text: str) -> SafeString:
    """ts_headline's output with our marks: escape it all, then turn the marks into <mark>."""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def _title_and_url(kind: Kind, row) -> tuple[str, str, Meeting | None]:
    if kind.key == "meeting":
        return str(row), row.get_absolute_url(), row
    if kind.key == "item":
        return f"Item {row}", f"{row.meeting.get_absolute_url()}#item-{row.position}", row.meeting
    if kind.key == "decision":
        item = row.agenda_item
        return f"{row.get_kind_display()}, under item {item}", f"{item.meeting.get_absolute_url()}#item-{item.position}", \
            item.meeting
    if kind.key == "action":
        return str(row), row.get_absolute_url(), row.agenda_item.meeting
    if kind.key == "note":
        return f"Progress on “{row.action}”", row.action.get_absolute_url(), row.action.agenda_item.meeting
    if kind.key == "document":
        return f"{row.symbol} {row.title}", reverse("meetings:documents", kwargs={"pk": row.meeting_id}), row.meeting
    return str(row), row.get_absolute_url(), None


def search_record(*, user, filters: SearchFilters, limit: int = 50) -> SearchResults:
    """The ``limit`` newest hits across the chosen kinds, and how many hits each kind has.

    Two queries per kind: the count, and the best rows with their snippets.
    """
    words = plain_stems(filters.words)  # highlighted in the plain search's snippets
    kinds = [KINDS_BY_KEY[key] for key in filters.kinds] if filters.kinds else KINDS
    hits: list[Hit] = []
    counts: dict[str, int] = {}
    for kind in kinds:
        matched = _matches(kind, _filtered(kind, user, filters), filters)
        counts[kind.key] = matched.count()
        if not counts[kind.key]:
            continue
        best = matched.select_related(*kind.related).order_by(_date_order(kind), "-pk")
        if uses_full_text():
            query = SearchQuery(filters.words, search_type="websearch", config=CONFIG)
            best = best.annotate(snippet=SearchHeadline(
                _text_of(kind), query, config=CONFIG, start_sel=START, stop_sel=STOP,
                max_words=35, min_words=15, max_fragments=2, fragment_delimiter=" … ",
            ))
        for row in best[:limit]:
            if uses_full_text():
                snippet = _highlight_marked(row.snippet)
            else:
                snippet = _highlight_plain(" · ".join(str(getattr(row, name) or "") for name in kind.fields), words)
            title, url, meeting = _title_and_url(kind, row)
            hits.append(Hit(kind, Truncator(title).chars(140), snippet, url, meeting,
                            meeting.start_date if meeting else None))
    hits.sort(key=lambda hit: -(hit.when.toordinal() if hit.when else 0))  # stable: kinds keep their order
    return SearchResults(hits[:limit], counts)
