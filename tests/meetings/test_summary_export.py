"""Exporting the chair's summary: export rows, reuse of unchanged content, failures, and who
may preview, export, follow and download (tasks run in-process here; the real worker is in
test_summary_worker.py)."""
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from meetings.models import AgendaItem, SummaryExport
from meetings.services import summary_export_render, summary_export_request
from meetings.tasks import summary_export_render_task

from .summary_fixtures import pdf_text

pytestmark = pytest.mark.django_db


def _request(meeting, user, capture) -> SummaryExport:
    with capture(execute=True):
        export = summary_export_request(meeting=meeting, user=user)
    export.refresh_from_db()
    return export


def _pdf_bytes(export: SummaryExport) -> bytes:
    with default_storage.open(export.file.name, "rb") as pdf:
        return pdf.read()


def _stored_summaries() -> list[str]:
    return sorted(default_storage.listdir("summaries")[1]) if default_storage.exists("summaries") else []


def test_export_request_renders_and_stores_the_pdf(
    demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    export = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)

    assert (export.status, export.reused, export.is_draft, export.page_count) == ("done", False, False, 4)
    assert export.file.name == f"summaries/smewg14-summary-{export.content_hash[:20]}-t4.pdf"
    assert _pdf_bytes(export).startswith(b"%PDF-")
    assert export.requested_by == secretariat_user
    assert export.finished is not None


def test_export_request_unchanged_meeting_reuses_the_file_without_rendering(
    demo_meeting, secretariat_user, chair_user, eager_tasks, django_capture_on_commit_callbacks
):
    first = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = summary_export_request(meeting=demo_meeting, user=chair_user)

    assert callbacks == []  # no task queued
    assert (second.status, second.reused, second.file.name) == ("done", True, first.file.name)
    assert second.pk != first.pk
    assert second.requested_by == chair_user
    assert _stored_summaries() == [first.file.name.removeprefix("summaries/")]


def test_export_request_stored_file_gone_renders_anew(
    demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    first = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)
    default_storage.delete(first.file.name)

    second = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)

    assert (second.status, second.reused, second.content_hash) == ("done", False, first.content_hash)
    assert second.file.name == first.file.name
    assert _pdf_bytes(second).startswith(b"%PDF-")


def test_export_request_after_an_edit_renders_anew(
    draft_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    demo_meeting = draft_meeting  # an adopted summary is frozen: only a draft follows edits
    first = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)
    item = AgendaItem.objects.get(meeting=demo_meeting, position=5)
    item.text += " The Chair thanked Mexico."
    item.save()

    second = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)

    assert (second.status, second.reused) == ("done", False)
    assert second.content_hash != first.content_hash
    assert second.file.name != first.file.name
    assert "The Chair thanked Mexico." in pdf_text(_pdf_bytes(second))
    assert len(_stored_summaries()) == 2


def test_export_request_while_one_is_queued_returns_that_one(demo_meeting, secretariat_user, chair_user):
    first = summary_export_request(meeting=demo_meeting, user=secretariat_user)  # task not run: still queued

    second = summary_export_request(meeting=demo_meeting, user=chair_user)

    assert second.pk == first.pk
    assert SummaryExport.objects.count() == 1
    assert first.status == "queued"


