"""Searching in Chromium: by keyboard alone, and on a phone."""

import re

import pytest

from tests.browser.test_journeys import focused


def tab_to(page, check, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if check(page):
            return focused(page)
    raise AssertionError("never reached by Tab")


def test_keyboard_reader_searches_and_opens_a_result(page, site):
    page.goto(site + "/")
    box = tab_to(page, lambda p: p.evaluate("() => document.activeElement.id") == "site-search")
    assert box["outline"]
    page.keyboard.type("Guangdong")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Guangdong$"))
    assert "results for “Guangdong”" in page.get_by_role("status").inner_text()
    assert page.locator("mark").first.inner_text() == "Guangdong"
    result = tab_to(
        page, lambda p: p.evaluate("() => document.activeElement.className") == "result-title"
    )
    assert result["href"] == "/publications/miit-blockchain-white-paper-2018/regions/CN-GD/"
    assert result["outline"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/publications/miit-blockchain-white-paper-2018/regions/CN-GD/$"))
    assert page.console.problems == []


@pytest.mark.parametrize("path", ["/search/?q=blockchain", "/zh-hans/search/?q=%E9%87%91%E8%9E%8D"])
def test_phone_reader_searches_without_scrolling_sideways(browser, site, path, screenshots):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site + path)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    box = page.locator("#site-search").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    name = "search-zh" if "zh-hans" in path else "search"
    page.screenshot(path=screenshots / f"phone-{name}.png", full_page=True)
    context.close()
