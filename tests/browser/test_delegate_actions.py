"""A delegate of Mexico reviews and updates Mexico's agreed actions in Chromium."""
import pytest
from playwright.sync_api import expect

from meetings.models import Action, ActionStatus, ProgressNote
from tests.conftest import browser_sign_in
from tests.factories import ActionFactory


@pytest.mark.browser
def test_delegate_reviews_and_updates_own_actions(page, live_server, demo_meeting, delegate_user, artifacts_dir):
    item = demo_meeting.agenda_items.order_by("position").first()
    japan_action = ActionFactory(agenda_item=item, text="Japan hosts the SME finance seminar", economies=["JPN"])
    mexico_texts = list(Action.objects.filter(responsible_economies__code="MEX").values_list("text", flat=True))

    browser_sign_in(page, "mex", "pw-mex")

    expect(page.get_by_role("heading", name="What Mexico committed to")).to_be_visible()
    page.screenshot(path=artifacts_dir / "delegate-dashboard.png", full_page=True)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    rows = page.locator("#actions-table tbody tr")
    expect(rows).to_have_count(len(mexico_texts))
    expect(page.locator("#actions-table")).not_to_contain_text("Japan hosts")
    page.screenshot(path=artifacts_dir / "delegate-tracker.png", full_page=True)

    page.get_by_role("link", name="Invite OECD to attend the 15th SMEWG meeting").click()
    page.get_by_label("Progress note").fill("Letter to OECD sent on 2 May; awaiting SOM approval.")
    page.get_by_role("button", name="Save progress").click()
    expect(page.locator("#action-history")).to_contain_text("Letter to OECD sent on 2 May")
    page.get_by_label("Status").select_option(label="Done")
    page.get_by_label("Progress note").fill("OECD confirmed attendance.")
    page.get_by_role("button", name="Save progress").click()
    expect(page.locator("header .badge").first).to_have_text("Done")
    expect(page.locator("#action-history")).to_contain_text("Open → Done")
    page.screenshot(path=artifacts_dir / "delegate-action.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts_dir / "delegate-action-390.png", full_page=True)
    page.goto("/meetings/actions/")
    page.screenshot(path=artifacts_dir / "delegate-tracker-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    response = page.goto(japan_action.get_absolute_url())
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()  # as if it did not exist
    page.screenshot(path=artifacts_dir / "delegate-other-economy-404.png")

    oecd = Action.objects.get(text__startswith="Invite OECD")
    assert (response.status, oecd.status, ProgressNote.objects.filter(action=oecd).count(),
            japan_action.progress_notes.count()) == (404, ActionStatus.DONE, 2, 0)