def test_export_request_of_draft_is_marked_draft(
    draft_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    export = _request(draft_meeting, secretariat_user, django_capture_on_commit_callbacks)

    assert (export.status, export.is_draft) == ("done", True)
    assert "DRAFT" in pdf_text(_pdf_bytes(export))


def test_export_render_of_done_export_does_nothing(
    demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    export = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)

    again = summary_export_render(export_id=export.pk)

    assert (again.finished, again.file.name, again.reused) == (export.finished, export.file.name, False)
    assert len(_stored_summaries()) == 1


def test_export_task_of_unknown_export_reports_missing(db, eager_tasks):
    result = summary_export_render_task.delay(export_id=987654)

    assert result.get() == "missing"


def test_export_task_storage_failure_marks_export_failed(
    draft_meeting, secretariat_user, eager_tasks, settings, tmp_path, django_capture_on_commit_callbacks
):
    demo_meeting = draft_meeting  # drawn from the live record, not from a stored record of adoption
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"

    export = _request(demo_meeting, secretariat_user, django_capture_on_commit_callbacks)

    assert export.status == "failed"
    assert export.error.startswith("Rendering kept failing: ")
    assert export.file.name == ""


# The pages.

EXPORT_STATUS_VIEWS = [
    "meetings:summary_export_status",
    "meetings:summary_export_status_json",
    "meetings:summary_export_download",
]


@pytest.fixture
def users(secretariat_user, chair_user, delegate_user, other_delegate_user, django_user_model):
    return {
        "secretariat": secretariat_user, "chair": chair_user, "delegate": delegate_user, "other": other_delegate_user,
        "norole": django_user_model.objects.create_user("norole", password="pw-norole"),
    }


def _as(client, users, who):
    if who != "anonymous":
        client.force_login(users[who])
    return client


@pytest.mark.parametrize(
    ("who", "draft_code", "adopted_code"),
    [
        ("anonymous", 302, 302),
        ("delegate", 404, 200),
        ("other", 404, 200),
        ("chair", 200, 200),
        ("secretariat", 200, 200),
        ("norole", 403, 403),
    ],
)
@pytest.mark.parametrize("view", ["meetings:summary_preview", "meetings:summary_word_copy"])
def test_summary_preview_permissions(client, users, demo_meeting, who, draft_code, adopted_code, view):
    # The preview and the Word copy follow the record's read rule.
    client = _as(client, users, who)
    url = reverse(view, args=[demo_meeting.pk])

    adopted = client.get(url).status_code
    demo_meeting.status = "circulated"
    demo_meeting.save()
    draft = client.get(url).status_code

    assert (draft, adopted) == (draft_code, adopted_code)


def test_summary_preview_shows_the_record_and_the_export_button_to_staff(secretariat_client, draft_meeting):
    response = secretariat_client.get(reverse("meetings:summary_preview", args=[draft_meeting.pk]))

    page = response.content.decode()
    assert "Representatives from Australia; Brunei Darussalam;" in page
    assert 'class="watermark"' in page
    assert reverse("meetings:summary_export", args=[draft_meeting.pk]) in page


def test_summary_preview_has_no_export_button_for_delegates(delegate_client, demo_meeting):
    response = delegate_client.get(reverse("meetings:summary_preview", args=[demo_meeting.pk]))

    assert response.status_code == 200
    assert reverse("meetings:summary_export", args=[demo_meeting.pk]) not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "code"), [("anonymous", 302), ("delegate", 403), ("other", 403), ("chair", 302), ("secretariat", 302)]
)
def test_summary_export_permissions(
    client, users, demo_meeting, eager_tasks, django_capture_on_commit_callbacks, who, code
):
    client = _as(client, users, who)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:summary_export", args=[demo_meeting.pk]))

    assert response.status_code == code
    assert SummaryExport.objects.count() == (1 if who in ("chair", "secretariat") else 0)


