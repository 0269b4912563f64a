"""axe-core on every main page, as each role sees it: no serious or critical violation.

axe-core is vendored in tests/browser/vendor/axe-core/ (from the npm registry; see its README
row in static/vendor/README.md). The pages run with their Content-Security-Policy bypassed
for the injected checker only (``bypass_csp``); everything else is the page as served.
"""
import re
from pathlib import Path

import pytest

from meetings.models import Action, Document, Meeting, Participant, SummaryExport
from projects.models import Project
from tests.conftest import browser_sign_in
from tests.factories import DocumentFactory

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# The DRAFT watermark is pure decoration (aria-hidden, meant to be faint): WCAG 1.4.3 sets no
# contrast for such "incidental" text, and the draft is also said in words beside the title.
DECORATION = [".watermark"]
SEED = Path(__file__).resolve().parents[1] / "meetings" / "summaries" / "seed" / "smewg14-chairs-summary.txt"


@pytest.fixture
def axe_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[str]:
    """Serious and critical violations on the page as it stands, one line each."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async (exclude) => await axe.run({exclude: exclude.map((s) => [s])}, {resultTypes: ['violations']})",
        DECORATION,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def check_pages(page, pages: dict[str, str], artifacts_dir, prefix: str) -> dict[str, list[str]]:
    found = {}
    for name, path in pages.items():
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        assert response.status < 500, f"{name}: {path} answered {response.status}"
        page.screenshot(path=artifacts_dir / f"axe-{prefix}-{re.sub(r'[^a-z0-9]+', '-', name)}.png", full_page=True)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    return found


@pytest.mark.browser
def test_accessibility_signed_out_pages_have_no_serious_violation(axe_page, live_server, artifacts_dir):
    pages = {
        "login": "/accounts/login/",
        "password reset": "/accounts/password_reset/",
        "password reset sent": "/accounts/password_reset/done/",
        "password reset link invalid": "/accounts/reset/MQ/invalid-token/",
        "password reset complete": "/accounts/reset/done/",
    }

    assert check_pages(axe_page, pages, artifacts_dir, "anon") == {}


@pytest.mark.browser
def test_accessibility_staff_pages_have_no_serious_violation(
    axe_page, live_server, secretariat_user, draft_meeting, artifacts_dir
):
    meeting = draft_meeting  # editable: the edit pages show their forms, not the lock
    item = meeting.agenda_items.order_by("position").first()
    participant = Participant.objects.filter(meeting=meeting).first()
    document = Document.objects.filter(meeting=meeting).first() or DocumentFactory(meeting=meeting)
    action = Action.objects.filter(agenda_item__meeting=meeting).first()
    project = Project.objects.first()
    export = SummaryExport.objects.create(meeting=meeting, requested_by=secretariat_user)
    browser_sign_in(axe_page, "sec", "pw-sec")
    pages = {
        "meeting list": "/meetings/",
        "new meeting": "/meetings/new/",
        "meeting page": f"/meetings/{meeting.pk}/",
        "meeting header": f"/meetings/{meeting.pk}/edit/",
        "agenda editor": f"/meetings/{meeting.pk}/agenda/",
        "agenda item": f"/meetings/{meeting.pk}/agenda/{item.pk}/",
        "attendance": f"/meetings/{meeting.pk}/attendance/",
        "attendance copy": f"/meetings/{meeting.pk}/attendance/copy/",
        "participants": f"/meetings/{meeting.pk}/participants/",
        "participant form": f"/meetings/{meeting.pk}/participants/{participant.pk}/edit/",
        "participant import": f"/meetings/{meeting.pk}/participants/import/",
        "documents": f"/meetings/{meeting.pk}/documents/",
        "document form": f"/meetings/{meeting.pk}/documents/{document.pk}/edit/",
        "history": f"/meetings/{meeting.pk}/history/",
        "summary preview": f"/meetings/{meeting.pk}/summary/",
        "export status": f"/meetings/summary-exports/{export.pk}/",
        "action tracker": "/meetings/actions/",
        "action page": f"/meetings/actions/{action.pk}/",
        "projects list": "/projects/",
        "project page": f"/projects/{project.pk}/",
        "project form": f"/projects/{project.pk}/edit/",
        "import upload": "/meetings/import/",
        "import drafts": "/meetings/import/drafts/",
        "password change": "/accounts/password_change/",
        "not found": "/meetings/999999/",
        "chair's queue": "/meetings/awaiting-adoption/",
        "numbers": "/insights/SMEWG/",
        "search": "/insights/search/?q=OECD",
    }

    found = check_pages(axe_page, pages, artifacts_dir, "staff")

    axe_page.goto("/meetings/import/")
    axe_page.get_by_label("Chair's summaries").set_input_files(str(SEED))
    axe_page.get_by_role("button", name="Read the summaries").click()
    axe_page.wait_for_load_state("networkidle")
    axe_page.screenshot(path=artifacts_dir / "axe-staff-import-review.png", full_page=True)
    if violations := axe_violations(axe_page):
        found["import review"] = violations
    assert found == {}


@pytest.mark.browser
def test_accessibility_chair_and_delegate_pages_have_no_serious_violation(
    axe_page, live_server, chair_user, delegate_user, demo_meeting, artifacts_dir
):
    Meeting.objects.filter(pk=demo_meeting.pk).update(status="circulated")
    action = Action.objects.filter(responsible_economies__code="MEX").first()
    browser_sign_in(axe_page, "chair", "pw-chair")
    found = check_pages(axe_page, {"chair's landing page": "/", "meeting page (chair)": f"/meetings/{demo_meeting.pk}/"},
                        artifacts_dir, "chair")
    axe_page.context.clear_cookies()

    browser_sign_in(axe_page, "mex", "pw-mex")
    found |= check_pages(axe_page, {
        "my-economy dashboard": "/meetings/my-economy/",
        "action page (delegate)": f"/meetings/actions/{action.pk}/",
        "not allowed": f"/meetings/{demo_meeting.pk}/edit/",
    }, artifacts_dir, "delegate")

    assert found == {}
