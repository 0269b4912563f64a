"""The adopted chair's summary is the official record: frozen as at adoption (issue 12, point 1)."""
import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Action, AdoptedRecord, Meeting, MeetingStatus
from meetings.publication import public_summary_token
from meetings.services import (
    action_report_progress,
    adopted_record_current,
    adopted_record_render_pdf,
    meeting_change_status,
    meeting_publish_summary,
    summary_export_render,
    summary_export_request,
)
from meetings.services.adoption import adopted_record_html, summary_document_html
from meetings.summary.context import Annexes

from .summary_fixtures import pdf_text, plain_text

pytestmark = pytest.mark.django_db


def _adopt(meeting: Meeting, chair, captured) -> AdoptedRecord:
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CIRCULATED)
    meeting.refresh_from_db()
    with captured(execute=False):  # the PDF task is run by hand below, where a test needs it
        meeting_change_status(meeting=meeting, user=chair, status=MeetingStatus.ADOPTED)
    return adopted_record_current(Meeting.objects.get(pk=meeting.pk))


def _pdf(record: AdoptedRecord) -> bytes:
    with record.pdf.open("rb") as stored:
        return stored.read()


def test_adoption_freezes_html_and_pdf_whatever_the_tracker_says_later(
    demo_meeting, chair_user, delegate_user, django_capture_on_commit_callbacks
):
    record = _adopt(demo_meeting, chair_user, django_capture_on_commit_callbacks)
    record = adopted_record_render_pdf(record_id=record.pk)
    html_before, pdf_before = adopted_record_html(record), pdf_text(_pdf(record))
    action = Action.objects.get(agenda_item__meeting=demo_meeting, text__startswith="Appoint a gender focal point")

    action_report_progress(action=action, user=delegate_user, note="Appointed.", status="done", version=action.version)

    record = AdoptedRecord.objects.get(pk=record.pk)
    assert (adopted_record_html(record), pdf_text(_pdf(record))) == (html_before, pdf_before)
    assert f"Adopted on {datetime.date.today():%-d %B %Y}" in pdf_before
    assert "DRAFT" not in pdf_before
    assert "Open" in pdf_before and Action.objects.get(pk=action.pk).status == "done"


