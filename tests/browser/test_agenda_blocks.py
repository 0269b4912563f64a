"""Staff put a decision before its rationale in Chromium, and the summary prints it so."""
import pytest
from playwright.sync_api import expect

from meetings import services
from tests.conftest import browser_sign_in
from tests.factories import AgendaItemFactory, MeetingFactory


@pytest.mark.browser
def test_agenda_block_order_journey(page, live_server, secretariat_user, artifacts_dir):
    meeting = MeetingFactory(number=15)
    item = AgendaItemFactory(
        meeting=meeting, position=1, title="Invitation to OECD",
        text="The attendance of OECD would let the Group share experience.",
    )
    services.decision_add(agenda_item=item, kind="agreed", text="The Group agreed to invite OECD.")
    services.decision_add(agenda_item=item, kind="agreed", text="The Group agreed to write to SOM.")
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/{meeting.pk}/agenda/")
    order = page.locator(f"#agenda-item-{item.pk}-order")
    expect(order.locator("li").first).to_contain_text("Discussion")

    order.get_by_role("button", name="Move decision “The Group agreed to invite OECD.” up").click()

    expect(page.locator("#agenda-messages")).to_contain_text("the order in the summary is changed")
    expect(order.locator("li").first).to_contain_text("The Group agreed to invite OECD.")
    expect(order.locator("li").nth(1)).to_contain_text("Discussion")
    page.screenshot(path=str(artifacts_dir / "agenda-block-order.png"), full_page=True)
    page.goto(f"/meetings/{meeting.pk}/summary/")
    text = page.locator("#item-1").inner_text()
    assert text.index("invite OECD") < text.index("attendance of OECD") < text.index("write to SOM")
