"""Embedding from another site (issue 29): a page served from a second local origin frames a
record's embed and a chart's, as the oEmbed answer gives their code; each loads with its credit
link and without a scrollbar, sized by the height the embed reports. Framing an ordinary page
of the site is refused."""

import json
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote
from urllib.request import urlopen

from tests.browser.conftest import PUBLICATION

RECORD = f"{PUBLICATION}/statistics/blockchain-enterprises/"
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A news story</title></head>
<body><h1>A news story</h1><p>Before the embed.</p>{embeds}<p>After the embed.</p></body></html>
"""
BODY_HEIGHT = "() => Math.ceil(document.body.getBoundingClientRect().height)"
IFRAME_HEIGHT = """([src, height]) => [...document.querySelectorAll('iframe')]
    .some(frame => frame.src === src && frame.style.height === height + 'px')"""
#: In a frame: its document's size against its window's.
FRAME_FITS = """() => ({
    scroll: document.documentElement.scrollHeight, inner: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
})"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def second_origin(folder):
    """A static server on another port of 127.0.0.1: another origin than the site's."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def embed_code(site, path):
    url = f"{site}/oembed?url={quote(site + path, safe='')}&format=json"
    return json.load(urlopen(url, timeout=10))["html"]


def embed_frames(page):
    return [frame for frame in page.frames if "/embed/" in frame.url]


def test_an_embed_loads_in_another_origins_page_and_an_ordinary_page_does_not(
    browser, site, tmp_path, screenshots
):
    embeds = embed_code(site, RECORD) + embed_code(site, "/embed/charts/startups/")
    (tmp_path / "story.html").write_text(HOST_PAGE.format(embeds=embeds), encoding="utf-8")
    ordinary = (
        f'<iframe src="{site}/statistics/" title="A table" width="600" height="300"></iframe>'
    )
    (tmp_path / "framing.html").write_text(HOST_PAGE.format(embeds=ordinary), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    with second_origin(tmp_path) as origin:
        page.goto(f"{origin}/story.html")
        page.wait_for_load_state("networkidle")
        frames = embed_frames(page)
        assert len(frames) == 2
        for frame in frames:
            frame.wait_for_load_state("load")
            # The embed code's script sets its iframe to the height the embed reports.
            height = frame.evaluate(BODY_HEIGHT)
            page.wait_for_function(IFRAME_HEIGHT, arg=[frame.url, height])
            fits = frame.evaluate(FRAME_FITS)
            assert fits["scroll"] <= fits["inner"], (frame.url, fits)
            assert fits["scrollWidth"] <= fits["innerWidth"], (frame.url, fits)
            link = frame.locator("a[target=_blank]").last
            assert link.is_visible()
            assert "Blockchain White Paper Data" in link.inner_text()
        record = next(frame for frame in frames if RECORD in frame.url)
        assert "456 enterprises" in record.locator("main").inner_text()
        assert "Source: MIIT white paper" in record.locator(".embed-credit").inner_text()
        page.screenshot(path=screenshots / "embeds-in-another-site.png", full_page=True)
        titles = page.eval_on_selector_all("iframe", "frames => frames.map(f => f.title)")
        assert titles[0].startswith("456 enterprises") and titles[1]

        page.goto(f"{origin}/framing.html")
        page.wait_for_load_state("networkidle")
        framed = [frame for frame in page.frames if frame is not page.main_frame]
        assert len(framed) == 1
        assert framed[0].evaluate("() => document.querySelector('.site-name')") is None
        assert any("Refused to display" in text or "frame-ancestors" in text for text in refused)
    context.close()
