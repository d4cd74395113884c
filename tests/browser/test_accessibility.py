"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any public page or the admin."""

import json

import pytest

from tests.browser.conftest import AXE, PUBLIC_PATHS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def violations(page):
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


#: A desktop and a phone: the page is checked at each width, in one visit.
WIDTHS = {"desktop": 1280, "phone": 360}


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_has_no_violations(axe_page, site, path):
    axe_page.goto(site + path)
    axe_page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    found = {}
    for name, width in WIDTHS.items():
        axe_page.set_viewport_size({"width": width, "height": 800})
        found[name] = violations(axe_page)
    assert found == {name: [] for name in WIDTHS}, json.dumps(found, indent=1)


@pytest.mark.parametrize(
    "path",
    ["/admin/login/", "/admin/whitepaper/statistic/1/change/", "/admin/whitepaper/statistic/"],
)
def test_admin_pages_have_no_violations(axe_page, site, path, staff_cookies):
    if path != "/admin/login/":
        axe_page.context.add_cookies(staff_cookies)
    axe_page.goto(site + path)
    found = violations(axe_page)
    assert found == [], json.dumps(found, indent=1)


def test_charts_carry_text_alternatives(page, site):
    page.goto(site + "/")
    for chart in page.locator("svg[role=img]").all():
        labelled = chart.get_attribute("aria-labelledby").split()
        texts = [page.locator(f"#{ident}").text_content() for ident in labelled]
        assert all(text.strip() for text in texts)
    assert page.locator("html").get_attribute("lang") == "en"
