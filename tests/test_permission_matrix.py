"""Who gets what from every URL: each pattern × seven roles × GET and POST, over a draft and
an adopted meeting (issue 11).

The URL patterns are read from the URLconf, so a new URL without a row in ``MATRIX`` fails
``test_every_url_has_a_row``. Each row gives, for GET and for POST, one letter a role, in the
order of ``ROLES``:

    2  200            3  a redirect elsewhere (the form worked)    L  a redirect to sign-in
    F  403            N  404 (as if it did not exist)              M  405 (read-only page)
    B  400

A row is either ``(get, post)`` for both meetings or ``{"draft": (...), "adopted": (...)}``.
Each request runs in a transaction that is rolled back, so a POST changes nothing for the
next; streamed bodies are read to the end (a stream that fails fails here).

The read rule behind the letters is in ``meetings/selectors.py``: the Secretariat and the
Chair read everything; a delegate reads adopted records and their own economy's actions of
adopted meetings; what a user may not know about is 404; a page a role may never use is 403
whatever the id, so it tells nothing either.
"""
import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from accounts.services import profile_calendar_token_issue
from meetings.models import AdoptedRecord, ImportDraft, ReviewEntry, SummaryExport
from meetings.publication import public_summary_token
from projects.models import ProjectReport
from tests.conftest import _user
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

# anonymous, signed in with no role, delegate of Mexico, a second delegate of Mexico,
# delegate of Chile, chair, Secretariat.
ROLES = ("anonymous", "norole", "mex", "mex2", "chl", "chair", "sec")

