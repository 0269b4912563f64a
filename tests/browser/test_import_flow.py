"""Staff import summaries in Chromium: one file or several, the list of drafts, review beside the source, save."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.models import ImportDraft, Meeting, MeetingStatus
from tests.conftest import browser_sign_in

SEED = Path(__file__).resolve().parents[1] / "meetings" / "summaries" / "seed" / "smewg14-chairs-summary.txt"
ACAPULCO = SEED.parent.parent / "smewg30-acapulco.txt"
HANOI = SEED.parent.parent / "smewg22-hanoi.txt"


@pytest.mark.browser
def test_import_flow_seed_reviewed_corrected_and_saved(page, secretariat_user, artifacts_dir):
    browser_sign_in(page, "sec", "pw-sec")
    page.get_by_role("link", name="Import summary").click()
    page.get_by_label("Chair's summaries").set_input_files(str(SEED))
    page.get_by_role("button", name="Read the summaries").click()

    expect(page.get_by_role("heading", name="Review the imported summary")).to_be_visible()
    expect(page.locator("#recognised-agenda")).to_contain_text("11. Invitation to OECD")
    expect(page.locator("#import-source #line-1")).to_contain_text("14th Meeting in Vina del Mar")
    page.screenshot(path=str(artifacts_dir / "import-review-seed.png"), full_page=False)
    page.locator("#recognised-agenda").screenshot(path=str(artifacts_dir / "import-review-seed-agenda.png"))
    assert Meeting.objects.count() == 0

    page.get_by_label("City").fill("Viña del Mar")
    page.get_by_role("button", name="Save as draft meeting").click()

    meeting = Meeting.objects.get()
    expect(page).to_have_url(re.compile(rf"{meeting.get_absolute_url()}$"))
    expect(page.locator("h1")).to_contain_text("14th SMEWG Meeting")
    expect(page.get_by_text("Viña del Mar, Chile")).to_be_visible()
    assert (meeting.city, meeting.status) == ("Viña del Mar", MeetingStatus.DRAFTED)
    page.screenshot(path=str(artifacts_dir / "import-saved-meeting.png"), full_page=False)


@pytest.mark.browser
def test_import_flow_unrecognised_names_highlighted(page, secretariat_user, artifacts_dir):
    browser_sign_in(page, "sec", "pw-sec")
    page.goto("/meetings/import/")
    page.get_by_label("Chair's summaries").set_input_files(str(ACAPULCO))
    page.get_by_role("button", name="Read the summaries").click()

    expect(page.locator("#import-problems")).to_contain_text("Unknown economy or organisation “Narnia”")
    expect(page.locator("#line-3 mark.unknown-name").first).to_have_text("Narnia")
    page.screenshot(path=str(artifacts_dir / "import-review-problems.png"), full_page=False)


@pytest.mark.browser
def test_import_flow_several_files_listed_then_one_reviewed_and_saved(page, secretariat_user, artifacts_dir, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    browser_sign_in(page, "sec", "pw-sec")
    page.get_by_role("link", name="Import summary").click()
    page.get_by_label("Chair's summaries").set_input_files([str(SEED), str(HANOI), str(empty)])
    page.get_by_role("button", name="Read the summaries").click()

    expect(page.get_by_role("heading", name="Imported summaries to review")).to_be_visible()
    expect(page.get_by_role("alert").first).to_contain_text("2 of 3 files read and waiting for review; 1 refused.")
    rows = page.locator("#import-drafts tbody tr")
    expect(rows).to_have_count(3)
    hanoi = ImportDraft.objects.get(filename=HANOI.name)
    expect(page.locator(f"#draft-{hanoi.pk}")).to_contain_text("SMEWG 22, Hanoi, 2006-03-21")
    expect(page.locator("#import-drafts")).to_contain_text("The file is empty.")
    page.screenshot(path=str(artifacts_dir / "import-drafts-list.png"), full_page=True)

    page.get_by_role("link", name=f"Review {HANOI.name}").click()
    expect(page.get_by_role("heading", name="Review the imported summary")).to_be_visible()
    expect(page.locator("#field-sources [data-field=dates]")).to_contain_text("line 3")
    expect(page.locator("#field-sources [data-field=other_participants]")).to_contain_text("kept as printed")
    page.screenshot(path=str(artifacts_dir / "import-review-hanoi.png"), full_page=False)
    page.get_by_role("button", name="Save as draft meeting").click()

    meeting = Meeting.objects.get(number=22)
    expect(page).to_have_url(re.compile(rf"{meeting.get_absolute_url()}$"))
    page.goto("/meetings/import/drafts/")
    expect(page.locator("#import-drafts tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Discard empty.txt").click()
    expect(page.locator("#import-drafts tbody tr")).to_have_count(1)
