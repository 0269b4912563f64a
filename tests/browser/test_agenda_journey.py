"""Staff write a meeting's agenda in Chromium: items, decisions, actions, reorder, a document."""
import datetime

import pytest
from playwright.sync_api import expect

from django.db.models import F

from meetings.models import Action, AgendaItem, Document
from tests.conftest import browser_sign_in
from tests.factories import MeetingFactory, ProjectFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def add_item(page, title: str, text: str) -> None:
    form = page.locator("#agenda-item-add")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Summary of the discussion").fill(text)
    form.get_by_role("button", name="Add item").click()
    expect(page.locator("#agenda-items")).to_contain_text(title)


def add_decision(page, card, kind: str, text: str) -> None:
    card.get_by_role("link", name="Add a decision").click()
    section = card.locator(".agenda-decisions")
    section.get_by_label("Kind").select_option(label=kind)
    section.get_by_label("Text").fill(text)
    section.get_by_role("button", name="Add decision").click()
    expect(section.locator(".agenda-decision")).to_contain_text(text)


def add_action(page, card, text: str, economies: list[str], *, next_meeting: bool) -> None:
    card.get_by_role("link", name="Add an agreed action").click()
    section = card.locator(".agenda-actions")
    section.get_by_label("What is to be done").fill(text)
    for economy in economies:
        section.get_by_label(economy, exact=True).check()
    if next_meeting:
        section.get_by_label("Due by the next meeting").check()
    section.get_by_role("button", name="Add agreed action").click()
    expect(section.locator(".agenda-action")).to_contain_text(text)


