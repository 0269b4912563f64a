"""No broker (``make run``): the export renders in the web process's background thread, and
its status page moves through queued → rendering → done as it does with a worker (issue 12,
point 4). The thread renders one export at a time, so a second export waits its turn."""
import pytest
from django.db import connection
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting, SummaryExport
from tests.conftest import browser_sign_in


@pytest.mark.browser
def test_export_without_broker_status_moves_from_queued_to_rendering_to_done(
    page, live_server, secretariat_user, demo_meeting, eager_tasks, settings, artifacts_dir
):
    if connection.vendor != "postgresql":
        pytest.skip("the background thread needs a database other connections see (PostgreSQL; CI has it)")
    settings.BACKGROUND_THREAD = True
    Meeting.objects.filter(pk=demo_meeting.pk).update(status="circulated")
    # A long record (about 40 pages), so each render lasts seconds: the page polls every second
    # and must see each state, however fast the machine; the demo alone renders in a fraction of one.
    paragraph = "The meeting discussed the item at length and heard reports from several economies. " * 12
    AgendaItem.objects.filter(meeting=demo_meeting).update(text="\n\n".join([paragraph] * 15))
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/{demo_meeting.pk}/")
    page.get_by_role("button", name="Export chair's summary").click()  # the thread renders this one
    expect(page.locator("#export-status")).not_to_have_text("Done")
    AgendaItem.objects.filter(meeting=demo_meeting, position=2).update(title="Work Plan for 2002")

    page.goto(f"/meetings/{demo_meeting.pk}/")
    page.get_by_role("button", name="Export chair's summary").click()  # waits for the first
    status = page.locator("#export-status")
    expect(status).to_have_text("Queued")
    expect(status).to_have_text("Rendering", timeout=60_000)
    expect(status).to_have_text("Done", timeout=60_000)
    page.screenshot(path=artifacts_dir / "export-no-broker-done.png")

    assert page.get_by_role("link", name="Download the PDF").is_visible()
    assert page.get_by_text("The background service cannot be reached").count() == 0
    assert list(SummaryExport.objects.order_by("pk").values_list("status", "reused")) == [
        ("done", False), ("done", False)
    ]
