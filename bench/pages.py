"""Survey of every page on the 40,000-action archive (``make bench``).

Run as ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/smewg_bench python bench/pages.py``.
Builds (or finds) the archive of ``bench/archive.py`` on the PostgreSQL database named by
``DATABASE_URL``, then GETs every URL name of the URLconf (read from it, as the permission
matrix of ``tests/test_permission_matrix.py`` does, so a new page is surveyed without a
change here) as the Secretariat, the Chair and a delegate of Mexico, through Django's test
client. A page of a meeting is fetched for the 14th meeting (the demo), the 100th (200
agenda items, adopted) and the 101st (200 items, summary drafted).

Each cell is the median of ``BENCH_RUNS`` runs (default 5, ``timed`` of bench/scale.py):
milliseconds, SQL queries, kB and the HTTP status. A page over 150 ms, or over 500 kB, is
flagged; downloads (CSV, calendar, PDF, Word) are listed for completeness, their targets are
bench/scale.py's. ``BENCH_PAGES=agenda,detail`` surveys only the URL names containing one of
those words.

What a page needs that the archive lacks is added once, through the app's own services:
a Chair user (``archive-chair``), the 101st meeting's review list, a PDF export of the
101st, the 100th published, an import draft of the 14th's summary, calendar tokens.
"""
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.archive import (  # noqa: E402
    BIG_MEETINGS,
    DELEGATE_USERNAME,
    DEMO_NUMBER,
    archive_build,
    django_setup_from_environment,
)

PAGE_MS, PAGE_KB = 150, 500  # bench/scale.py's page target, and a page no one should download
CHAIR_USERNAME = "archive-chair"
DELEGATE_CODE = "mex"
MEETINGS = {DEMO_NUMBER: "14th", BIG_MEETINGS[0]: "100th adopted", BIG_MEETINGS[1]: "101st draft"}
# URL names (or their ends) that answer a file or JSON, not a page.
DOWNLOADS = ("_csv", "_download", "participant_export", "_template", "word_copy", "calendar_feed", "status_json")
ONLY = [word for word in os.environ.get("BENCH_PAGES", "").split(",") if word]


def _chair():
    from django.contrib.auth.models import User

    from accounts.models import Role
    from accounts.services import user_create_with_role

    chair = User.objects.filter(groups__name=Role.CHAIR).first()
    return chair or user_create_with_role(username=CHAIR_USERNAME, password=None, role=Role.CHAIR,
                                          email="archive-chair@example.org", first_name="Archive",
                                          last_name="Chair")


class Objects:
    """Real rows of the archive for every URL parameter, per meeting; missing ones made once."""

    def __init__(self, archive, users: dict):
        from accounts.services import profile_calendar_token_issue
        from meetings.models import Action, ImportDraft, Meeting, ReviewEntry, SummaryExport
        from meetings.publication import public_summary_token
        from meetings.services.meeting import meeting_publish_summary
        from meetings.services.review import review_list_refresh
        from meetings.services.summary import summary_export_request
        from projects.models import Project

        staff = users["Secretariat"]
        adopted, draft = (Meeting.objects.get(pk=archive.meetings[number]) for number in BIG_MEETINGS)
        if not ReviewEntry.objects.filter(meeting=draft).exists():
            review_list_refresh(meeting=draft, user=staff)
        if not SummaryExport.objects.filter(meeting=draft).exists():
            summary_export_request(meeting=draft, user=staff)
        meeting_publish_summary(meeting=adopted, user=staff, public=True)
        if not ImportDraft.objects.exists():
            _import_draft()
        self.archive = archive
        self.import_draft = ImportDraft.objects.order_by("pk").first()
        self.project = Project.objects.order_by("pk").first()
        # An action of Mexico's in an adopted meeting: one the delegate may open.
        mexicos = Action.objects.filter(responsible_economies__code="MEX", agenda_item__meeting__status="adopted")
        self.action = mexicos.filter(agenda_item__meeting=adopted).first() or mexicos.first()
        self.public_token = public_summary_token(Meeting.objects.get(pk=adopted.pk))
        self.calendar_token = profile_calendar_token_issue(user=users["delegate MEX"])
        self.per_meeting = {number: self._of_meeting(archive.meetings[number]) for number in MEETINGS}

    def _of_meeting(self, meeting_id: int) -> dict:
        from meetings.models import Action, AdoptedRecord, AgendaItem, Decision, Document, Participant, ReviewEntry
        from meetings.models import SummaryExport
        from projects.models import ProjectReport

        def first(model, **filters):
            return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()

        item = AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position").first()
        return {
            "pk": meeting_id, "item_pk": item.pk,
            "participant_pk": first(Participant, meeting_id=meeting_id),
            "report_pk": first(ProjectReport, meeting_id=meeting_id),
            "document_pk": first(Document, meeting_id=meeting_id),
            "record_id": first(AdoptedRecord, meeting_id=meeting_id),
            "export_id": first(SummaryExport, meeting_id=meeting_id),
            "entry_pk": first(ReviewEntry, meeting_id=meeting_id),
            "decision": first(Decision, agenda_item=item), "action": first(Action, agenda_item=item),
        }

    def kwargs(self, name: str, params: list[str], number: int | None) -> dict | None:
        """The URL's arguments, or None when the archive has no row for one of them."""
        # A page of one object outside a meeting's URL (a document, an export) takes the 101st's.
        objects = dict(self.per_meeting[number or BIG_MEETINGS[1]])
        objects.update(forum_code="SMEWG", chart="attendance", uidb64="MQ", token="set-password")
        if name == "public_summary":
            objects["token"] = self.public_token
        elif name == "meetings:actions_calendar_feed":
            objects["token"] = self.calendar_token
        if name in ("meetings:action_detail", "meetings:action_review_carry"):
            objects["pk"] = getattr(self.action, "pk", None)
        elif name.startswith("projects:"):
            objects["pk"] = getattr(self.project, "pk", None)
        elif name.startswith("meetings:import_"):
            objects["pk"] = getattr(self.import_draft, "pk", None)
        if "object_pk" in params:
            objects["object_pk"] = objects["action"] if "_action" in name else objects["decision"]
        kwargs = {param: objects.get(param) for param in params}
        return None if None in kwargs.values() else kwargs