@pytest.mark.browser
def test_agenda_journey(page, live_server, secretariat_user, artifacts_dir, tmp_path):
    meeting = MeetingFactory(
        number=15, city="Acapulco", start_date=datetime.date(2002, 8, 20), end_date=datetime.date(2002, 8, 21)
    )
    ProjectFactory(title="APEC SME Profile")
    browser_sign_in(page, "sec", "pw-sec")

    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Agenda, decisions and actions").click()
    expect(page.get_by_role("heading", name="Agenda, decisions and agreed actions")).to_be_visible()

    add_item(page, "Projects", "The Group reviewed its projects.\n\n- SME Profile\n- E-commerce")
    add_item(page, "Opening of the meeting", "The Chair welcomed delegates to Acapulco.")
    first, second = (page.locator(f"#agenda-item-{item.pk}") for item in meeting.agenda_items.order_by("position"))
    add_decision(page, first, "Endorsed", "The Group endorsed the project list.")
    add_action(page, first, "Report on the SME Profile", ["Mexico", "Japan"], next_meeting=True)
    add_decision(page, second, "Welcomed", "The Group welcomed the new Chair.")
    add_action(page, second, "Circulate the list of participants", [], next_meeting=False)
    first.get_by_role("link", name="Link a project report").click()
    first.locator(".agenda-projects").get_by_label("Project", exact=True).select_option(label="APEC SME Profile")
    first.get_by_role("button", name="Link project").click()
    expect(first.locator(".agenda-projects")).to_contain_text("APEC SME Profile")

    page.get_by_role("button", name="Move item 2 up").click()
    expect(page.locator("#agenda-items h2").first).to_have_text("1. Opening of the meeting")
    expect(page.locator("#agenda-messages")).to_contain_text("is now item 1")
    page.screenshot(path=str(artifacts_dir / "agenda-editor.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts_dir / "agenda-editor-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # A colleague saves the action while it is open here: saving the stale copy is refused.
    action = Action.objects.get(text="Report on the SME Profile")
    page.locator(f"#action-{action.pk}").get_by_role("link", name="Edit").click()
    action_form = page.locator(f"#action-{action.pk} form")
    action_form.get_by_label("What is to be done").fill("Report on the SME Profile 2002")
    page.screenshot(path=str(artifacts_dir / "agenda-action-form.png"), full_page=True)
    Action.objects.filter(pk=action.pk).update(text="Report on the SME Profile (colleague)", version=F("version") + 1)
    action_form.get_by_role("button", name="Save agreed action").click()
    expect(page.locator(f"#action-{action.pk}")).to_contain_text("Someone else saved this")
    expect(page.locator(f"#action-{action.pk}")).to_contain_text("Report on the SME Profile (colleague)")
    page.screenshot(path=str(artifacts_dir / "agenda-conflict.png"), full_page=True)
    page.locator(f"#action-{action.pk}").get_by_role("button", name="Save my version").click()
    expect(page.locator(f"#action-{action.pk}")).to_contain_text("Report on the SME Profile 2002")

    page.locator(f"#agenda-item-{meeting.agenda_items.get(title='Projects').pk}").get_by_role(
        "link", name="Edit item 2"
    ).click()
    page.locator(".agenda-item-main form").get_by_label("Title").fill("Review of projects")
    page.get_by_role("button", name="Save item").click()
    expect(page.locator("#agenda-items")).to_contain_text("2. Review of projects")

    page.get_by_role("link", name="Documents").click()
    paper = tmp_path / "smewg15-005.pdf"
    paper.write_bytes(PDF)
    page.get_by_label("Symbol").fill("2002/SMEWG15/005")
    page.get_by_label("Title").fill("APEC SME Profile 2002")
    page.get_by_label("Submitted by").select_option(label="Mexico")
    page.get_by_label("Agenda item").select_option(label="2. Review of projects")
    page.get_by_label("File").set_input_files(str(paper))
    page.get_by_role("button", name="Register document").click()
    expect(page.locator("#documents")).to_contain_text("2002/SMEWG15/005")
    page.screenshot(path=str(artifacts_dir / "documents.png"), full_page=True)

    page.get_by_role("link", name="View the record").click()
    record = page.locator("main")
    expect(record.locator("#item-1")).to_contain_text("1. Opening of the meeting")
    expect(record.locator("#item-1")).to_contain_text("The Group welcomed the new Chair.")
    expect(record.locator("#item-2")).to_contain_text("2. Review of projects")
    expect(record.locator("#item-2")).to_contain_text("The Group endorsed the project list.")
    expect(record.locator("#item-2")).to_contain_text("APEC SME Profile")
    expect(record).to_contain_text("Report on the SME Profile 2002")
    expect(record).to_contain_text("Circulate the list of participants")
    expect(record).to_contain_text("2002/SMEWG15/005")
    page.screenshot(path=str(artifacts_dir / "agenda-meeting-record.png"), full_page=True)
    with page.expect_download() as download:
        record.get_by_role("link", name="APEC SME Profile 2002").click()
    assert download.value.suggested_filename == "smewg15-005.pdf"

    page.get_by_role("link", name="Projects", exact=True).click()
    expect(page.locator("#projects")).to_contain_text("APEC SME Profile")
    page.screenshot(path=str(artifacts_dir / "projects-list.png"), full_page=True)
    page.get_by_role("link", name="APEC SME Profile").click()
    expect(page.locator("#project-reports")).to_contain_text("15th SMEWG Meeting, Acapulco, Mexico")
    page.screenshot(path=str(artifacts_dir / "project-detail.png"), full_page=True)
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Mexico").check()
    page.get_by_role("button", name="Save project").click()
    expect(page.locator("main")).to_contain_text("Proposed by Mexico")
    page.goto("/projects/new/")
    page.get_by_label("Title").fill("APEC SME Profile")
    page.get_by_role("button", name="Save project").click()
    expect(page.locator("main")).to_contain_text("The group already has a project titled")
    page.screenshot(path=str(artifacts_dir / "project-form-error.png"), full_page=True)
    assert list(meeting.agenda_items.values_list("position", "title")) == [
        (1, "Opening of the meeting"), (2, "Review of projects"),
    ]
    assert Document.objects.get().agenda_item == AgendaItem.objects.get(title="Review of projects")


@pytest.mark.browser
def test_agenda_editor_without_javascript(browser, live_server, secretariat_user, artifacts_dir):
    """Every form is a plain POST: the editor still works with JavaScript switched off."""
    meeting = MeetingFactory(number=16)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        browser_sign_in(page, "sec", "pw-sec")
        page.goto(f"/meetings/{meeting.pk}/agenda/")
        add_item(page, "First", "")
        add_item(page, "Second", "")
        page.get_by_role("button", name="Move item 2 up").click()
        expect(page.locator("#agenda-items h2").first).to_have_text("1. Second")
        page.get_by_role("link", name="Add a decision to item 1").click()
        page.get_by_label("Kind").select_option(label="Noted")
        page.get_by_label("Text").fill("Noted without JavaScript.")
        page.get_by_role("button", name="Add decision").click()
        expect(page.locator("#agenda-items")).to_contain_text("Noted without JavaScript.")
        expect(page.locator(".alert-success")).to_contain_text("Decision added to item 1.")
        page.screenshot(path=str(artifacts_dir / "agenda-editor-no-js.png"), full_page=True)
    finally:
        context.close()