def test_adopted_preview_export_and_published_link_serve_the_frozen_record(
    demo_meeting, chair_user, secretariat_user, secretariat_client, client, eager_tasks,
    django_capture_on_commit_callbacks,
):
    record = _adopt(demo_meeting, chair_user, django_capture_on_commit_callbacks)
    Action.objects.filter(agenda_item__meeting=demo_meeting).update(status="dropped")
    published_meeting = meeting_publish_summary(meeting=demo_meeting, user=secretariat_user, public=True)

    preview = plain_text(secretariat_client.get(reverse("meetings:summary_preview", args=[demo_meeting.pk])).content.decode())
    published = plain_text(client.get(reverse("public_summary", args=[public_summary_token(published_meeting)])).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        export = summary_export_request(meeting=demo_meeting, user=secretariat_user)
    export.refresh_from_db()
    with export.file.open("rb") as stored:
        exported = pdf_text(stored.read())

    adopted = f"Adopted on {record.adopted_on:%-d %B %Y}"
    assert (adopted in preview, adopted in published, adopted in exported) == (True, True, True)
    assert ("Dropped" in preview, "Dropped" in published, "Dropped" in exported) == (False, False, False)


def test_reopening_and_adopting_again_makes_a_new_record_and_keeps_the_first(
    demo_meeting, chair_user, secretariat_user, secretariat_client, django_capture_on_commit_callbacks
):
    first = _adopt(demo_meeting, chair_user, django_capture_on_commit_callbacks)
    meeting_change_status(meeting=demo_meeting, user=secretariat_user, status="circulated", reason="Typo in item 5.")
    Meeting.objects.filter(pk=demo_meeting.pk).update(city="Viña del Mar")

    second = _adopt(demo_meeting, chair_user, django_capture_on_commit_callbacks)
    preview = secretariat_client.get(reverse("meetings:summary_preview", args=[demo_meeting.pk])).content.decode()

    assert AdoptedRecord.objects.filter(meeting=demo_meeting).count() == 3  # the demo's own, then two
    assert (first.pk != second.pk, default_storage.exists(first.html.name)) == (True, True)
    assert "Viña del Mar" in preview
    assert "Viña del Mar" not in adopted_record_html(first)


def test_reopened_meeting_previews_the_live_draft_again(
    demo_meeting, secretariat_user, secretariat_client
):
    meeting_change_status(meeting=demo_meeting, user=secretariat_user, status="circulated", reason="Corrections.")

    preview = secretariat_client.get(reverse("meetings:summary_preview", args=[demo_meeting.pk])).content.decode()

    assert '<div class="watermark" aria-hidden="true">DRAFT</div>' in preview
    assert "Adopted on" not in preview


def test_demo_load_freezes_the_adopted_fourteenth_meeting_as_adopted_at_its_close(demo_meeting):
    record = adopted_record_current(demo_meeting)

    assert record.adopted_on == datetime.date(2002, 4, 5)
    assert "Adopted on 5 April 2002" in plain_text(adopted_record_html(record))


def test_load_demo_command_stores_the_pdf_of_the_record_of_adoption(db, capsys):
    call_command("load_demo")

    record = adopted_record_current(Meeting.objects.get(number=14, forum__code="SMEWG"))
    text = pdf_text(_pdf(record))
    assert "Adopted on 5 April 2002" in text
    assert record.page_count == 4
    assert "Stored its chair's summary as adopted on 05 April 2002 (4 pages)." in capsys.readouterr().out


def test_adopted_record_pdf_download_follows_the_read_rule(
    demo_meeting, secretariat_user, delegate_user, client, django_user_model
):
    record = adopted_record_render_pdf(record_id=adopted_record_current(demo_meeting).pk)
    url = reverse("meetings:adopted_record_download", args=[record.pk])
    nobody = django_user_model.objects.create_user("nobody", password="x")

    client.force_login(delegate_user)
    as_delegate = client.get(url)
    body = b"".join(as_delegate.streaming_content)
    client.force_login(nobody)
    as_nobody = client.get(url)
    Meeting.objects.filter(pk=demo_meeting.pk).update(status=MeetingStatus.CIRCULATED)
    client.force_login(delegate_user)
    reopened = client.get(url)
    client.logout()
    anonymous = client.get(url)

    assert (as_delegate.status_code, as_delegate["Content-Type"], body[:5]) == (200, "application/pdf", b"%PDF-")
    assert "SMEWG14-chairs-summary-adopted-2002-04-05.pdf" in as_delegate["Content-Disposition"]
    assert (as_nobody.status_code, reopened.status_code, anonymous.status_code) == (403, 404, 302)


def test_adopted_record_without_its_pdf_yet_says_so(demo_meeting, secretariat_client):
    record = adopted_record_current(demo_meeting)

    response = secretariat_client.get(reverse("meetings:adopted_record_download", args=[record.pk]))
    panel = secretariat_client.get(demo_meeting.get_absolute_url()).content.decode()

    assert response.status_code == 404
    assert "Its PDF is being drawn." in panel


def test_meeting_page_offers_the_pdf_as_adopted(demo_meeting, delegate_client):
    record = adopted_record_render_pdf(record_id=adopted_record_current(demo_meeting).pk)

    panel = delegate_client.get(demo_meeting.get_absolute_url()).content.decode()

    assert "Adopted on 5 April 2002" in panel
    assert reverse("meetings:adopted_record_download", args=[record.pk]) in panel


def test_adoption_task_draws_the_pdf_from_the_stored_html(
    demo_meeting, chair_user, eager_tasks, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=demo_meeting.pk).update(status=MeetingStatus.CIRCULATED)
    demo_meeting.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        meeting_change_status(meeting=demo_meeting, user=chair_user, status=MeetingStatus.ADOPTED)

    record = adopted_record_current(Meeting.objects.get(pk=demo_meeting.pk))
    assert (bool(record.pdf), record.page_count, record.adopted_by) == (True, 4, chair_user)


def test_export_of_adopted_meeting_reuses_the_frozen_render(
    demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = summary_export_request(meeting=demo_meeting, user=secretariat_user)
    Action.objects.filter(agenda_item__meeting=demo_meeting).update(status="done")

    second = summary_export_request(meeting=demo_meeting, user=secretariat_user)
    summary_export_render(export_id=second.pk)

    assert (second.reused, second.content_hash) == (True, SummaryHash.of(first))


class SummaryHash:
    @staticmethod
    def of(export) -> str:
        export.refresh_from_db()
        return export.content_hash


def test_export_of_adopted_meeting_with_annexes_keeps_the_adopted_text(demo_meeting, secretariat_user):
    frozen = adopted_record_html(adopted_record_current(demo_meeting))
    Action.objects.filter(agenda_item__meeting=demo_meeting).update(status="done")

    html = summary_document_html(demo_meeting, annexes=Annexes(participants=True, documents=True))

    body_end = frozen.rfind("</article>")
    annexes = html[body_end:html.rfind("</article>")]
    assert (html[:body_end], html[html.rfind("</article>"):]) == (frozen[:body_end], frozen[body_end:])
    assert ("Annex 1: " in annexes, "Annex 2: " in annexes, "Done" in annexes) == (True, True, False)
