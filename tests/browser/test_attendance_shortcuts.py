"""Staff fill in attendance quickly: copy from the previous meeting after confirming, tick all members."""
import datetime

import pytest
from playwright.sync_api import expect

from meetings.models import MeetingStatus
from tests.conftest import browser_sign_in
from tests.factories import MeetingFactory


@pytest.mark.browser
def test_attendance_shortcuts_copy_previous_then_tick_all(page, live_server, secretariat_user, demo_meeting,
                                                          artifacts_dir):
    meeting = MeetingFactory(number=15, status=MeetingStatus.HELD, start_date=datetime.date(2002, 8, 20),
                             end_date=datetime.date(2002, 8, 21))
    browser_sign_in(page, "sec", "pw-sec")
    page.goto(f"/meetings/{meeting.pk}/attendance/")

    page.get_by_role("link", name="Copy attendance and participants from the 14th SMEWG Meeting").click()
    expect(page.locator("#copy-attendance-plan")).to_contain_text("Adds ")
    page.screenshot(path=artifacts_dir / "attendance-copy-confirm.png", full_page=True)
    assert meeting.attendances.count() == 0
    page.get_by_role("button", name="Copy from the 14th SMEWG Meeting").click()

    expect(page.get_by_text("Copied from the 14th SMEWG Meeting:")).to_be_visible()
    expect(page.get_by_label("Australia", exact=True)).to_be_checked()
    expect(page.get_by_label("Viet Nam", exact=True)).not_to_be_checked()
    assert meeting.participants.count() == demo_meeting.participants.count()

    page.get_by_role("button", name="Tick all member economies").click()
    expect(page.get_by_label("Viet Nam", exact=True)).to_be_checked()
    page.screenshot(path=artifacts_dir / "attendance-tick-all.png", full_page=True)
    page.get_by_label("Viet Nam", exact=True).uncheck()
    page.get_by_role("button", name="Save attendance").click()

    expect(page.get_by_text("Attendance saved")).to_be_visible()
    expect(page.locator("#absent-economies")).to_have_text("Absent member economies: Viet Nam.")
