"""The numbers page and search in Chromium: charts with their tables, filters, the read rule."""
import pytest
from playwright.sync_api import expect

from tests.conftest import browser_sign_in
from tests.insights.record import small_record


@pytest.mark.browser
def test_numbers_page_charts_tables_and_filters(page, live_server, secretariat_user, artifacts_dir):
    small_record()
    browser_sign_in(page, "sec", "pw-sec")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Numbers").click()

    expect(page.get_by_role("heading", name="SMEWG in numbers")).to_be_visible()
    for chart in ["attendance", "participants", "actions", "open", "completion"]:
        expect(page.locator(f"svg#chart-{chart}")).to_be_visible()
        expect(page.locator(f"#table-{chart}")).to_be_visible()
    expect(page.get_by_role("img", name="Participants by sex at each meeting")).to_be_visible()
    expect(page.locator("#table-participants tbody tr")).to_have_count(2)
    expect(page.locator("#heatmap tbody tr")).to_have_count(2)
    page.screenshot(path=artifacts_dir / "numbers.png", full_page=True)

    page.get_by_label("Meetings from").fill("2011-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#table-participants tbody tr")).to_have_count(1)
    expect(page.locator("#table-participants tbody")).to_contain_text("SMEWG 21")
    expect(page.get_by_label("Meetings from")).to_have_value("2011-01-01")

    with page.expect_download() as download:
        page.locator("#participants").get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename.startswith("SMEWG-participants-")

    page.get_by_label("Meetings from").fill("2012-01-01")
    page.get_by_label("to", exact=True).fill("2011-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#filter-errors")).to_be_visible()
    expect(page.get_by_text("The end of the range is before its start.")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/insights/SMEWG/")
    width = page.locator("svg#chart-participants").bounding_box()["width"]
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    page.screenshot(path=artifacts_dir / "numbers-390.png", full_page=True)
    assert (300 < width <= 390, page_width) == (True, 390)  # the heat-map scrolls inside its box


@pytest.mark.browser
def test_numbers_page_delegate_sees_own_economy(page, live_server, delegate_user, artifacts_dir):
    small_record()
    browser_sign_in(page, "mex", "pw-mex")

    page.goto("/insights/SMEWG/")

    expect(page.locator("#heatmap thead th")).to_have_count(2)  # Meeting, MEX
    expect(page.locator("#table-open tbody")).to_contain_text("Mexico")
    expect(page.locator("#table-open tbody")).not_to_contain_text("Japan")
    page.screenshot(path=artifacts_dir / "numbers-delegate.png", full_page=True)


@pytest.mark.browser
def test_search_finds_stemmed_decision_and_hides_what_a_delegate_may_not_open(
    page, live_server, browser, secretariat_user, delegate_user, artifacts_dir
):
    small_record()
    browser_sign_in(page, "sec", "pw-sec")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Words").fill("publishing")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#search-results")
    expect(results.locator("[data-kind=decision]")).to_have_count(1)
    expect(results.locator("[data-kind=decision] mark")).to_have_text("publish")
    expect(results.locator("[data-kind=decision]")).to_contain_text("20th SMEWG meeting, Lima, 1-2 April 2010")
    page.get_by_text("Filters").click()
    page.get_by_label("Agreed action").check()
    page.get_by_role("button", name="Search").click()
    expect(results.locator("li")).to_have_count(1)
    expect(results.locator("[data-kind=action]")).to_contain_text("Publish the readiness guide")
    page.screenshot(path=artifacts_dir / "search.png", full_page=True)

    delegate = browser.new_context(base_url=live_server.url)
    delegate_page = delegate.new_page()
    browser_sign_in(delegate_page, "mex", "pw-mex")
    delegate_page.goto("/insights/search/?q=seminar")
    expect(delegate_page.locator("#search-summary")).to_contain_text("Nothing matches “seminar”")
    delegate_page.goto("/insights/search/?q=budget")
    expect(delegate_page.locator("#search-summary")).to_contain_text("Nothing matches “budget”")
    delegate_page.goto("/insights/search/?q=guide")
    expect(delegate_page.locator("#search-results li").first).to_be_visible()
    delegate_page.screenshot(path=artifacts_dir / "search-delegate.png", full_page=True)
    delegate.close()
