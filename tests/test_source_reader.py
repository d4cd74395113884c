"""The source reader: the whole source text, verbatim, with every quoted passage marked and
linked to its records, and the web page's own lines shown as such."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reports.records import source_text
from tests.factories import add_statistics, add_tendencies
from whitepaper.fidelity import WHITESPACE, find_all
from whitepaper.models import (
    Finding,
    IndustrySegment,
    Publication,
    RegionalPresence,
    Statistic,
    Tendency,
)

pytestmark = pytest.mark.django_db

URL = "/publications/miit-blockchain-white-paper-2018/source/"


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


class TestSourceText:
    TEXT = "Menu line\n\nFirst sentence. Second sentence.Link-Title\n\n\n  Third one.  \n"

    def test_paragraphs_are_cut_at_blank_lines_and_keep_their_text(self):
        spans = source_text.paragraph_spans(self.TEXT)
        assert [self.TEXT[a:b] for a, b in spans] == [
            "Menu line",
            "First sentence. Second sentence.Link-Title",
            "Third one.",
        ]

    def test_the_text_is_kept_verbatim(self):
        reading = source_text.read(self.TEXT, [("Second sentence.", "b")], "Menu line")
        assert [p.text for p in reading.paragraphs] == [
            "Menu line",
            "First sentence. Second sentence.Link-Title",
            "Third one.",
        ]

    def test_several_records_quoting_one_sentence_share_one_mark(self):
        reading = source_text.read(self.TEXT, [("First sentence.", "a"), ("First sentence.", "b")])
        [piece, rest] = reading.paragraphs[1].runs[0].pieces
        assert (piece.text, piece.quoted_by) == ("First sentence.", ("a", "b"))
        assert rest.quoted_by == ()

    def test_overlapping_quotes_are_cut_where_they_overlap(self):
        quoted = [("First sentence. Second sentence.", "both"), ("Second sentence.", "second")]
        pieces = source_text.read(self.TEXT, quoted).paragraphs[1].runs[0].pieces
        assert [(p.text, p.quoted_by) for p in pieces] == [
            ("First sentence. ", ("both",)),
            ("Second sentence.", ("both", "second")),
            ("Link-Title", ()),
        ]

    def test_a_quote_in_parts_marks_each_part(self):
        pieces = source_text.read(self.TEXT, [("First … Second", "a")]).paragraphs[1].runs[0].pieces
        assert [(p.text, p.quoted_by) for p in pieces] == [
            ("First", ("a",)),
            (" sentence. ", ()),
            ("Second", ("a",)),
            (" sentence.Link-Title", ()),
        ]

    def test_web_page_lines_are_found_whole_and_run_into_a_paragraph(self):
        reading = source_text.read(self.TEXT, [], "Menu line\nLink-Title\n")
        first, second, third = reading.paragraphs
        assert first.is_page_line
        assert [(run.is_page_line, run.pieces[0].text) for run in second.runs] == [
            (False, "First sentence. Second sentence."),
            (True, "Link-Title"),
        ]
        assert not third.is_page_line

    def test_a_quote_not_in_the_text_is_reported_not_marked(self):
        reading = source_text.read(self.TEXT, [("Fourth sentence.", "x")])
        assert reading.unfound == ("x",)
        assert not any(p.is_quoted for p in reading.paragraphs)

    def test_passages_are_the_paragraphs_holding_the_quote(self):
        [passage] = source_text.passages(self.TEXT, "Second  sentence.")
        assert passage.number == 2
        assert source_text.passages(self.TEXT, "Not there.") == []


class MarkedText(HTMLParser):
    """The text of the source reader's paragraphs, with which characters are inside a
    <mark>, which inside web page lines, and the links after each mark."""

    def __init__(self):
        super().__init__()
        self.chars = []  # (character, in a mark, in a page line)
        self.depth = {"mark": 0, "page-line": 0, "label": 0, "quoted-by": 0, "source": 0}
        self.stack = []
        self.mark_links = []  # the hrefs after each mark

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        kind = None
        if tag == "div" and "source-text" in classes:
            kind = "source"
        elif tag == "mark":
            kind = "mark"
        elif "page-line" in classes:
            kind = "page-line"
        elif "page-line-label" in classes:
            kind = "label"
        elif "quoted-by" in classes:
            kind = "quoted-by"
            self.mark_links.append([])
        elif tag == "a" and self.depth["quoted-by"]:
            self.mark_links[-1].append(attrs["href"])
        self.stack.append(kind)
        if kind:
            self.depth[kind] += 1

    def handle_endtag(self, tag):
        kind = self.stack.pop()
        if kind:
            self.depth[kind] -= 1

    def handle_data(self, data):
        if not self.depth["source"] or self.depth["label"] or self.depth["quoted-by"]:
            return
        self.chars += [(c, bool(self.depth["mark"]), bool(self.depth["page-line"])) for c in data]

    def text(self):
        return "".join(c for c, _mark, _line in self.chars)

    def flags(self, start, end, index):
        return [flag[index] for flag in self.chars[start:end]]


def parse(html):
    parser = MarkedText()
    parser.feed(html)
    return parser


def locate(parser, quote):
    """Where the quote (each part) is in the reader's text, whitespace aside."""
    text = parser.text()
    found = source_text.find_quote(text, quote)
    assert found, quote
    return found