def test_summary_export_redirects_to_status_page_showing_done(
    secretariat_client, demo_meeting, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(reverse("meetings:summary_export", args=[demo_meeting.pk]))
    export = SummaryExport.objects.get()

    page = secretariat_client.get(response.url)

    assert response.url == reverse("meetings:summary_export_status", args=[export.pk])
    assert '<strong id="export-status" data-status="done">Done</strong>' in page.content.decode()
    assert reverse("meetings:summary_export_download", args=[export.pk]) in page.content.decode()


def test_summary_export_get_is_not_allowed(secretariat_client, demo_meeting):
    response = secretariat_client.get(reverse("meetings:summary_export", args=[demo_meeting.pk]))

    assert response.status_code == 405
    assert SummaryExport.objects.count() == 0


def test_summary_export_unknown_meeting_is_404(secretariat_client):
    response = secretariat_client.post(reverse("meetings:summary_export", args=[987654]))

    assert response.status_code == 404


def _stored_export(meeting, user, *, is_draft: bool) -> SummaryExport:
    """A finished export with a stored file, without rendering (the pages are under test, not the PDF)."""
    name = default_storage.save("summaries/test-summary.pdf", ContentFile(b"%PDF-1.7 test file"))
    return SummaryExport.objects.create(
        meeting=meeting, requested_by=user, status="done", is_draft=is_draft, file=name, page_count=1,
        content_hash="0" * 64,
    )


@pytest.fixture
def done_draft_export(draft_meeting, secretariat_user):
    return _stored_export(draft_meeting, secretariat_user, is_draft=True)


@pytest.mark.parametrize("view", EXPORT_STATUS_VIEWS)
@pytest.mark.parametrize(
    ("who", "code"), [("anonymous", 302), ("delegate", 404), ("other", 404), ("chair", 200), ("secretariat", 200)]
)
def test_draft_export_pages_permissions(client, users, done_draft_export, view, who, code):
    client = _as(client, users, who)

    response = client.get(reverse(view, args=[done_draft_export.pk]))
    response.close()

    assert response.status_code == code


@pytest.mark.parametrize("view", EXPORT_STATUS_VIEWS)
@pytest.mark.parametrize(
    ("who", "code"),
    [("anonymous", 302), ("delegate", 200), ("other", 200), ("chair", 200), ("secretariat", 200), ("norole", 403)],
)
def test_adopted_export_pages_permissions(client, users, demo_meeting, view, who, code):
    export = _stored_export(demo_meeting, users["secretariat"], is_draft=False)
    client = _as(client, users, who)

    response = client.get(reverse(view, args=[export.pk]))
    response.close()

    assert response.status_code == code


@pytest.mark.parametrize("view", EXPORT_STATUS_VIEWS)
def test_export_pages_unknown_export_is_404(delegate_client, view):
    response = delegate_client.get(reverse(view, args=[987654]))

    assert response.status_code == 404


def test_export_status_json_of_a_draft_is_not_found_for_a_delegate(delegate_client, done_draft_export):
    response = delegate_client.get(reverse("meetings:summary_export_status_json", args=[done_draft_export.pk]))

    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_export_status_json_reports_done_with_download(chair_client, done_draft_export):
    response = chair_client.get(reverse("meetings:summary_export_status_json", args=[done_draft_export.pk]))

    assert response.json() == {
        "id": done_draft_export.pk,
        "status": "done",
        "status_display": "Done",
        "finished": True,
        "download_url": reverse("meetings:summary_export_download", args=[done_draft_export.pk]),
        "page_count": 1,
        "reused": False,
        "error": "",
        "waits_for_broker": False,
        "may_start_again": False,
    }


def test_export_download_is_a_pdf_attachment(chair_client, done_draft_export):
    response = chair_client.get(reverse("meetings:summary_export_download", args=[done_draft_export.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="SMEWG14-chairs-summary-draft.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test file"


def test_export_download_of_queued_export_is_404(secretariat_client, demo_meeting, secretariat_user):
    export = summary_export_request(meeting=demo_meeting, user=secretariat_user)  # task not run

    response = secretariat_client.get(reverse("meetings:summary_export_download", args=[export.pk]))
    status = secretariat_client.get(reverse("meetings:summary_export_status", args=[export.pk]))

    assert response.status_code == 404
    assert 'hx-trigger="every 1s"' in status.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in status.content.decode()


def test_export_status_page_of_failed_export_offers_start_again(secretariat_client, demo_meeting, secretariat_user):
    export = SummaryExport.objects.create(
        meeting=demo_meeting, requested_by=secretariat_user, status="failed", error="Rendering took too long."
    )

    page = secretariat_client.get(reverse("meetings:summary_export_status", args=[export.pk])).content.decode()

    assert "The chair's summary could not be rendered." in page
    assert "Rendering took too long." in page
    assert f'action="{reverse("meetings:summary_export_start_again", args=[export.pk])}"' in page
    assert ">Start again</button>" in page
    assert "hx-trigger" not in page


def test_export_try_again_after_failure_renders(
    secretariat_client, demo_meeting, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    failed = SummaryExport.objects.create(meeting=demo_meeting, requested_by=secretariat_user, status="failed")

    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(reverse("meetings:summary_export", args=[demo_meeting.pk]))

    assert list(SummaryExport.objects.values_list("status", flat=True)) == ["done", "failed"]
    assert SummaryExport.objects.exclude(pk=failed.pk).get().file.name != ""


# The panel on the meeting page.


def test_summary_panel_shows_staff_the_export_button_and_every_export(secretariat_client, draft_meeting, users):
    _stored_export(draft_meeting, users["chair"], is_draft=True)

    page = secretariat_client.get(reverse("meetings:detail", args=[draft_meeting.pk])).content.decode()

    assert f'action="{reverse("meetings:summary_export", args=[draft_meeting.pk])}"' in page
    assert ">Export chair's summary</button>" in page
    assert "PDF, 1 page</a>" in page
    assert "· chair · draft" in page


def _panel(rf, user, meeting) -> str:
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = user
    return render_to_string("meetings/partials/summary_panel.html", {"meeting": meeting}, request=request)


def test_summary_panel_delegate_of_adopted_meeting_sees_no_button(rf, demo_meeting, users):
    page = _panel(rf, users["delegate"], demo_meeting)

    assert "Export chair" not in page
    assert "No export yet" not in page


def test_summary_panel_shows_delegates_adopted_exports_only_and_no_button(rf, demo_meeting, users):
    _stored_export(demo_meeting, users["secretariat"], is_draft=True)
    adopted = _stored_export(demo_meeting, users["secretariat"], is_draft=False)

    page = _panel(rf, users["delegate"], demo_meeting)

    assert reverse("meetings:summary_export", args=[demo_meeting.pk]) not in page
    assert page.count('href="/meetings/summary-exports/') == 1
    assert reverse("meetings:summary_export_download", args=[adopted.pk]) in page
    assert reverse("meetings:summary_preview", args=[demo_meeting.pk]) in page


@pytest.mark.parametrize("rows", [1, 3])
def test_summary_panel_query_count_constant(rf, secretariat_user, demo_meeting, django_assert_num_queries, rows):
    for _ in range(rows):
        _stored_export(demo_meeting, secretariat_user, is_draft=False)

    with django_assert_num_queries(3):  # the user's roles, the exports with who asked, the records of adoption
        html = _panel(rf, secretariat_user, demo_meeting)

    assert html.count("PDF, 1 page</a>") == rows
