"""Record pages, the source reader and the corrections log in Chromium: they fit a phone,
and a reader can go from a figure to its sentence in the whole source text."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PROVENANCE_PATHS, PUBLICATION


@pytest.mark.parametrize("path", PROVENANCE_PATHS)
def test_phone_reader_never_scrolls_sideways(browser, site, path, screenshots):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site + path)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    name = path.strip("/").replace("/", "-")
    page.screenshot(path=screenshots / f"phone-{name}.png", full_page=True)
    context.close()


def test_reader_goes_from_a_figure_to_its_sentence_in_the_source(page, site):
    page.goto(site + f"{PUBLICATION}/statistics/real-economy-startups/")
    # The figure first, then what it counts.
    assert page.locator("h1 .figure").inner_text() == "109 startups"
    assert page.locator("h1 .heading-text").inner_text() == (
        "Blockchain startups targeting the real economy"
    )
    page.get_by_role("link", name=re.compile(r"^Paragraph \d+ of the whole report")).click()
    page.wait_for_url(re.compile(r"/source/#p-\d+$"))
    target = page.locator(":target")
    sentence = "109 blockchain starups target the real economy"
    assert target.locator("mark", has_text=sentence).count() == 1
    target.get_by_role("link", name="109 startups").click()
    page.wait_for_url(re.compile(r"/statistics/real-economy-startups/$"))
    assert page.console.problems == []


def test_the_log_folds_minor_changes(page, site):
    page.goto(site + "/changes/")
    minor = page.locator("details", has_text="Chinese note added.")
    assert minor.count() == 1
    assert not minor.locator(".change-note").is_visible()
    minor.locator("summary").click()
    expect(minor.locator(".change-note")).to_be_visible()
    assert page.locator("main").get_by_text("Checked the figure against the source.").is_visible()
