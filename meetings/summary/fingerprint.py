"""A cheap fingerprint of everything a chair's summary is drawn from, read without rendering it.

An export request must decide whether a stored PDF can be reused. Rendering the summary's
HTML to hash it costs a 200-item meeting a few hundred milliseconds; this fingerprint costs
one query: PostgreSQL hashes, table by table, the rows the summary reads (the meeting, its
agenda items, decisions, agreed actions and who is responsible for them, attendance,
participants, documents, project reports and their projects, the review list with the
earlier actions it reviews, the records of adoption, and the reference tables of economies,
organisations and forums). Every column of those rows is hashed, so any edit, insertion or
deletion changes the fingerprint, including edits made with ``QuerySet.update()`` that no
version counter or signal sees. Columns the summary does not print (a modified time, the
latest progress note) make it change more often than the HTML does; that costs a render,
never a stale PDF, and the worker still reuses a file of the same content hash.

The meeting page keeps its rendering in the cache under a fingerprint of the same kind
(``meeting_page_fingerprint``): the meeting's own rows, its exports and records of adoption,
and the project's code and templates.

The renderer's part covers ``TEMPLATE_VERSION``, the stylesheet, the summary's templates and
the project's code, so a deploy that changes any of them renders anew (the worker still
reuses a stored file when the HTML comes out the same).
"""
import functools
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.db import connection
from django.db.models import Q
from django.template.loader import get_template

from projects.models import Project, ProjectReport

from ..models import (
    Action,
    AdoptedRecord,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Economy,
    Forum,
    Meeting,
    MeetingStatus,
    Organisation,
    Participant,
    ReviewEntry,
    SummaryExport,
)
from .context import Annexes
from .render import STYLESHEET, TEMPLATE_NAME, TEMPLATE_VERSION

def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rows(model, where: str, columns: str = "t::text") -> str:
    """A scalar subquery: the md5 of the matching rows, in id order ('' for none)."""
    return f"(SELECT md5(coalesce(string_agg({columns}, '|' ORDER BY t.id), '')) FROM {_table(model)} t WHERE {where})"


def _any(ids: str) -> str:
    """``= ANY`` of a subquery's ids: computed once, then one index lookup each. With ``IN``
    the planner guesses how many rows a meeting has and, guessing high, scans all 40,000
    actions instead."""
    return f"= ANY(ARRAY({ids}))"


def _responsible_tables() -> list[type]:
    """The tables of who is responsible for an action (economies, organisations)."""
    return [
        Action._meta.get_field(name).remote_field.through
        for name in ("responsible_economies", "responsible_organisations")
    ]


def _row_sets(meeting_id: int) -> list[tuple[type, Q]]:
    """The rows the summary reads, as (model, filter) pairs: the portable twin of
    ``_fingerprint_sql``'s parts, for databases other than PostgreSQL (a laptop's SQLite)."""
    items = AgendaItem.objects.filter(meeting_id=meeting_id).values("id")
    actions = Action.objects.filter(agenda_item__meeting_id=meeting_id).values("id")
    reviewed_actions = ReviewEntry.objects.filter(meeting_id=meeting_id).values("action_id")
    reviewed_items = Action.objects.filter(id__in=reviewed_actions).values("agenda_item_id")
    reviewed_meetings = AgendaItem.objects.filter(id__in=reviewed_items).values("meeting_id")
    reports = ProjectReport.objects.filter(meeting_id=meeting_id).values("project_id")
    responsible = _responsible_tables()
    return [
        (Meeting, Q(id=meeting_id)),
        (Meeting, Q(id__in=reviewed_meetings)),
        (AgendaItem, Q(meeting_id=meeting_id)),
        (AgendaItem, Q(id__in=reviewed_items)),
        (Decision, Q(agenda_item_id__in=items)),
        (Decision, Q(agenda_item_id__in=reviewed_items)),
        (Action, Q(agenda_item_id__in=items)),
        (Action, Q(id__in=reviewed_actions)),
        *((through, Q(action_id__in=actions)) for through in responsible),
        *((through, Q(action_id__in=reviewed_actions)) for through in responsible),
        (Attendance, Q(meeting_id=meeting_id)),
        (Participant, Q(meeting_id=meeting_id)),
        (Document, Q(meeting_id=meeting_id)),
        (ProjectReport, Q(meeting_id=meeting_id)),
        (Project, Q(id__in=reports)),
        (ReviewEntry, Q(meeting_id=meeting_id)),
        (Economy, Q()),
        (Organisation, Q()),
        (Forum, Q()),
    ]


