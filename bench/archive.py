"""A secretariat's archive at real scale, generated for benchmarks and scale checks.

``archive_build()`` adds to the current database, next to the demo's 14th SMEWG meeting
(loaded first if missing), 100 earlier and later SMEWG meetings as an archive imported from
old summaries would hold them:

- meetings 1-13 (1995-2001, twice a year) and 15-101 (August 2002, the 15th in Acapulco as
  the seed announces, to October 2026); all adopted except the 101st (summary drafted); and
  the 102nd, planned for 2027, with no record yet (the forum's "next meeting");
- 40,000 agreed actions, 400 a meeting: 40 agenda items of 10 actions, except the 100th
  (adopted) and the 101st (drafted) meetings, which have 200 agenda items of 2 actions (for
  the export and agenda-editor figures);
- about 80,000 responsibility rows (1 to 5 economies an action, some organisations, some
  "SMEWG Chair" or small groups), about 30,000 progress notes, about half the actions still
  open or in progress; due dates: a date, "by the next meeting", or none;
- two decisions an agenda item, attendance, 40-70 participants a meeting (sex recorded),
  five documents a meeting, one delegate user per economy and one Secretariat user (their
  passwords are random: a benchmark sets its own).

Rows go in with ``bulk_create`` (no history rows: an import would write none either), so it
takes well under a minute on PostgreSQL. It is deterministic for a given ``seed``.

From the command line, on the database named by ``DATABASE_URL`` (migrated first)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/smewg_bench python bench/archive.py

From Python, in a process where Django is set up::

    from bench.archive import archive_build
    archive = archive_build()   # an Archive: the meetings, the users, the counts
"""
import contextlib
import datetime
import io
import os
import random
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FORUM = "SMEWG"
FIRST_NUMBER, LAST_NUMBER, PLANNED_NUMBER = 1, 101, 102
DEMO_NUMBER = 14
ITEMS, ACTIONS_PER_ITEM = 40, 10
BIG_MEETINGS = (100, 101)  # 200 agenda items of 2 actions
BIG_ITEMS, BIG_ACTIONS_PER_ITEM = 200, 2
STAFF_USERNAME = "archive-staff"
DELEGATE_USERNAME = "archive-delegate-{code}"  # by economy code, lower case
BATCH = 2000

CITIES = [
    ("Sydney", "AUS"), ("Bandar Seri Begawan", "BD"), ("Vancouver", "CDA"), ("Santiago", "CHL"),
    ("Shenzhen", "PRC"), ("Hong Kong", "HKC"), ("Bali", "INA"), ("Osaka", "JPN"), ("Busan", "ROK"),
    ("Kuala Lumpur", "MAS"), ("Acapulco", "MEX"), ("Auckland", "NZ"), ("Port Moresby", "PNG"),
    ("Lima", "PE"), ("Manila", "PHL"), ("Vladivostok", "RUS"), ("Singapore", "SGP"),
    ("Taipei", "CT"), ("Bangkok", "THA"), ("Honolulu", "USA"), ("Da Nang", "VN"),
]
SUBJECTS = [
    "SME access to finance", "the Integrated Plan of Action for SMEs (SPAN)", "the Osaka Action Agenda",
    "micro-enterprises", "women-led SMEs", "e-commerce for SMEs", "SME internationalisation",
    "business incubators", "supply chain management", "the SME Ministerial Meeting",
    "the outreach program", "cooperation with ABAC", "the gender focal point network",
    "SME innovation centres", "the digital economy", "start-up ecosystems", "trade facilitation",
    "disaster resilience of SMEs", "the SME Business Ethics initiative", "green growth for SMEs",
]
ITEM_TITLES = [
    "Tasking Statement", "Work Plan", "Report on {s}", "Implementation of {s}", "Projects on {s}",
    "Interaction with the Private Sector", "Preparation for the Meeting of Ministers Responsible for SMEs",
    "Outreach Program", "Invitation to guests", "Reports from economies on {s}", "Policy dialogue on {s}",
]
ACTION_TEXTS = [
    "Circulate a revised proposal on {s} to members intersessionally.",
    "Report to the Group on progress with {s}.",
    "Prepare a concept note on {s} for endorsement.",
    "Coordinate the Group's work on {s} and report at the next meeting.",
    "Submit a project proposal on {s} for the next project session.",
    "Compile members' comments on the draft report on {s}.",
    "Invite the ABAC SME Task Force to present its recommendations on {s}.",
    "Issue a press release announcing the new initiatives on {s}.",
    "Update the work plan to reflect the discussion on {s}.",
    "Organise a workshop on {s} back-to-back with the next meeting.",
    "Keep a sex-disaggregated list of participants of the events on {s}.",
    "Seek SOM approval to invite the OECD to the discussion on {s}.",
]
DECISION_TEXTS = [
    ("agreed", "The Group agreed to work further on {s}."),
    ("noted", "The Group noted the report on {s}."),
    ("endorsed", "The Group endorsed the recommendations on {s}."),
    ("approved", "The Group approved the project proposal on {s}."),
    ("encouraged", "The Group encouraged economies to take part in the work on {s}."),
    ("established", "The Group established a small group on {s}."),
]
NOTE_TEXTS = [
    "A first draft is circulating among members.", "Consultations with the ministries are under way.",
    "The workshop took place; the report is being finalised.", "Circulated to members; comments received.",
    "Submitted to the Secretariat.", "Presented at the intersessional meeting.",
    "Delayed: waiting for SOM approval.", "Completed and reported to the Group.",
]
OTHER_BODIES = ["SMEWG Chair", "SMEWG Chair", "APEC Secretariat", "Small group on SPAN and OAA", "Lead Shepherd"]
FIRST_NAMES_F = ["Ana", "Maria", "Li", "Siti", "Yuki", "Kim", "Olga", "Sarah", "Nguyen Thi", "Carmen", "Aroha", "Mei"]
FIRST_NAMES_M = ["John", "Carlos", "Wei", "Ahmad", "Hiroshi", "Park", "Ivan", "David", "Tran Van", "Jorge", "Tane", "Somchai"]
LAST_NAMES = [
    "Smith", "Gonzalez", "Chen", "Rahman", "Tanaka", "Lee", "Petrov", "Brown", "Nguyen", "Reyes",
    "Wong", "Santos", "Kumar", "Walker", "Lim", "Ortiz", "Sato", "Ivanova", "Tan", "Mendoza",
]


