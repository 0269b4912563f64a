"""Pages work under the Content-Security-Policy: the browser refuses nothing on them."""
import pytest

from tests.conftest import browser_sign_in


@pytest.mark.browser
def test_staff_pages_break_no_rule_of_the_content_security_policy(page, live_server, secretariat_user, draft_meeting):
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    browser_sign_in(page, "sec", "pw-sec")

    for path in ["/meetings/", f"/meetings/{draft_meeting.pk}/", f"/meetings/{draft_meeting.pk}/attendance/",
                 f"/meetings/{draft_meeting.pk}/participants/", f"/meetings/{draft_meeting.pk}/summary/", f"/meetings/{draft_meeting.pk}/agenda/",
                 "/meetings/actions/", "/projects/", "/insights/", "/accounts/settings/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert refused == []