def quoting_records():
    return [
        record
        for model in (Statistic, RegionalPresence, IndustrySegment, Tendency, Finding)
        for record in model.objects.all()
    ]


def test_the_reader_shows_the_source_text_verbatim(client, whitepaper):
    parser = parse(client.get(URL).content.decode())
    shown = WHITESPACE.sub("", parser.text())
    assert shown == WHITESPACE.sub("", whitepaper.source_text)


def test_every_quote_is_inside_a_mark_and_linked_to_its_record(client, whitepaper):
    html = client.get(URL).content.decode()
    parser = parse(html)
    links = {href for hrefs in parser.mark_links for href in hrefs}
    for record in quoting_records():
        for start, end in locate(parser, record.source_quote):
            assert all(parser.flags(start, end, 1)), record
        assert record.get_absolute_url() in links, record
    for start, end in locate(parser, whitepaper.source_quote):
        assert all(parser.flags(start, end, 1))


def test_one_mark_lists_every_record_quoting_the_sentence(client, whitepaper):
    html = client.get(URL).content.decode()
    mark = re.search(
        r"<mark>From the distribution.*?</mark>(<span class=\"quoted-by\".*?</span>)", html, re.S
    )
    linked = re.findall(r'href="([^"]+)"', mark.group(1))
    assert linked == [
        "/publications/miit-blockchain-white-paper-2018/statistics/top-four-regions-share/",
        *(
            f"/publications/miit-blockchain-white-paper-2018/regions/{code}/"
            for code in ("CN-BJ", "CN-SH", "CN-GD", "CN-ZJ")
        ),
    ]


def test_a_sentence_no_record_quotes_is_unmarked(client, whitepaper):
    parser = parse(client.get(URL).content.decode())
    for sentence in [
        "The white paper also listed 6 development tendencies of blockchain industry in China:",
        "China’s MIIT Released The First Official Blockchain Industrial White Paper",
    ]:
        [(start, end)] = locate(parser, sentence)
        assert not any(parser.flags(start, end, 1)), sentence


def test_web_page_lines_are_shown_as_such(client, whitepaper):
    html = client.get(URL).content.decode()
    parser = parse(html)
    for line in whitepaper.source_page_lines.splitlines():
        for start, end in find_all(parser.text(), line):
            assert all(parser.flags(start, end, 2)), line
    assert html.count('<span class="page-line-label"') == 4 + 1  # four lines, and the legend
    assert "Web page text, not the report" in html
    # The report's own sentences are not page lines.
    [(start, end)] = locate(parser, "over 80% of the blockchain companies located in these areas.")
    assert not any(parser.flags(start, end, 2))


def test_the_reports_title_is_the_heading(client, whitepaper):
    html = client.get(URL).content.decode()
    assert (
        '<h1 lang="en">China’s MIIT Released The First Official Blockchain Industrial White Paper</h1>'
        in html
    )


def test_the_chinese_reader_keeps_the_text_english(client, whitepaper):
    html = client.get(f"/zh-hans{URL}").content.decode()
    assert '<div class="source-text" lang="en">' in html
    assert '<html lang="zh-Hans">' in html


def test_text_is_escaped(client, whitepaper):
    Publication.objects.filter(pk=whitepaper.pk).update(
        source_text=whitepaper.source_text + "\n\nA <script>alert(1)</script> quote.\n"
    )
    Finding.objects.filter(key="china-most-blockchain-patents-2017").update(
        source_quote="A <script>alert(1)</script> quote."
    )
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert "<mark>A &lt;script&gt;alert(1)&lt;/script&gt; quote.</mark>" in html


def test_a_quote_not_found_is_listed_apart(client, whitepaper):
    Statistic.objects.filter(key="real-economy-startups").update(source_quote="Not in the text.")
    page = client.get(URL).content.decode()
    unfound = page.split("Quotes not found in this text")[1]
    assert "/statistics/real-economy-startups/" in unfound


@pytest.mark.parametrize(
    "url", ["/publications/no-such-paper/source/", "/zh-hans/publications/nothing/source/"]
)
def test_an_unknown_publication_is_404(client, whitepaper, url):
    assert client.get(url).status_code == 404


def test_an_unpublished_publication_has_no_reader(client, whitepaper):
    Publication.objects.filter(pk=whitepaper.pk).update(is_published=False)
    assert client.get(URL).status_code == 404


def test_record_pages_and_the_publication_link_to_the_reader(client, whitepaper):
    html = client.get("/publications/miit-blockchain-white-paper-2018/").content.decode()
    assert f'href="{URL}"' in html
    record = client.get(Tendency.objects.get(number=1).get_absolute_url()).content.decode()
    assert f'href="{URL}#p-9"' in record


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_reader_query_count_is_pinned(client, whitepaper):
    # The ETag, the publication, then its published records of each kind (5).
    assert count_queries(client, URL) == 7
    add_statistics(whitepaper, 60)
    add_tendencies(whitepaper, 20)
    assert count_queries(client, URL) == 7
