"""Every table page, in both languages, as a reader meets it on a laptop or a desktop (the
table fits its box, each row is as tall as its content, the header reads in order) and on a
phone (the rows are cards). Screenshots of each at 1,280 px go to artifacts/screenshots/."""

import itertools

import pytest
from django.conf import settings

from reports.tables.catalogue import TABLES
from tests.browser.conftest import open_page

#: Every table page in every language of the site (the default one unprefixed).
TABLE_PATHS = [
    f"{'' if code == settings.LANGUAGE_CODE else '/' + code}/{table.slug}/"
    for code, _name in settings.LANGUAGES
    for table in TABLES
]
#: Views a reader reaches by sorting and filtering: a sort that parts a sentence's rows, a
#: filter that makes every row share a value, a sort by a column the page does not show.
VIEW_PATHS = ["/segments/?sort=name", "/zh-hans/regions/?kind=province", "/statistics/?sort=-unit"]

MEASURE = """() => {
    const tables = [...document.querySelectorAll('.table-scroll')].map(box => ({
        table: box.querySelector('table').scrollWidth,
        box: box.clientWidth,
        scrolls: box.scrollWidth > box.clientWidth,
    }));
    const rows = [...document.querySelectorAll('.data-table tbody tr')].map(row => {
        let tallest = 0;
        for (const cell of row.cells) {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const style = getComputedStyle(cell);
            const content = range.getBoundingClientRect().height
                + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
            tallest = Math.max(tallest, content);
        }
        return {row: row.id || row.className, height: row.getBoundingClientRect().height, tallest};
    });
    const page = [document.documentElement.scrollWidth, document.documentElement.clientWidth];
    return {tables, rows, page};
}"""

HEADER = """() => ['.site-name', '.site-header .nav', '.languages', '.search-box'].map(selector => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return {selector, top: box.top, bottom: box.bottom, left: box.left, right: box.right};
})"""


def name(path):
    return path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")


#: The widths each table page is measured at, in one visit: the issue's three, and a tablet's
#: (above the phones' cards, below the laptops').
DESKTOP_WIDTHS = [1024, 768, 1280, 1440]
#: The phone widths, in one visit.
PHONE_WIDTHS = [360, 390]


def assert_table_fits(found):
    assert found["tables"], "no table on the page"
    for table in found["tables"]:
        assert table["table"] <= table["box"] and not table["scrolls"], table
    assert found["page"][0] <= found["page"][1], found["page"]
    assert found["rows"]
    for row in found["rows"]:
        assert row["height"] <= 2 * row["tallest"], row


def assert_header_reads_in_order(items):
    """The site's name, the navigation, the language switch and the search box: on one
    line, or on two, each after the one before it, language and search together."""
    lines = 1
    for before, after in itertools.pairwise(items):
        same_line = after["top"] < before["bottom"] and after["left"] >= before["right"]
        next_line = after["top"] >= before["bottom"] - 1
        assert same_line or next_line, (before, after)
        lines += not same_line
    assert lines <= 2, items
    languages, search = items[2], items[3]
    assert search["top"] < languages["bottom"] and search["left"] >= languages["right"]


@pytest.mark.parametrize("path", TABLE_PATHS + VIEW_PATHS)
def test_table_fits_its_page_and_rows_are_as_tall_as_their_content(
    browser, site, screenshots, path
):
    """At 768, 1,024, 1,280 and 1,440 px; at 1,280 px the header reads in order too."""
    context, page = open_page(browser, site, path, DESKTOP_WIDTHS[0])
    for width in DESKTOP_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found = page.evaluate(MEASURE)
        if width == 1280:
            target = screenshots / f"table-{name(path)}-{width}.png"
            page.screenshot(path=target, full_page=True)
            assert target.stat().st_size > 10_000
            assert_header_reads_in_order(page.evaluate(HEADER))
        assert_table_fits(found)
    problems = page.console.problems
    context.close()
    assert problems == []


@pytest.mark.parametrize("path", TABLE_PATHS)
def test_phone_rows_are_cards_that_fit_the_screen(browser, site, path):
    context, page = open_page(browser, site, path, PHONE_WIDTHS[0], height=800, is_mobile=True)
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        rows = page.locator(".data-table.cards tbody tr[id]")
        first = rows.first
        display = first.evaluate("e => getComputedStyle(e).display")
        boxes = [row.bounding_box() for row in rows.all()]
        label = first.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content")
        assert widths[0] <= widths[1], (width, widths)
        assert display == "block"
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= widths[1] for box in boxes)
        assert label.strip('"')  # each value under its column's name
    problems = page.console.problems
    context.close()
    assert problems == []
