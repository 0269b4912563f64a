"""Staff edit a long agenda a page at a time in Chromium: an item moved across a page's edge
shows on the page it moved to, and an item added shows on the last page."""
import pytest
from playwright.sync_api import expect

from tests.conftest import browser_sign_in
from tests.factories import AgendaItemFactory, MeetingFactory


@pytest.mark.browser
def test_agenda_long_is_edited_page_by_page(page, live_server, secretariat_user, artifacts_dir):
    meeting = MeetingFactory(number=15)
    items = [AgendaItemFactory(meeting=meeting, position=n, title=f"Item {n}") for n in range(1, 26)]
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/{meeting.pk}/agenda/")
    expect(page.locator(".agenda-item")).to_have_count(20)

    page.get_by_role("link", name="Items 21–25").first.click()
    expect(page.locator(".agenda-item")).to_have_count(5)
    page.get_by_role("button", name="Move item 21 up").click()

    expect(page.locator("#agenda-messages")).to_contain_text("is now item 20")
    expect(page.locator(".agenda-item")).to_have_count(20)
    expect(page.locator(f"#agenda-item-{items[20].pk}-title")).to_have_text("20. Item 21")
    expect(page).to_have_url(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    page.get_by_label("Title").fill("Closing")
    page.get_by_role("button", name="Add item").click()

    expect(page.locator("#agenda-messages")).to_contain_text("Agenda item 26 “Closing” added")
    expect(page.locator(".agenda-item")).to_have_count(6)
    expect(page.get_by_role("link", name="Items 21–26").first).to_have_attribute("aria-current", "page")
    expect(page).to_have_url(f"{live_server.url}/meetings/{meeting.pk}/agenda/?page=2")
    page.screenshot(path=str(artifacts_dir / "agenda-pages.png"), full_page=True)
