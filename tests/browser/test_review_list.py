"""Staff build a meeting's review list on its page in Chromium: the default, search, add,
record what the meeting said, remove; then the summary prints the list as recorded."""
import datetime

import pytest
from playwright.sync_api import expect

from meetings.services import review_list_refresh
from tests.conftest import browser_sign_in
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory

D = datetime.date


@pytest.mark.browser
def test_review_list_journey(page, live_server, secretariat_user, artifacts_dir):
    older = MeetingFactory(number=12, start_date=D(2001, 1, 10), end_date=D(2001, 1, 11), status="adopted")
    previous = MeetingFactory(number=13, start_date=D(2001, 6, 10), end_date=D(2001, 6, 12), status="adopted")
    meeting = MeetingFactory(number=15, start_date=D(2002, 1, 15), end_date=D(2002, 1, 16), status="held")
    old_item = AgendaItemFactory(meeting=older, position=1, title="SME finance")
    item = AgendaItemFactory(meeting=previous, position=4, title="Gender integration")
    ActionFactory(agenda_item=old_item, text="Keep the SME directory up to date", due_next_meeting=False)
    ActionFactory(agenda_item=item, text="Draft the gender integration plan", economies=["CHL"])
    ActionFactory(agenda_item=item, text="Circulate the gender survey", economies=["MEX"])
    review_list_refresh(meeting=meeting)
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/{meeting.pk}/")
    review = page.locator("#review-list")
    expect(review.locator("#review-table")).to_contain_text("Draft the gender integration plan")
    expect(review.locator("#other-open-actions")).to_contain_text("1 other open action of older SMEWG meetings")

    review.get_by_label("Text").fill("directory")
    review.get_by_role("button", name="Search").click()
    review.get_by_role("button", name="Add to the review list: Keep the SME directory up to date").click()

    expect(page.locator("#review-messages")).to_contain_text("Added to the review list")
    expect(page.locator("#review-table")).to_contain_text("Keep the SME directory up to date")
    expect(page.locator("#other-open-actions")).to_contain_text("No other action of an older SMEWG meeting is open")

    page.get_by_role("link", name="Record what the meeting said about: Draft the gender integration plan").click()
    page.locator("#review-record-status_reported").select_option("done")
    page.locator("#review-record-note").fill("Chile reported the plan is complete.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#review-messages")).to_contain_text("Recorded for")
    expect(page.locator("#review-table")).to_contain_text("Chile reported the plan is complete.")

    page.get_by_role("button", name="Remove from the review list: Circulate the gender survey").click()
    expect(page.locator("#review-messages")).to_contain_text("Removed from the review list")
    expect(page.locator("#review-table")).not_to_contain_text("Circulate the gender survey")
    assert page.url.endswith(f"/meetings/{meeting.pk}/")  # all of it without leaving the page
    page.screenshot(path=str(artifacts_dir / "review-list.png"), full_page=True)

    page.goto(f"/meetings/{meeting.pk}/summary/")
    table = page.locator(".earlier-actions")
    expect(table).to_contain_text("Chile reported the plan is complete.")
    expect(table).to_contain_text("Keep the SME directory up to date")
    expect(table).not_to_contain_text("Circulate the gender survey")
    expect(table.locator("tbody tr").first).to_contain_text("12th SMEWG Meeting, item 1")
