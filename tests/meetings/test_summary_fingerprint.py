"""The record's fingerprint: an export request reuses a stored PDF while the record is unchanged
and asks for a new render after any edit to it, without rendering the summary itself."""
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from meetings.models import Action, AgendaItem, Attendance, Decision, Document, Participant, SummaryExport
from meetings.services import summary_export_request
from meetings.summary.context import Annexes
from meetings.summary.fingerprint import summary_fingerprint
from projects.models import Project
from tests.factories import DocumentFactory, ParticipantFactory, economy

pytestmark = pytest.mark.django_db
BOTH = Annexes(participants=True, documents=True)


@pytest.fixture
def record(draft_meeting):
    """A draft record with a participant and a document, so both annexes have rows."""
    ParticipantFactory(meeting=draft_meeting, name="Ms. Ana Torres", sex="female", economy=None)
    DocumentFactory(meeting=draft_meeting, symbol="2002/SMEWG14/005", title="SPAN: proposal to enhance the plan")
    return draft_meeting


def _stored_render(meeting, annexes: Annexes) -> SummaryExport:
    """A finished export of the record as it is now, with a stored file (the PDF is not under test)."""
    name = default_storage.save("summaries/fingerprint-test.pdf", ContentFile(b"%PDF-1.7 test file"))
    return SummaryExport.objects.create(
        meeting=meeting, status="done", is_draft=True, file=name, page_count=1, content_hash="0" * 64,
        record_fingerprint=summary_fingerprint(meeting.pk, annexes), **annexes.fields(),
    )


def _edit_agenda_item(meeting):
    item = AgendaItem.objects.get(meeting=meeting, position=5)
    item.text += " The Chair thanked Mexico."
    item.save()


def _edit_decision(meeting):
    decision = Decision.objects.filter(agenda_item__meeting=meeting).first()
    Decision.objects.filter(pk=decision.pk).update(text=decision.text + " (as amended)")


def _edit_action_status(meeting):
    Action.objects.filter(pk=Action.objects.filter(agenda_item__meeting=meeting).first().pk).update(status="done")


def _edit_action_responsible(meeting):
    Action.objects.filter(agenda_item__meeting=meeting).first().responsible_economies.add(economy("JPN"))


def _edit_participant(meeting):
    Participant.objects.filter(meeting=meeting, name="Ms. Ana Torres").update(name="Ms. Ana Torres Vidal")


def _edit_attendance(meeting):
    Attendance.objects.filter(meeting=meeting).first().delete()


def _edit_document(meeting):
    Document.objects.filter(meeting=meeting).update(title="SPAN: revised proposal")


def _edit_project(meeting):
    project = Project.objects.filter(reports__meeting=meeting).first()
    Project.objects.filter(pk=project.pk).update(title=project.title + " (phase 2)")


RECORD_EDITS = [
    _edit_agenda_item,
    _edit_decision,
    _edit_action_status,
    _edit_action_responsible,
    _edit_participant,
    _edit_attendance,
    _edit_document,
    _edit_project,
]


def test_export_request_unchanged_record_reuses_the_stored_pdf(record, secretariat_user, django_capture_on_commit_callbacks):
    stored = _stored_render(record, BOTH)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = summary_export_request(meeting=record, user=secretariat_user, annexes=BOTH)

    assert (export.status, export.reused, export.file.name, export.pk != stored.pk) == ("done", True, stored.file.name, True)
    assert callbacks == []  # nothing sent to the worker


@pytest.mark.parametrize("edit", RECORD_EDITS, ids=lambda edit: edit.__name__.removeprefix("_edit_"))
def test_export_request_after_an_edit_to_the_record_renders_anew(
    record, secretariat_user, django_capture_on_commit_callbacks, edit
):
    stored = _stored_render(record, BOTH)
    edit(record)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = summary_export_request(meeting=record, user=secretariat_user, annexes=BOTH)

    assert (export.status, export.reused, export.pk != stored.pk) == ("queued", False, True)
    assert len(callbacks) == 1  # the render is sent to the worker


def test_export_request_other_annexes_do_not_reuse(record, secretariat_user):
    _stored_render(record, BOTH)

    export = summary_export_request(meeting=record, user=secretariat_user, annexes=Annexes(participants=True))

    assert (export.status, export.reused) == ("queued", False)


def test_summary_fingerprint_of_adopted_meeting_without_annexes_ignores_live_statuses(demo_meeting):
    before = summary_fingerprint(demo_meeting.pk), summary_fingerprint(demo_meeting.pk, BOTH)
    Action.objects.filter(agenda_item__meeting=demo_meeting).update(status="done")

    after = summary_fingerprint(demo_meeting.pk), summary_fingerprint(demo_meeting.pk, BOTH)

    assert (after[0] == before[0], after[1] == before[1]) == (True, False)


@pytest.mark.parametrize("stored", [True, False], ids=["reused", "queued"])
def test_export_request_query_count(record, secretariat_user, django_assert_num_queries, stored):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the one-query fingerprint is PostgreSQL's; elsewhere it reads each row set (CI runs this)")
    if stored:
        _stored_render(record, BOTH)

    with django_assert_num_queries(6 if stored else 7):
        summary_export_request(meeting=record, user=secretariat_user, annexes=BOTH)


def test_portable_fingerprint_follows_the_same_rows_as_the_sql_one(record):
    # What SQLite uses (a laptop's `make run`), checked on whatever database the suite runs on.
    from meetings.summary.fingerprint import _fingerprint_parts_portable

    before = _fingerprint_parts_portable(record.pk)
    again = _fingerprint_parts_portable(record.pk)
    Action.objects.filter(agenda_item__meeting=record).update(status="done")
    edited = _fingerprint_parts_portable(record.pk)

    assert (before == again, before[2] != edited[2], before[:2] == edited[:2]) == (True, True, True)


def test_renderer_digest_follows_all_of_the_projects_code(monkeypatch):
    # The summary prints what more modules than its own decide (projects.models among them):
    # any change to the project's code renders anew, as deploy_digest sees it.
    from meetings.summary import fingerprint

    before = fingerprint.renderer_digest()
    monkeypatch.setattr(fingerprint, "deploy_digest", lambda: "another deploy")

    assert fingerprint.renderer_digest() != before
    assert any(str(path).endswith("projects/models.py") for path in fingerprint.deploy_files())
