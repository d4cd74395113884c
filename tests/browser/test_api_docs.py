"""The API's human page: Swagger UI from this site's static files, under the site's CSP,
renders the operations with no console error, and axe finds no WCAG A or AA violation."""

import json

from tests.browser.test_accessibility import violations

DOCS = "/api/v1/docs/"


def test_the_api_docs_render_without_a_console_error(page, site):
    page.goto(site + DOCS)
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 14
    page.locator(".opblock-summary").first.click()
    page.locator(".opblock-body").first.wait_for()
    assert page.console.problems == []


def test_the_api_docs_have_no_accessibility_violations(axe_page, site):
    axe_page.goto(site + DOCS)
    axe_page.locator(".opblock").first.wait_for()
    found = violations(axe_page)
    assert found == [], json.dumps(found, indent=1)


def test_the_site_leads_to_the_api_docs(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="For programs", exact=True).click()
    assert page.url == site + "/for-programs/"
    page.get_by_role("link", name="the interactive documentation").click()
    page.locator(".opblock").first.wait_for()
    assert page.url == site + DOCS
