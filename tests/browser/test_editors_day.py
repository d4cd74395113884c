"""An editor's day in the admin, at 1,280 px and at 390 px: find the 456 statistic, correct
its Chinese label with a note, import a CSV file through its preview, have a Publisher publish
a release (both factors), revert the label; axe finds nothing on any of those admin pages,
and each step is screenshotted (artifacts/screenshots/editors-day-*)."""

import json
import re

import pytest

from tests.browser.conftest import EDITOR_PASSWORD, PUBLISHER_PASSWORD, sign_in
from tests.browser.test_accessibility import violations

#: The Chinese label each run gives the figure, and the note the import puts on another one.
LABELS = {1280: "以区块链为主营业务的企业数量", 390: "主营业务为区块链的企业"}
IMPORTED_NOTES = {1280: "Checked against the white paper.", 390: "Checked again on a phone."}
HEADER = "publication,key,note"
SLUG = "miit-blockchain-white-paper-2018"


class Day:
    """One run of the day: its page, width, screenshots and what axe found on each page."""

    def __init__(self, page, width, screenshots):
        self.page, self.width, self.screenshots = page, width, screenshots
        self.found = {}

    def check(self, name):
        """axe on the page as it is, and a screenshot of it."""
        self.found[name] = violations(self.page)
        self.page.screenshot(
            path=self.screenshots / f"editors-day-{self.width}-{name}.png", full_page=True
        )

    def fits(self, selector):
        """The element is no wider than the screen (nothing to scroll sideways in it)."""
        box = self.page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= self.width + 1, (selector, box)


@pytest.mark.parametrize("width", [1280, 390])
def test_an_editors_day(browser, site, screenshots, tmp_path, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    day = Day(context.new_page(), width, screenshots)
    page = day.page

    # Morning: sign in (an Editor has no second factor to give) and find the 456 figure.
    sign_in(page, site, "editor", EDITOR_PASSWORD)
    page.goto(site + "/admin/whitepaper/statistic/?q=456")
    assert page.locator("#result_list tbody tr").count() == 1
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [h.strip().upper() for h in headers[1:5]] == ["LABEL", "AS SHOWN", "VALUE", "UNIT"]
    assert page.locator("#changelist-filter").get_by_text("By category").count() == 1
    day.check("statistics")
    page.get_by_role("link", name="Enterprises with blockchain as their main business").click()

    # Correct its Chinese label, beside the English one, with a note in both languages.
    english = page.get_by_label(re.compile(r"^Label:?$"))
    chinese = page.get_by_label("Label (Chinese)")
    assert english.bounding_box()["y"] == pytest.approx(chinese.bounding_box()["y"], abs=2) or (
        width < 800  # on a phone the two stack, one right under the other
    )
    old_label = chinese.input_value()
    chinese.fill(LABELS[width])
    page.get_by_role("button", name="Save", exact=True).click()
    assert "write a short public note" in page.locator(".errorlist").first.inner_text()
    page.get_by_role("textbox", name=re.compile(r"^Public note:?$")).fill(
        "The Chinese label reworded."
    )
    page.get_by_label("Public note (Chinese)").fill("中文标签措辞调整。")
    day.check("statistic-form")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    # Import a CSV file: one changed note on a published figure, one note for the file.
    csv_file = tmp_path / f"statistics-{width}.csv"
    csv_file.write_text(
        f'{HEADER}\n{SLUG},real-economy-startups,"{IMPORTED_NOTES[width]}"\n', encoding="utf-8"
    )
    page.goto(site + "/admin/whitepaper/statistic/import/")
    page.get_by_label("File to import").set_input_files(csv_file)
    page.get_by_role("textbox", name=re.compile(r"^Public note:?$")).fill(
        "Notes checked against the source."
    )
    page.get_by_role("button", name="Submit").click()
    preview = page.locator("table.import-changes")
    assert IMPORTED_NOTES[width] in preview.inner_text()
    day.fits("table.import-changes")
    day.check("import-preview")
    page.get_by_role("button", name="Confirm import").click()
    assert "1 update" in page.locator(".messagelist").inner_text().lower()

    # Afternoon: a Publisher publishes the day's changes as a release.
    publisher = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    desk = Day(publisher.new_page(), width, screenshots)
    desk.page.goto(site + "/admin/login/")
    desk.page.get_by_label("Username").fill(f"publisher-{width}")
    desk.page.get_by_label("Password").fill(PUBLISHER_PASSWORD)
    desk.page.get_by_role("button", name="Log in").click()
    assert "Two-factor sign-in" in desk.page.content()
    desk.check("second-factor")
    from tests.browser.conftest import code_for

    desk.page.get_by_label("Code from your authenticator app").fill(code_for(f"publisher-{width}"))
    desk.page.get_by_role("button", name="Sign in").click()
    desk.page.goto(site + "/admin/whitepaper/release/publish/")
    assert "changed" in desk.page.locator("#content").inner_text()
    desk.page.get_by_label(re.compile(r"^Release notes:?$")).fill("A Chinese label and a note.")
    desk.check("publish")
    desk.page.get_by_role("button", name=re.compile("Publish")).click()
    published = desk.page.locator(".messagelist").inner_text()
    assert re.search(r"Published release 1\.0\.\d", published), published
    publisher.close()

    # Evening: the editor reverts the label to the version before the correction.
    page.goto(site + "/admin/whitepaper/statistic/?q=456")
    page.get_by_role("link", name="Enterprises with blockchain as their main business").click()
    page.get_by_role("link", name="History").click()
    day.check("history")
    versions = page.locator("#change-history tbody tr td:first-child a")
    versions.nth(1).click()  # newest first: the one before the correction
    assert page.get_by_label("Label (Chinese)").input_value() == old_label
    page.get_by_role("textbox", name=re.compile(r"^Public note:?$")).fill(
        "Back to the earlier Chinese label."
    )
    day.check("revert")
    page.get_by_role("button", name="Revert").click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    page.goto(site + "/changes/")
    assert "Back to the earlier Chinese label." in page.locator("main").inner_text()
    context.close()

    found = {**day.found, **{f"publisher {k}": v for k, v in desk.found.items()}}
    assert found == {name: [] for name in found}, json.dumps(found, indent=1)