def _import_draft() -> None:
    from meetings.models import Forum
    from meetings.services.importer import SummaryFile, summary_drafts_create

    data = (ROOT / "tests/meetings/summaries/seed/smewg14-chairs-summary.txt").read_bytes()
    summary_drafts_create(files=[SummaryFile(name="smewg14-chairs-summary.txt", size=len(data), read=lambda: data)],
                          forum=Forum.objects.get(code="SMEWG"))


def _meeting_scoped(name: str, params: list[str]) -> bool:
    others = ("meetings:action_", "meetings:import_", "projects:")
    return bool({"pk", "record_id", "export_id"} & set(params)) and not name.startswith(others)


def _answers_get(name: str) -> bool:
    """False for a URL the Secretariat may only POST to (405 on GET in the permission matrix)."""
    from tests.test_permission_matrix import expected

    return all(expected(name, variant)[0][-1] != "M" for variant in ("draft", "adopted"))


def survey_rows(objects: Objects, patterns: dict[str, list[str]]):
    """(label, url) of every GET page to survey, in URL-name order."""
    from django.urls import reverse

    for name, params in sorted(patterns.items()):
        if (ONLY and not any(word in name for word in ONLY)) or not _answers_get(name):
            continue
        if name == "favicon.ico":
            yield name, "/favicon.ico"
            continue
        for number in (MEETINGS if _meeting_scoped(name, params) else [None]):
            label = f"{name} ({MEETINGS[number]})" if number else name
            kwargs = objects.kwargs(name, params, number)
            yield label, None if kwargs is None else reverse(name, kwargs=kwargs)


def cell(figures) -> str:
    median, _slowest, status, queries, size = figures
    return f"{median:6.0f} ms {queries:3} q {size / 1024:6.0f} kB {status}"


def verdict(label: str, results: list) -> str:
    if any(word in label for word in DOWNLOADS):
        return "  (download)"
    slow = any(figures[0] > PAGE_MS and figures[2] == 200 for figures in results)
    large = any(figures[4] > PAGE_KB * 1024 for figures in results)
    return "".join((f"  OVER {PAGE_MS} ms" if slow else "", f"  OVER {PAGE_KB} kB" if large else ""))


def survey_users(archive) -> dict:
    """The survey's roles and their users: the archive's Secretariat, a Chair, a delegate of Mexico."""
    from django.contrib.auth.models import User

    return {"Secretariat": User.objects.get(pk=archive.staff_id), "Chair": _chair(),
            "delegate MEX": User.objects.get(username=DELEGATE_USERNAME.format(code=DELEGATE_CODE))}


def main() -> int:
    # bench/scale.py sets the benchmarks' environment (no broker, no HTTPS) when imported,
    # so it is imported here, before Django, and not by the tests that import this module.
    from bench.scale import RUNS, timed

    if not django_setup_from_environment():
        return 2
    # Refused requests (403, 404, 405) are part of the survey, not news.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.test import Client

    from meetings.models import Action
    from tests.test_permission_matrix import _patterns

    archive = archive_build()
    users = survey_users(archive)
    objects = Objects(archive, users)
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    print(f"Every page on {Action.objects.count():,} agreed actions ({len(archive.meetings)} SMEWG meetings); "
          f"median of {RUNS} runs; flagged: over {PAGE_MS} ms or {PAGE_KB} kB")
    print(f"  {'page':<52}" + "".join(f" {role:<28}" for role in clients))
    flagged = []
    for label, url in survey_rows(objects, _patterns()):
        if url is None:
            print(f"  {label:<52} skipped: the archive has no row for its URL")
            continue
        results = [timed(client, url) for client in clients.values()]
        mark = verdict(label, results)
        print(f"  {label:<52}" + "".join(f" {cell(figures):<28}" for figures in results) + mark, flush=True)
        if "OVER" in mark:
            flagged.append(f"{label}{mark}")
    print(f"Flagged: {len(flagged)}")
    for text in flagged:
        print(f"  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