def _fingerprint_parts_portable(meeting_id: int) -> tuple[str | None, str, str]:
    """(status, adopted, live) as ``_fingerprint_sql`` gives them, hashed here from the rows
    the ORM reads (one query a row set): slower, for the small databases it serves."""
    live = hashlib.md5()
    for model, rows in _row_sets(meeting_id):
        for row in model.objects.filter(rows).order_by("pk").values_list():
            live.update(repr(row).encode())
        live.update(b"|")
    records = AdoptedRecord.objects.filter(meeting_id=meeting_id).order_by("pk").values_list("id", "html")
    adopted = hashlib.md5("|".join(f"{pk}:{html}" for pk, html in records).encode()).hexdigest()
    status = Meeting.objects.filter(pk=meeting_id).values_list("status", flat=True).first()
    return status, adopted, live.hexdigest()


def _own_parts() -> list[str]:
    """The meeting's own record: the meeting row, its agenda items, decisions, agreed actions
    and who is responsible for them, attendance, participants, documents, project reports and
    their projects."""
    responsible = _responsible_tables()
    items = f"SELECT id FROM {_table(AgendaItem)} WHERE meeting_id = %(meeting)s"
    actions = f"SELECT id FROM {_table(Action)} WHERE agenda_item_id {_any(items)}"
    reports = f"SELECT project_id FROM {_table(ProjectReport)} WHERE meeting_id = %(meeting)s"
    return [
        _rows(Meeting, "t.id = %(meeting)s"),
        _rows(AgendaItem, "t.meeting_id = %(meeting)s"),
        _rows(Decision, f"t.agenda_item_id {_any(items)}"),
        _rows(Action, f"t.agenda_item_id {_any(items)}"),
        *(_rows(through, f"t.action_id {_any(actions)}") for through in responsible),
        _rows(Attendance, "t.meeting_id = %(meeting)s"),
        _rows(Participant, "t.meeting_id = %(meeting)s"),
        _rows(Document, "t.meeting_id = %(meeting)s"),
        _rows(ProjectReport, "t.meeting_id = %(meeting)s"),
        _rows(Project, f"t.id {_any(reports)}"),
    ]


def _reviewed_parts() -> list[str]:
    """The review list and the earlier actions, items, decisions and meetings it reaches."""
    responsible = _responsible_tables()
    reviewed_actions = f"SELECT action_id FROM {_table(ReviewEntry)} WHERE meeting_id = %(meeting)s"
    reviewed_items = f"SELECT agenda_item_id FROM {_table(Action)} WHERE id {_any(reviewed_actions)}"
    reviewed_meetings = f"SELECT meeting_id FROM {_table(AgendaItem)} WHERE id {_any(reviewed_items)}"
    return [
        _rows(ReviewEntry, "t.meeting_id = %(meeting)s"),
        _rows(Meeting, f"t.id {_any(reviewed_meetings)}"),
        _rows(AgendaItem, f"t.id {_any(reviewed_items)}"),
        _rows(Decision, f"t.agenda_item_id {_any(reviewed_items)}"),
        _rows(Action, f"t.id {_any(reviewed_actions)}"),
        *(_rows(through, f"t.action_id {_any(reviewed_actions)}") for through in responsible),
    ]


def _reference_parts() -> list[str]:
    """The reference tables every record prints names from."""
    return [_rows(Economy, "true"), _rows(Organisation, "true"), _rows(Forum, "true")]


def _fingerprint_sql() -> str:
    # Each table of the review list is a part of its own next to the meeting's own rows, so
    # that each part is an indexed lookup (an OR of the two would scan the whole table).
    parts = [*_own_parts(), *_reviewed_parts(), *_reference_parts()]
    # The record of adoption in force is the latest; its HTML file never changes once stored.
    adopted = _rows(AdoptedRecord, "t.meeting_id = %(meeting)s", columns="t.id::text || ':' || t.html")
    status = f"(SELECT status FROM {_table(Meeting)} WHERE id = %(meeting)s)"
    return f"SELECT {status}, {adopted}, md5({' || '.join(parts)})"


