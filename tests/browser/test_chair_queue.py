"""The chair signs in and lands on what awaits them: the summaries circulated for adoption."""
import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, MeetingStatus
from tests.conftest import browser_sign_in
from tests.factories import MeetingFactory


@pytest.mark.browser
def test_chair_queue_sign_in_read_and_adopt(page, live_server, chair_user, demo_meeting, artifacts_dir):
    Meeting.objects.filter(pk=demo_meeting.pk).update(status=MeetingStatus.CIRCULATED)
    MeetingFactory(number=15, status=MeetingStatus.DRAFTED)

    browser_sign_in(page, "chair", "pw-chair")

    expect(page.get_by_role("heading", name="Summaries awaiting adoption")).to_be_visible()
    expect(page.get_by_role("link", name="Awaiting you")).to_have_attribute("aria-current", "page")
    expect(page.locator("#awaiting-adoption > li")).to_have_count(1)
    expect(page.locator("#awaiting-adoption")).to_contain_text("Vina del Mar, Chile, 3-5 April 2002")
    page.screenshot(path=artifacts_dir / "chair-queue.png", full_page=True)

    page.get_by_role("link", name="Read the summary").click()
    expect(page.get_by_text("Representatives from Australia; Brunei Darussalam;")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Adopt the summary of the 14th SMEWG Meeting").click()

    expect(page.get_by_text("The 14th SMEWG Meeting is now “Summary adopted”.")).to_be_visible()
    expect(page.locator("#awaiting-adoption")).to_contain_text("Nothing awaits your adoption")
    expect(page.locator("#adopted-recently")).to_contain_text("14th SMEWG Meeting")
    page.screenshot(path=artifacts_dir / "chair-queue-adopted.png", full_page=True)
    demo_meeting.refresh_from_db()
    assert demo_meeting.status == MeetingStatus.ADOPTED
