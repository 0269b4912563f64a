"""Staff export the chair's summary in Chromium: click export, see "Done", download the PDF.

The live server runs in this process, so the render task runs in-process too
(``eager_tasks``); the real worker path is covered by tests/meetings/test_summary_worker.py.
"""
import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.conftest import browser_sign_in


@pytest.mark.browser
def test_summary_export_click_wait_done_download(
    page, live_server, secretariat_user, demo_meeting, eager_tasks, artifacts_dir
):
    Meeting.objects.filter(pk=demo_meeting.pk).update(status="circulated")
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/{demo_meeting.pk}/")

    page.get_by_role("button", name="Export chair's summary").click()

    expect(page.locator("#export-status")).to_have_text("Done")
    page.screenshot(path=artifacts_dir / "summary-export-done.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    assert download.suggested_filename == "SMEWG14-chairs-summary-draft.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("link", name="Back to the meeting").click()
    expect(page.locator("#summary-exports li")).to_have_count(1)
    page.locator("#summary-panel").screenshot(path=artifacts_dir / "summary-panel.png")
    page.get_by_role("link", name="Preview the summary").click()
    expect(page.get_by_text("Representatives from Australia; Brunei Darussalam;")).to_be_visible()
    page.screenshot(path=artifacts_dir / "summary-preview.png")


@pytest.mark.browser
def test_summary_export_status_page_polls_until_finished(
    page, live_server, secretariat_user, demo_meeting, artifacts_dir
):
    from meetings.models import SummaryExport

    export = SummaryExport.objects.create(meeting=demo_meeting, requested_by=secretariat_user)  # queued, no task
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/summary-exports/{export.pk}/")
    expect(page.locator("#export-status")).to_have_text("Queued")
    page.screenshot(path=artifacts_dir / "summary-export-queued.png")

    SummaryExport.objects.filter(pk=export.pk).update(status="rendering")
    expect(page.locator("#export-status")).to_have_text("Rendering")
    SummaryExport.objects.filter(pk=export.pk).update(status="failed", error="The renderer ran out of time.")

    expect(page.get_by_text("The renderer ran out of time.")).to_be_visible()
    expect(page.get_by_role("button", name="Start again")).to_be_visible()
    page.screenshot(path=artifacts_dir / "summary-export-failed.png")


@pytest.mark.browser
def test_summary_export_with_annexes_puts_them_in_the_pdf(
    page, live_server, secretariat_user, demo_meeting, eager_tasks, artifacts_dir
):
    from tests.factories import DocumentFactory, ParticipantFactory

    from tests.meetings.summary_fixtures import pdf_text

    ParticipantFactory(meeting=demo_meeting, name="Ms. Ana Torres", sex="female")
    DocumentFactory(meeting=demo_meeting, symbol="2002/SMEWG14/005", title="SPAN: proposal to enhance the plan")
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/{demo_meeting.pk}/")
    panel = page.locator("#summary-panel")
    panel.get_by_label("List of participants, by sex").check()
    panel.get_by_label("Documents register").check()
    panel.screenshot(path=artifacts_dir / "summary-panel-annexes.png")

    panel.get_by_role("button", name="Export chair's summary").click()

    expect(page.locator("#export-status")).to_have_text("Done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    with open(download_info.value.path(), "rb") as pdf:
        text = pdf_text(pdf.read())
    assert "Annex 1: List of participants" in text
    assert "2 participants: 1 female, 1 male." in text
    assert "Ms. Ana Torres" in text
    assert "Annex 2: Documents register" in text
    assert "2002/SMEWG14/005" in text
    page.get_by_role("link", name="Back to the meeting").click()
    expect(page.locator("#summary-exports li").first).to_contain_text("with participants and documents")