def _files_digest(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def renderer_digest() -> str:
    """SHA-256 of what turns the record into a PDF: the template version, the stylesheet,
    the summary's templates (read afresh, so an edited template shows in DEBUG) and the
    project's code (``deploy_digest``: its Python decides what the templates print, from
    more modules than the summary's own, ``projects.models`` among them)."""
    templates = Path(get_template(TEMPLATE_NAME).origin.name).parent
    stylesheet = finders.find(STYLESHEET)
    files = _files_digest([*sorted(templates.glob("*.html")), *([Path(stylesheet)] if stylesheet else [])])
    return hashlib.sha256(f"{TEMPLATE_VERSION}:{deploy_digest()}:{files}".encode()).hexdigest()


def meeting_page_fingerprint(meeting_id: int) -> tuple[str | None, str] | None:
    """The meeting's status (None if there is no such meeting) and a fingerprint of every row
    its page prints, in one query; on PostgreSQL only, else None.

    The rows: the meeting's own record (``_own_parts``), the reference tables, its summary
    exports with the names of who asked for them, and its records of adoption; with the
    code and templates this process runs (``deploy_digest``). A rendering kept under this
    fingerprint is current as long as the fingerprint is, whatever wrote to the rows
    (``QuerySet.update()`` included). Read it before the rows: a rendering is then at least
    as new as the fingerprint it is kept under.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        _execute_prepared(cursor, "smewg_meeting_page_fingerprint", _meeting_page_sql(), meeting_id)
        status, rows = cursor.fetchone()
    return status, hashlib.sha256(f"{deploy_digest()}:{rows}".encode()).hexdigest()


@functools.cache
def _meeting_page_sql() -> str:
    exports = f"SELECT requested_by_id FROM {_table(SummaryExport)} WHERE meeting_id = %(meeting)s"
    parts = [
        *_own_parts(),
        *_reference_parts(),
        _rows(SummaryExport, "t.meeting_id = %(meeting)s"),
        _rows(get_user_model(), f"t.id {_any(exports)}",
              columns="concat_ws(':', t.id, t.username, t.first_name, t.last_name)"),
        _rows(AdoptedRecord, "t.meeting_id = %(meeting)s"),
    ]
    status = f"(SELECT status FROM {_table(Meeting)} WHERE id = %(meeting)s)"
    return f"SELECT {status}, md5({' || '.join(parts)})"


def _execute_prepared(cursor, name: str, sql: str, meeting_id: int) -> None:
    """Run ``sql`` (one parameter, ``%(meeting)s``) as the prepared statement ``name`` of this
    database session, preparing it in the same round trip the first time.

    Planning twenty-odd subqueries costs PostgreSQL about as much as running them on a
    meeting of ordinary size; a prepared statement is planned once a session. A prepared
    statement outlives a rolled-back transaction and dies with the session, so what is
    prepared is kept per raw connection (a reconnect starts afresh). When the round trip
    fails (a lock or statement timeout), whether the PREPARE took is unknown: the next call
    asks ``pg_prepared_statements`` first. Not for a pooler in transaction mode (PgBouncer's),
    which would hand the statement's session to others.
    """
    raw = connection.connection
    if getattr(connection, "_smewg_prepared_on", None) is not raw:
        connection._smewg_prepared_on, connection._smewg_prepared = raw, {}
    prepared: dict[str, bool | None] = connection._smewg_prepared  # name: prepared (None: unknown)
    if name in prepared and prepared[name] is None:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = %s", [name])
        prepared[name] = bool(cursor.fetchone()[0])
    execute = f"EXECUTE {name}(%s)"
    if not prepared.get(name):
        execute = f"PREPARE {name}(bigint) AS {sql.replace('%(meeting)s', '$1')}; {execute}"
    try:
        cursor.execute(execute, [meeting_id])
    except Exception:
        prepared[name] = None
        raise
    prepared[name] = True


@functools.cache
def deploy_digest() -> str:
    """SHA-256 of ``deploy_files``, read once per process (a deploy starts new processes)."""
    return _files_digest(deploy_files())


def deploy_files() -> list[Path]:
    """The project's own Python and templates: its apps' folders and the template folders."""
    folders = [Path(config.path) for config in apps.get_app_configs() if "site-packages" not in config.path]
    folders += [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    return sorted({path for folder in folders for path in folder.rglob("*") if path.suffix in {".py", ".html"}})


def summary_fingerprint(meeting_id: int, annexes: Annexes = Annexes()) -> str:
    """The fingerprint of what a summary export of the meeting with these annexes draws (one query).

    An adopted meeting's export without annexes is its record of adoption alone, so later
    changes to live statuses do not make it render again; with annexes, the live record
    counts too (the annexes are drawn from it).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_fingerprint_sql(), {"meeting": meeting_id})
            status, adopted, live = cursor.fetchone()
    else:
        status, adopted, live = _fingerprint_parts_portable(meeting_id)
    frozen = status == MeetingStatus.ADOPTED and adopted != hashlib.md5(b"").hexdigest()
    parts = [renderer_digest(), f"annexes:{annexes.participants}:{annexes.documents}"]
    if frozen:
        parts.append(f"adopted:{adopted}")
    if not frozen or annexes != Annexes():
        parts.append(f"live:{live}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
