"""Journeys through the site as readers and staff make them, in Chromium."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import EDITOR_PASSWORD


def table_keys(page):
    return [
        row.get_attribute("id").removeprefix("statistic-")
        for row in page.locator("table.data-table tbody tr[id]").all()
    ]


def test_reader_filters_sorts_and_downloads_what_they_see(page, site):
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Statistics").click()
    page.wait_for_url(re.compile(r"/statistics/$"))
    page.get_by_label("Category").select_option("startups")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"category=startups"))
    page.get_by_role("link", name=re.compile(r"^Value")).click()
    page.wait_for_url(re.compile(r"sort=value"))
    shown = table_keys(page)
    assert shown == ["financial-solution-startups", "real-economy-startups"]
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Value")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "statistics_category-startups.csv"
    text = download.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["key"] for row in rows] == shown
    assert page.console.problems == []


@pytest.mark.parametrize("path", ["/", "/statistics/", "/regions/"])
def test_phone_reader_never_scrolls_the_page_sideways(browser, site, path, screenshots):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site + path)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    # On a phone a table's rows are cards: each fits the screen, with nothing to scroll.
    if page.locator(".data-table.cards").count():
        row = page.locator(".data-table.cards tbody tr[id]").first
        assert row.evaluate("e => getComputedStyle(e).display") == "block"
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= widths[1]
        label = row.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content")
        assert label.strip('"') in ("Figure", "Region")
        # A screen reader still meets a table with its column headers.
        assert page.get_by_role("columnheader").count() > 0
        assert page.get_by_role("table").count() == 1
    name = path.strip("/").replace("/", "-") or "overview"
    page.screenshot(path=screenshots / f"phone-{name}.png", full_page=True)
    context.close()


def focused(page):
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const style = getComputedStyle(e);
            return {
                text: e.innerText.trim(),
                href: e.getAttribute('href') || '',
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            };
        }"""
    )


def test_keyboard_reader_reaches_skip_nav_sort_and_download(page, site):
    page.goto(site + "/statistics/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Skip to content"
    assert first["outline"]
    reached = {}
    for _ in range(60):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["href"] == "/regions/":
            reached["navigation"] = now
        elif "sort=" in now["href"]:
            reached.setdefault("sort link", now)
        elif now["text"] == "Download CSV":
            reached["download"] = now
        if len(reached) == 3:
            break
    assert set(reached) == {"navigation", "sort link", "download"}
    assert all(item["outline"] for item in reached.values()), reached


def test_skip_link_moves_focus_to_the_content(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_staff_edit_shows_on_the_public_page_with_history(page, site, staff_cookies):
    page.context.add_cookies(staff_cookies)
    page.goto(site + "/admin/")
    page.get_by_role("link", name="Statistics").first.click()
    page.get_by_role("link", name="Share of blockchain companies located in Beijing").click()
    page.get_by_label(re.compile(r"^Value:?$")).fill("81")
    # 81 is not what the source says: the change is refused until the editor confirms it
    # and says why in public.
    page.get_by_role("button", name="Save", exact=True).click()
    assert "81 does not appear as a number" in page.locator(".field-value").inner_text()
    page.get_by_label("Confirm mismatch").check()
    page.get_by_role("textbox", name=re.compile(r"^Public note:?$")).fill(
        "Testing a figure the source does not state."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.goto(site + "/")
    assert "over 81%" in page.locator(".headline-figures").inner_text()
    page.goto(site + "/changes/")
    assert "Testing a figure the source does not state." in page.locator("main").inner_text()

    page.goto(site + "/admin/whitepaper/statistic/")
    page.get_by_role("link", name="Share of blockchain companies located in Beijing").click()
    page.get_by_role("link", name="History").click()
    history = page.locator("#change-history").inner_text()
    assert "staff" in history
    assert "Value" in history or "value" in history
    # Put the figure back for the other journeys.
    page.go_back()
    page.get_by_label(re.compile(r"^Value:?$")).fill("80")
    page.get_by_role("textbox", name=re.compile(r"^Public note:?$")).fill(
        "Back to the figure the source states."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()


def test_editor_cannot_reach_users_and_lockout_after_five_failures(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Statistics").first).to_be_visible()
    assert page.get_by_role("link", name="Users").count() == 0
    response = page.goto(site + "/admin/auth/user/")
    assert response.status == 403
    context.close()

    context = browser.new_context()
    page = context.new_page()
    for _ in range(5):
        page.goto(site + "/admin/login/")
        page.get_by_label("Username").fill("locked-user")
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Log in").click()
    assert "Sign-in locked" in page.content()
    context.close()