@dataclass
class Archive:
    """What ``archive_build`` made (or found): meeting ids by number, the users, the counts."""

    forum_id: int
    meetings: dict[int, int]  # number -> id, the demo's 14th and the planned 102nd included
    staff_id: int
    delegate_ids: dict[str, int]  # economy code -> user id
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    created: bool = True

    @property
    def big_adopted_id(self) -> int:
        """The adopted meeting with 200 agenda items."""
        return self.meetings[BIG_MEETINGS[0]]

    @property
    def big_draft_id(self) -> int:
        """The meeting with 200 agenda items whose summary is a draft (editable)."""
        return self.meetings[BIG_MEETINGS[1]]

    @property
    def demo_id(self) -> int:
        return self.meetings[DEMO_NUMBER]


def meeting_dates(number: int) -> datetime.date:
    """The start date of the archive's meeting ``number`` (1-101, and 102 planned)."""
    if number < DEMO_NUMBER:
        return datetime.date(1995, 9, 4) + datetime.timedelta(days=round((number - 1) * 182.6))
    if number == PLANNED_NUMBER:
        return datetime.date(2027, 4, 12)
    # 15th: 20 August 2002 (Acapulco); 101st: October 2026.
    span = (datetime.date(2026, 10, 5) - datetime.date(2002, 8, 20)).days
    return datetime.date(2002, 8, 20) + datetime.timedelta(days=round((number - 15) * span / (LAST_NUMBER - 15)))


@contextlib.contextmanager
def _timestamps_as_given(*models):
    """Let bulk_create keep the ``created``/``modified`` values set on the objects.

    ``auto_now``/``auto_now_add`` would stamp every generated row with the time of the run,
    and the archive's rows are twenty years old.
    """
    saved = []
    for model in models:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                saved.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(rng.randint(1, 9), rng.randint(0, 59)), datetime.UTC)


def _existing(forum) -> "Archive | None":
    from django.contrib.auth.models import User

    from meetings.models import Meeting

    meetings = dict(Meeting.objects.filter(forum=forum).values_list("number", "id"))
    if FIRST_NUMBER not in meetings:
        return None
    delegates = {
        username.removeprefix("archive-delegate-").upper(): pk
        for username, pk in User.objects.filter(username__startswith="archive-delegate-").values_list("username", "id")
    }
    staff = User.objects.get(username=STAFF_USERNAME)
    return Archive(forum.pk, meetings, staff.pk, delegates, counts=archive_counts(), created=False)