MATRIX = {
    # Signing in and the public link
    "favicon.ico": ("3333333", "3333333"),
    "healthz": ("2222222", "MMMMMMM"),  # for the proxy: no sign-in, nothing secret
    "home": ("L333333", "LMMMMMM"),
    "login": ("2222222", "2222222"),
    "logout": ("MMMMMMM", "LLLLLLL"),
    "password_change": ("L222222", "L222222"),
    "password_change_done": ("L222222", "LMMMMMM"),
    "password_reset": ("2222222", "2222222"),
    "password_reset_complete": ("2222222", "MMMMMMM"),
    "password_reset_confirm": ("2222222", "2222222"),
    "password_reset_done": ("2222222", "MMMMMMM"),
    "public_summary": {"draft": ("NNNNNNN", "MMMMMMM"), "adopted": ("2222222", "MMMMMMM")},
    "reminder_settings": ("L222222", "L333333"),
    # Meetings and their records. An adopted record is frozen: its edit pages refuse everyone.
    "meetings:adopted_record_download": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:agenda": {"draft": ("LFFFFF2", "LFFFFF2"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_action": {"draft": ("LFFFFF3", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_action_add": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_action_delete": {"draft": ("LFFFFF2", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_action_edit": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_block_move": {"draft": ("LFFFFFM", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_decision": {"draft": ("LFFFFF3", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_decision_add": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_decision_delete": {"draft": ("LFFFFF2", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_decision_edit": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_item": {"draft": ("LFFFFF3", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_item_add": {"draft": ("LFFFFF3", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_item_delete": {"draft": ("LFFFFF2", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_item_edit": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_item_move": {"draft": ("LFFFFFM", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_project_link": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:agenda_project_unlink": {"draft": ("LFFFFFM", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:attendance": {"draft": ("LFFFFF2", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:attendance_copy": {"draft": ("LFFFFF2", "LFFFFF2"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:chair_queue": ("LFFFF22", "LFFFFMM"),
    "meetings:create": ("LFFFFF2", "LFFFFF2"),
    "meetings:detail": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:document_delete": {"draft": ("LFFFFF2", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:document_download": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:document_edit": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:documents": {"draft": ("LFFFFF2", "LFFFFFB"), "adopted": ("LFFFFF2", "LFFFFFF")},
    "meetings:edit": {"draft": ("LFFFFF2", "LFFFFF2"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:history": ("LFFFF22", "LFFFFMM"),
    "meetings:import": ("LFFFFF2", "LFFFFF2"),
    "meetings:import_discard": ("LFFFFFM", "LFFFFF3"),
    "meetings:import_drafts": ("LFFFFF2", "LFFFFFM"),
    "meetings:import_review": ("LFFFFF3", "LFFFFF3"),
    "meetings:list": ("LF22222", "LFMMMMM"),
    "meetings:my_economy": ("LF22222", "LFMMMMM"),
    "meetings:participant_create": {"draft": ("LFFFFF2", "LFFFFF2"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:participant_delete": {"draft": ("LFFFFF2", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:participant_edit": {"draft": ("LFFFFF2", "LFFFFF2"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:participant_export": ("LFFFF22", "LFFFFMM"),
    "meetings:participant_import": {"draft": ("LFFFFF2", "LFFFFF2"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:participant_template": ("LFFFFF2", "LFFFFFM"),
    "meetings:participants": ("LFFFF22", "LFFFFMM"),
    "meetings:review_add": {"draft": ("LFFFFFM", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:review_record": {"draft": ("LFFFFF2", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:review_refresh": {"draft": ("LFFFFFM", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:review_remove": {"draft": ("LFFFFFM", "LFFFFF3"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:review_search": {"draft": ("LFFFFF2", "LFFFFFM"), "adopted": ("LFFFFFF", "LFFFFFF")},
    "meetings:review_section": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:status": ("LFFFFF2", "LFFFFF2"),
    "meetings:summary_export": ("LFFFFMM", "LFFFF33"),
    "meetings:summary_export_download": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:summary_export_start_again": ("LFFFFMM", "LFFFF33"),
    "meetings:summary_export_status": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:summary_export_status_json": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:summary_preview": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    "meetings:summary_publish": ("LFFFFFM", "LFFFFF3"),
    "meetings:summary_word_copy": {"draft": ("LFNNN22", "LFMMMMM"), "adopted": ("LF22222", "LFMMMMM")},
    # Agreed actions: a delegate opens their own economy's, of adopted meetings; the chair reads.
    "meetings:action_detail": {"draft": ("LFNNN22", "LFNNNF2"), "adopted": ("LF22N22", "LF22NF2")},
    "meetings:action_review_carry": ("LFFFFFM", "LFFFFF3"),
    "meetings:actions": ("LF22222", "LFMMMMM"),
    "meetings:actions_calendar_feed": ("2222222", "MMMMMMM"),  # the URL's secret is the credential
    "meetings:actions_calendar_token": ("LFMMMMM", "LF33333"),
    "meetings:actions_csv": ("LF22222", "LFMMMMM"),
    # Projects and numbers: every role reads; what they show of drafts and of other economies
    # is in tests/meetings/test_read_rule.py.
    "insights:numbers": ("LF22222", "LFMMMMM"),
    "insights:numbers_csv": ("LF22222", "LFMMMMM"),
    "insights:numbers_default": ("LF33333", "LFMMMMM"),
    "insights:search": ("LF22222", "LFMMMMM"),
    "projects:create": ("LFFFFF2", "LFFFFF2"),
    "projects:detail": ("LF22222", "LFMMMMM"),
    "projects:edit": ("LFFFFF2", "LFFFFF2"),
    "projects:list": ("LF22222", "LFMMMMM"),
}


class World:
    """A draft or adopted meeting with one of everything, an earlier adopted meeting whose
    action it reviews, a project reported on at it, and the seven users."""

    def __init__(self, variant: str):
        self.users = {
            "norole": _norole(),
            "mex": _user("mex", "Delegate", "MEX"),
            "mex2": _user("mex2", "Delegate", "MEX"),
            "chl": _user("chl", "Delegate", "CHL"),
            "chair": _user("chair", "Chair"),
            "sec": _user("sec", "Secretariat"),
        }
        earlier = MeetingFactory(number=13, status="adopted", start_date=datetime.date(2001, 6, 10),
                                 end_date=datetime.date(2001, 6, 12))
        earlier_action = ActionFactory(agenda_item=AgendaItemFactory(meeting=earlier), economies=["MEX"])
        status = "adopted" if variant == "adopted" else "drafted"
        # Published: the link answers while the meeting is adopted (the draft's was withdrawn by reopening).
        self.meeting = meeting = MeetingFactory(number=15, status=status, summary_is_public=True,
                                                summary_public_nonce="matrix-publication")
        self.item = AgendaItemFactory(meeting=meeting, position=1, title="Enhancing SPAN")
        self.decision = DecisionFactory(agenda_item=self.item, text="The Group agreed to revise SPAN.")
        self.action = ActionFactory(agenda_item=self.item, decision=self.decision, text="Revise SPAN",
                                    economies=["MEX"])
        self.participant = ParticipantFactory(meeting=meeting)
        self.document = DocumentFactory(meeting=meeting, file=ContentFile(b"%PDF-1.7 paper", name="paper.pdf"))
        self.entry = ReviewEntry.objects.create(meeting=meeting, action=earlier_action, source="hand")
        self.export = SummaryExport.objects.create(
            meeting=meeting, requested_by=self.users["sec"], status="done", is_draft=variant == "draft",
            file=ContentFile(b"%PDF-1.7 test", name="summary.pdf"), page_count=1, content_hash="0" * 64,
        )
        # A draft meeting's record of adoption is one it had before the record was reopened.
        self.record = AdoptedRecord.objects.create(
            meeting=meeting, adopted_on=datetime.date(2002, 8, 21), adopted_by=self.users["chair"],
            html=ContentFile(b"<html><body>Adopted</body></html>", name="adopted.html"),
            pdf=ContentFile(b"%PDF-1.7 adopted", name="adopted.pdf"), page_count=1,
        )
        self.project = ProjectFactory(title="SME finance")
        self.report = ProjectReport.objects.create(project=self.project, meeting=meeting, agenda_item=self.item,
                                                   kind="reported")
        self.import_draft = ImportDraft.objects.create(forum=meeting.forum, uploaded_by=self.users["sec"],
                                                       filename="summary.docx", status="pending")
        self.calendar_token = profile_calendar_token_issue(user=self.users["mex"])

    def kwargs(self, name: str, params) -> dict:
        meeting_objects = {
            "participant_pk": self.participant.pk, "item_pk": self.item.pk, "report_pk": self.report.pk,
            "document_pk": self.document.pk, "record_id": self.record.pk, "export_id": self.export.pk,
            "entry_pk": self.entry.pk, "forum_code": "SMEWG", "chart": "attendance",
            "uidb64": "MQ", "token": "set-password",
        }
        kwargs = {param: meeting_objects[param] for param in params if param in meeting_objects}
        if "pk" in params:
            kwargs["pk"] = self.meeting.pk
            if name in ("meetings:action_detail", "meetings:action_review_carry"):
                kwargs["pk"] = self.action.pk
            elif name.startswith("projects:"):
                kwargs["pk"] = self.project.pk
            elif name.startswith("meetings:import_"):
                kwargs["pk"] = self.import_draft.pk
        if "object_pk" in params:
            kwargs["object_pk"] = self.action.pk if "_action" in name else self.decision.pk
        if name == "public_summary":
            kwargs["token"] = public_summary_token(self.meeting)
        if name == "meetings:actions_calendar_feed":
            kwargs["token"] = self.calendar_token
        return kwargs


def _norole():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("nobody", password="pw-nobody", email="nobody@example.org")


def _patterns() -> dict[str, list[str]]:
    """URL name -> the names of its parameters."""
    found = {}

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            else:
                found[f"{namespace}{pattern.name or str(pattern.pattern)}"] = list(pattern.pattern.converters)

    walk(get_resolver())
    return found


def _letter(response) -> str:
    code = response.status_code
    if code in (301, 302, 303):
        return "L" if response["Location"].split("?")[0] == reverse("login") else "3"
    return {200: "2", 400: "B", 403: "F", 404: "N", 405: "M"}.get(code, f"<{code}>")


def _request(client: Client, method: str, url: str) -> str:
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        if response.streaming:
            b"".join(response.streaming_content)  # the test client closes it at the end
        transaction.set_rollback(True)
    return _letter(response)


def observe(world: World, clients: dict, name: str, params: list[str]) -> tuple[str, str]:
    url = "/favicon.ico" if name == "favicon.ico" else reverse(name, kwargs=world.kwargs(name, params))
    return tuple(
        "".join(_request(clients[role], method, url) for role in ROLES) for method in ("GET", "POST")
    )


def _clients(world: World) -> dict:
    """A client signed in as each role."""
    clients = {"anonymous": Client()}
    for role, user in world.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


def expected(name: str, variant: str) -> tuple[str, str]:
    row = MATRIX[name]
    return row[variant] if isinstance(row, dict) else row


def test_every_url_has_a_row():
    assert sorted(set(_patterns()) - set(MATRIX)) == []
    assert sorted(set(MATRIX) - set(_patterns())) == []


@pytest.mark.parametrize("variant", ["draft", "adopted"])
def test_permission_matrix(variant):
    """Every row at once, so a failure shows every URL that changed, as rows to compare."""
    world = World(variant)
    observed = {}
    clients = _clients(world)
    for name, params in sorted(_patterns().items()):
        observed[name] = observe(world, clients, name, params)
        if name == "logout":
            clients = _clients(world)  # signed out by the POST

    assert observed == {name: expected(name, variant) for name in observed}
