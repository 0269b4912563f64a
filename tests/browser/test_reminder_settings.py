"""A delegate turns e-mail reminders of due actions off, then on again, in Chromium."""
import pytest
from playwright.sync_api import expect

from accounts.models import Profile
from tests.conftest import browser_sign_in


@pytest.mark.browser
def test_delegate_turns_reminders_off_and_on_from_the_menu(page, live_server, delegate_user, artifacts_dir):
    browser_sign_in(page, "mex", "pw-mex")

    page.get_by_role("button", name="mex (MEX)").click()
    page.get_by_role("link", name="E-mail settings").click()
    checkbox = page.get_by_label("E-mail reminders of due actions")
    expect(checkbox).to_be_checked()
    checkbox.uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("E-mail reminders of due actions are off.")
    expect(page.get_by_label("E-mail reminders of due actions")).not_to_be_checked()
    page.screenshot(path=artifacts_dir / "reminder-settings.png", full_page=True)
    off = Profile.objects.get(user=delegate_user).action_reminders

    page.get_by_label("E-mail reminders of due actions").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("are on.")

    assert (off, Profile.objects.get(user=delegate_user).action_reminders) == (False, True)