def archive_counts() -> dict[str, int]:
    """Rows of the forum's record, by kind (the demo's included)."""
    from meetings.models import Action, AgendaItem, Attendance, Decision, Document, Meeting, Participant, ProgressNote

    open_statuses = ("open", "in_progress")
    return {
        "meetings": Meeting.objects.count(),
        "agenda items": AgendaItem.objects.count(),
        "decisions": Decision.objects.count(),
        "agreed actions": Action.objects.count(),
        "  still open or in progress": Action.objects.filter(status__in=open_statuses).count(),
        "  due by the next meeting": Action.objects.filter(due_next_meeting=True).count(),
        "  with a due date": Action.objects.filter(due_date__isnull=False).count(),
        "responsible economies (rows)": Action.responsible_economies.through.objects.count(),
        "responsible organisations (rows)": Action.responsible_organisations.through.objects.count(),
        "progress notes": ProgressNote.objects.count(),
        "attendance rows": Attendance.objects.count(),
        "participants": Participant.objects.count(),
        "documents": Document.objects.count(),
    }


def archive_build(
    *, seed: int = 2002, items: int = ITEMS, actions_per_item: int = ACTIONS_PER_ITEM, big_items: int = BIG_ITEMS,
    analyze: bool = True,
) -> Archive:
    """Add the archive to the database (once: a second call finds it and returns it).

    ``items``, ``actions_per_item`` and ``big_items`` shrink it for the test of the generator;
    ``analyze=False`` leaves the planner's statistics alone (ANALYZE is not rolled back with a
    test's transaction, and would change the plans of the tests that follow).
    """
    from django.db import transaction
    from django.test import override_settings

    from accounts.models import Role
    from accounts.services import user_create_with_role
    from meetings.demo import demo_load
    from meetings.models import (
        Action, AgendaItem, Attendance, Decision, Document, Economy, Forum, Meeting, MeetingStatus,
        Organisation, Participant, ProgressNote,
    )

    started = time.perf_counter()
    demo_meeting, _ = demo_load()
    forum = Forum.objects.get(code=FORUM)
    found = _existing(forum)
    if found is not None:
        return found
    rng = random.Random(seed)
    economies = list(Economy.objects.order_by("position"))
    by_code = {economy.code: economy for economy in economies}
    organisations = list(Organisation.objects.order_by("name"))
    secretariat = next((o for o in organisations if o.kind == "secretariat"), organisations[0])

    # The users' passwords are random and never used: a fast hasher spares 22 slow hashes.
    with transaction.atomic(), override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        _fast_commit()
        staff = user_create_with_role(
            username=STAFF_USERNAME, password=secrets.token_urlsafe(16), role=Role.SECRETARIAT,
            email="archive-staff@example.org", first_name="Archive", last_name="Secretariat",
        )
        delegates = {
            economy.code: user_create_with_role(
                username=DELEGATE_USERNAME.format(code=economy.code.lower()), password=secrets.token_urlsafe(16),
                role=Role.DELEGATE, economy=economy, email=f"delegate-{economy.code.lower()}@example.org",
                first_name="Delegate of", last_name=economy.name,
            )
            for economy in economies
        }

        # Meetings.
        numbers = [n for n in range(FIRST_NUMBER, PLANNED_NUMBER + 1) if n != DEMO_NUMBER]
        meetings = []
        for number in numbers:
            start = meeting_dates(number)
            city, host = CITIES[number % len(CITIES)]
            chair = rng.choice(economies)
            status = MeetingStatus.ADOPTED
            if number == BIG_MEETINGS[1]:
                status = MeetingStatus.DRAFTED
            elif number == PLANNED_NUMBER:
                status = MeetingStatus.PLANNED
            meetings.append(Meeting(
                forum=forum, number=number, city=city, host_economy=by_code.get(host), start_date=start,
                end_date=start + datetime.timedelta(days=2), chair_name=f"Mr. {rng.choice(LAST_NAMES)}",
                chair_title="Director General for SMEs", chair_economy=chair, status=status,
                created=_at(start, rng), modified=_at(start + datetime.timedelta(days=30), rng),
            ))
        with _timestamps_as_given(Meeting):
            Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        recorded = [m for m in meetings if m.number != PLANNED_NUMBER]
        next_start = {m.number: meeting_dates(m.number + 1) for m in recorded}
        next_start[DEMO_NUMBER - 1] = demo_meeting.start_date

        # Attendance, participants, documents.
        attendances, participants, documents = [], [], []
        for meeting in recorded:
            present = rng.sample(economies, rng.randint(15, 21))
            attendances += [Attendance(meeting=meeting, economy=e, capacity="member") for e in present]
            attendances += [
                Attendance(meeting=meeting, organisation=o, capacity="secretariat" if o.kind == "secretariat" else "observer")
                for o in rng.sample(organisations, min(len(organisations), rng.randint(2, 4)))
            ]
            women_share = 0.25 + 0.25 * (meeting.number / LAST_NUMBER)
            for k in range(rng.randint(40, 70)):
                economy = present[k % len(present)]
                female = rng.random() < women_share
                first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
                participants.append(Participant(
                    meeting=meeting, name=f"{'Ms.' if female else 'Mr.'} {first} {rng.choice(LAST_NAMES)} {k + 1}",
                    title="Director", employer="Ministry of Economy", economy=economy,
                    sex="female" if female else "male", role="head" if k < len(present) else "delegate",
                ))
            for k in range(1, 6):
                documents.append(Document(
                    meeting=meeting, symbol=f"{meeting.start_date.year}/SMEWG{meeting.number}/{k:03d}",
                    title=f"Report on {rng.choice(SUBJECTS)}", submitted_by_economy=rng.choice(present),
                    purpose=rng.choice(["information", "discussion", "decision"]),
                ))
        Attendance.objects.bulk_create(attendances, batch_size=BATCH)
        Participant.objects.bulk_create(participants, batch_size=BATCH)
        with _timestamps_as_given(Document):
            for document in documents:
                document.created = _at(document.meeting.start_date, rng)
            Document.objects.bulk_create(documents, batch_size=BATCH)

        # Agenda items and decisions.
        agenda_items = []
        for meeting in recorded:
            count = big_items if meeting.number in BIG_MEETINGS else items
            for position in range(1, count + 1):
                title = ITEM_TITLES[(position - 1) % len(ITEM_TITLES)].format(s=rng.choice(SUBJECTS))
                agenda_items.append(AgendaItem(
                    meeting=meeting, position=position, title=title[:250],
                    text=f"The Group discussed {rng.choice(SUBJECTS)}.\n\n- Members reported on their work.\n"
                    f"- The Chair summarised the discussion.",
                ))
        AgendaItem.objects.bulk_create(agenda_items, batch_size=BATCH)
        decisions = []
        for item in agenda_items:
            for position in (1, 2):
                kind, text = rng.choice(DECISION_TEXTS)
                decisions.append(Decision(agenda_item=item, position=position, kind=kind, text=text.format(s=rng.choice(SUBJECTS))))
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        decisions_of = {}
        for decision in decisions:
            decisions_of.setdefault(decision.agenda_item.pk, []).append(decision)

        # Agreed actions, with what happened to them since.
        actions, economies_of, notes = [], [], []
        now = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)
        for item in agenda_items:
            meeting = item.meeting
            per_item = BIG_ACTIONS_PER_ITEM if meeting.number in BIG_MEETINGS else actions_per_item
            end = meeting.end_date
            age = (now.date() - end).days / 365.25
            for position in range(1, per_item + 1):
                roll = rng.random()
                due_date, due_next = None, False
                if roll < 0.35:
                    due_next = True
                elif roll < 0.80:
                    month_end = end + datetime.timedelta(days=rng.randint(30, 540))
                    due_date = month_end if rng.random() < 0.5 else month_end.replace(day=1) - datetime.timedelta(days=1)
                # About half still open; recent meetings' more so.
                finished = rng.random() < min(0.7, 0.2 + age / 45)
                if meeting.status != MeetingStatus.ADOPTED:
                    finished = False
                if finished:
                    status = "dropped" if rng.random() < 0.15 else "done"
                else:
                    status = "in_progress" if rng.random() < 0.3 else "open"
                width = rng.choices([0, 1, 2, 3, 4, 5], weights=[6, 28, 34, 20, 8, 4])[0]
                responsible = rng.sample(economies, width)
                other = ""
                if width == 0 or rng.random() < 0.12:
                    other = rng.choice(OTHER_BODIES)
                created = _at(end, rng)
                action = Action(
                    agenda_item=item, decision=rng.choice(decisions_of[item.pk]) if rng.random() < 0.8 else None,
                    position=position, text=rng.choice(ACTION_TEXTS).format(s=rng.choice(SUBJECTS)),
                    responsible_other=other, due_date=due_date, due_next_meeting=due_next, status=status,
                    created=created, modified=created,
                )
                actions.append(action)
                economies_of.append(responsible)
                # Progress notes: one or two on finished and in-progress actions, a few on open ones.
                horizon = due_date or next_start[meeting.number]
                horizon = min(max(horizon, end + datetime.timedelta(days=20)), now.date())
                if status in ("done", "dropped", "in_progress"):
                    count = rng.choice([1, 1, 1, 2]) if status != "dropped" else 1
                elif rng.random() < 0.08:
                    count = 1
                else:
                    count = 0
                author_pool = [delegates[e.code] for e in responsible] or [staff]
                before = "open"
                when = created
                for k in range(count):
                    span = max(1, (horizon - when.date()).days)
                    when = when + datetime.timedelta(days=rng.randint(1, span), hours=rng.randint(0, 8))
                    when = min(when, now)
                    last = k == count - 1
                    after = status if last and status != "open" else ("in_progress" if status != "open" else "")
                    text = rng.choice(NOTE_TEXTS) if (not last or status != "dropped") else "Dropped: overtaken by events."
                    notes.append((action, ProgressNote(
                        author=rng.choice(author_pool), text=text, status_before=before if after else "",
                        status_after=after if after != before else "", created=when,
                    )))
                    if after:
                        before = after
                action.modified = when
        with _timestamps_as_given(Action, ProgressNote):
            Action.objects.bulk_create(actions, batch_size=BATCH)
            for action, note in notes:
                note.action = action
            ProgressNote.objects.bulk_create([note for _, note in notes], batch_size=BATCH)
        _copy_rows(
            Action.responsible_economies.through, ["action_id", "economy_id"],
            ((action.pk, e.pk) for action, responsible in zip(actions, economies_of) for e in responsible),
        )
        _copy_rows(
            Action.responsible_organisations.through, ["action_id", "organisation_id"],
            ((a.pk, secretariat.pk) for a in actions if "Secretariat" in a.responsible_other),
        )
        Action.objects.filter(pk__in=[a.pk for a in actions if "Secretariat" in a.responsible_other]).update(responsible_other="")
        _archive_refresh(forum, analyze=analyze)

    archive = Archive(
        forum.pk, {m.number: m.pk for m in meetings} | {DEMO_NUMBER: demo_meeting.pk}, staff.pk,
        {code: user.pk for code, user in delegates.items()}, counts=archive_counts(),
    )
    archive.seconds = time.perf_counter() - started
    return archive


