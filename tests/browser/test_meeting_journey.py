"""Staff record a meeting in Chromium: create the 15th SMEWG meeting, tick attendance, read it back."""
import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.conftest import browser_sign_in
from tests.factories import MeetingFactory

PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
def test_meeting_journey_staff_creates_meeting_and_attendance(page, live_server, secretariat_user, artifacts_dir):
    browser_sign_in(page, "sec", "pw-sec")
    page.goto("/meetings/")
    page.get_by_role("link", name="New meeting").click()

    page.get_by_label("Meeting number").fill("15")
    page.get_by_label("City").fill("Acapulco")
    page.get_by_label("Host economy").select_option(label="Mexico")
    page.get_by_label("Start date").fill("2002-08-21")
    page.get_by_label("End date").fill("2002-08-20")
    page.get_by_label("Chair", exact=True).fill("Moises Gomez Reyna")
    page.get_by_label("Status").select_option(label="Held")
    page.get_by_role("button", name="Create the meeting").click()
    expect(page.get_by_text("The meeting cannot end before it starts.")).to_be_visible()
    expect(page.get_by_label("City")).to_have_value("Acapulco")
    page.screenshot(path=artifacts_dir / "meeting-form-error.png", full_page=True)
    page.get_by_label("Start date").fill("2002-08-20")
    page.get_by_label("End date").fill("2002-08-21")
    page.get_by_role("button", name="Create the meeting").click()
    expect(page.get_by_role("heading", name="15th SMEWG Meeting")).to_be_visible()
    expect(page.get_by_text("Acapulco, Mexico, 20-21 August 2002")).to_be_visible()

    page.get_by_role("link", name="Attendance").click()
    for economy in ["Australia", "Chile", "Japan", "Mexico"]:
        page.get_by_label(economy, exact=True).check()
    page.get_by_label("Pacific Economic Cooperation Council", exact=True).check()
    page.screenshot(path=artifacts_dir / "meeting-attendance.png", full_page=True)
    page.get_by_role("button", name="Save attendance").click()

    expect(page.get_by_text("Attendance saved")).to_be_visible()
    expect(page.locator("#present-economies")).to_have_text(
        "Representatives from Australia; Chile; Japan; and Mexico participated in the meeting."
    )
    expect(page.locator("#absent-economies")).to_contain_text("Viet Nam")
    page.screenshot(path=artifacts_dir / "meeting-detail.png", full_page=True)
    meeting = Meeting.objects.get(number=15)
    assert (meeting.city, meeting.attendances.count()) == ("Acapulco", 5)

    page.get_by_role("link", name="History").click()
    expect(page.locator("#history")).to_contain_text("Attendance: Chile")
    page.screenshot(path=artifacts_dir / "meeting-history.png", full_page=True)
    page.goto("/meetings/")
    expect(page.get_by_role("link", name="15th SMEWG Meeting")).to_be_visible()
    page.screenshot(path=artifacts_dir / "meetings-list.png", full_page=True)
    page.goto(f"/meetings/{meeting.pk}/participants/")
    page.screenshot(path=artifacts_dir / "meeting-participants.png", full_page=True)

    page.set_viewport_size(PHONE)
    page.goto(f"/meetings/{meeting.pk}/")
    page.screenshot(path=artifacts_dir / "meeting-detail-390.png", full_page=True)
    page.goto("/meetings/")
    page.screenshot(path=artifacts_dir / "meetings-list-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.browser
def test_meeting_journey_delegate_cannot_reach_edit_pages(page, live_server, delegate_user, artifacts_dir):
    meeting = MeetingFactory(number=15)
    browser_sign_in(page, "mex", "pw-mex")

    statuses = {}
    for path in ["/meetings/new/", f"/meetings/{meeting.pk}/edit/", f"/meetings/{meeting.pk}/attendance/",
                 f"/meetings/{meeting.pk}/participants/add/", f"/meetings/{meeting.pk}/participants/import/"]:
        statuses[path] = page.goto(path).status

    assert set(statuses.values()) == {403}
    expect(page.get_by_role("heading", name="You are not allowed to do this")).to_be_visible()
    page.screenshot(path=artifacts_dir / "meeting-delegate-403.png", full_page=True)
