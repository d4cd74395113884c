"""Pages written for readers, as a phone and a laptop show them, in both languages: the figure
first (inside the first screen), no page wider than a 360 px phone, chart text readable on a
phone, Releases and Changes in the navigation, and a citation copied in one click.
Screenshots of the overview, a record page and /releases/ go to artifacts/screenshots/."""

import pytest

from tests.browser.conftest import PUBLIC_PATHS, PUBLICATION, open_page

SCREENS = {"phone": (390, 844), "laptop": (1280, 800)}
LANGUAGES = {"en": "", "zh": "/zh-hans"}
RECORD = f"{PUBLICATION}/statistics/blockchain-enterprises/"
#: Every kind of record's page, each in both languages: its figure (or its heading, for a
#: kind without one) inside the first screen.
RECORD_PAGES = [
    RECORD,
    f"{PUBLICATION}/statistics/top-four-regions-share/",
    f"{PUBLICATION}/regions/CN-BJ/",
    f"{PUBLICATION}/segments/media/",
    f"{PUBLICATION}/tendencies/3/",
    f"{PUBLICATION}/findings/first-official-white-paper/",
    f"/releases/1.0.0{RECORD}",
]
NARROW_PAGES = [
    "/",
    "/statistics/",
    "/regions/",
    "/segments/",
    "/tendencies/",
    "/releases/",
    "/releases/1.0.0/",
    "/zh-hans/releases/",
    "/changes/",
    "/about/",
    "/for-programs/",
    "/zh-hans/for-programs/",
    f"{PUBLICATION}/",
    f"{PUBLICATION}/source/",
    *RECORD_PAGES,
    *(f"/zh-hans{path}" for path in RECORD_PAGES[:3]),
    "/api/v1/docs/",
]

FIRST_SCREEN = """(selector) => {
    const element = document.querySelector(selector);
    const box = element.getBoundingClientRect();
    return {top: box.top + window.scrollY, bottom: box.bottom + window.scrollY,
            screen: window.innerHeight, text: element.textContent.trim()};
}"""
CHART_TEXT = """() => [...document.querySelectorAll('.chart svg text')].map(text => {
    const svg = text.closest('svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(text).fontSize) * scale;
})"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_figure_comes_first(browser, site, screenshots, screen, language):
    width, height = SCREENS[screen]
    prefix = LANGUAGES[language]
    context, page = open_page(browser, site, f"{prefix}/", width, height)
    figure = page.evaluate(FIRST_SCREEN, ".headline .figure.big")
    assert figure["text"] and figure["bottom"] <= figure["screen"], figure
    page.screenshot(path=screenshots / f"readers-overview-{language}-{width}.png")
    for path in RECORD_PAGES:
        page.goto(site + prefix + path)
        selector = ".record-heading .figure.big" if "statistics" in path else "h1"
        shown = page.evaluate(FIRST_SCREEN, selector)
        assert shown["text"] and shown["bottom"] <= shown["screen"], (path, shown)
    page.goto(site + prefix + RECORD)
    page.screenshot(path=screenshots / f"readers-record-{language}-{width}.png")
    page.goto(site + prefix + "/releases/")
    page.screenshot(path=screenshots / f"readers-releases-{language}-{width}.png")
    context.close()


def test_no_page_is_wider_than_a_phone(browser, site):
    """The pages test_markup does not already hold to 360 px (every public page)."""
    context, page = open_page(browser, site, "/", 360, 740)
    wide = {}
    for path in (path for path in NARROW_PAGES if path not in PUBLIC_PATHS):
        page.goto(site + path)
        page.wait_for_load_state("networkidle")  # Swagger UI draws the API docs after load
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    context.close()
    assert wide == {}


@pytest.mark.parametrize("language", LANGUAGES.values())
def test_chart_text_is_readable_on_a_phone(browser, site, language):
    context, page = open_page(browser, site, f"{language}/", 390, 844)
    sizes = page.evaluate(CHART_TEXT)
    axes = page.locator(".chart .axis-label").all_text_contents()
    context.close()
    assert sizes and min(sizes) >= 12, sizes
    assert len(axes) == 2 and all(axes)


@pytest.mark.parametrize("language", LANGUAGES.values())
def test_the_navigation_leads_to_releases_and_changes(browser, site, language):
    context, page = open_page(browser, site, f"{language}/", 390, 844)
    links = page.locator("nav[aria-label] .nav a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    context.close()
    assert f"{language}/releases/" in links and f"{language}/changes/" in links


def test_the_copy_button_puts_the_citation_on_the_clipboard(browser, site):
    context, page = open_page(
        browser, site, RECORD, 1280, 800, permissions=["clipboard-read", "clipboard-write"]
    )
    for box in ("citation-credit", "citation-text", "citation-bibtex", "citation-csl"):
        page.locator(f'button.copy[data-copy="{box}"]').click()
        expected = page.locator(f"#{box}").input_value()
        assert page.evaluate("navigator.clipboard.readText()") == expected
        assert page.locator(f'button.copy[data-copy="{box}"] + .copied').text_content()
    context.close()


def test_without_the_clipboard_the_citation_is_selected_to_copy(browser, site):
    context, page = open_page(browser, site, RECORD, 1280, 800)
    page.evaluate("delete Navigator.prototype.clipboard")
    page.locator('button.copy[data-copy="citation-text"]').click()
    selected = page.evaluate(
        "(() => { const box = document.getElementById('citation-text');"
        " return box.value.substring(box.selectionStart, box.selectionEnd); })()"
    )
    message = page.locator('button.copy[data-copy="citation-text"] + .copied').text_content()
    context.close()
    assert selected.startswith("Ministry of Industry") and "Ctrl+C" in message