def _fast_commit() -> None:
    """Generated rows can be generated again: no need to wait for the WAL flush at commit."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _copy_rows(model, fields: list[str], rows) -> None:
    """Insert plain rows with PostgreSQL's COPY (the many-to-many rows: 80,000 model
    instances would take most of the build's time); ``bulk_create`` elsewhere."""
    from django.db import connection

    rows = list(rows)
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(fields, row))) for row in rows], batch_size=BATCH)
        return
    columns = [model._meta.get_field(name).column for name in fields]
    data = io.StringIO("".join("\t".join(str(value) for value in row) + "\n" for row in rows))
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", data)


def _archive_refresh(forum, *, analyze: bool) -> None:
    """Derived data the app keeps about a forum's record, recomputed after a bulk insert."""
    from django.db import connection

    from meetings.derived import actions_latest_note_refresh, meetings_next_start_refresh

    meetings_next_start_refresh(forum_id=forum.pk)
    actions_latest_note_refresh()

    if analyze and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def database_ensure(url: str) -> None:
    """Create the PostgreSQL database ``url`` names when it does not exist yet."""
    from urllib.parse import urlsplit

    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = {"host": parts.hostname, "port": parts.port or 5432, "user": parts.username, "password": parts.password}
    connection = psycopg2.connect(dbname="postgres", **server)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def django_setup_on(url: str) -> None:
    """Set Django up on the PostgreSQL database ``url`` (created if missing, then migrated)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewg.settings")
    os.environ.setdefault("ALLOW_INSECURE_KEY", "1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("STATIC_MANIFEST", "0")  # the summary's CSS from the app, no collectstatic needed
    database_ensure(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def django_setup_from_environment() -> bool:
    """Django on the PostgreSQL database ``DATABASE_URL`` names (``django_setup_on``); False,
    having said what to set, when it names none (the benchmarks' common start)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/smewg_bench")
        return False
    django_setup_on(url)
    return True


def main(argv: list[str]) -> int:
    if not django_setup_from_environment():
        return 2
    from django.db import connection

    archive = archive_build()
    verb = f"built in {archive.seconds:.1f} s" if archive.created else "already there; nothing added"
    print(f"Archive on database {connection.settings_dict['NAME']}: {verb}")
    print(f"  SMEWG meetings {min(archive.meetings)}-{max(archive.meetings)} (the demo's 14th included; "
          f"{PLANNED_NUMBER} planned); 200-item meetings: "
          f"{BIG_MEETINGS[0]} (adopted, id {archive.big_adopted_id}), {BIG_MEETINGS[1]} (drafted, id {archive.big_draft_id})")
    for name, count in archive.counts.items():
        print(f"  {name:<34} {count:>8,}")
    print(f"  users: {STAFF_USERNAME} (Secretariat), {DELEGATE_USERNAME} for each of {len(archive.delegate_ids)} economies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
