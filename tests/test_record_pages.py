"""Every record has a page of its own: its value, who states it, its dates, its source
sentence in context, what is stated and what is the site's own, a citation, its JSON and its
changes; in English and in Chinese."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import add_statistics, add_tendencies
from whitepaper.models import (
    Finding,
    IndustrySegment,
    Publication,
    RegionalPresence,
    Statistic,
    Tendency,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """URLs built outside a request are the English ones (a Chinese page requested before
    leaves its language active in the test's thread)."""
    translation.activate("en")


BASE = "/publications/miit-blockchain-white-paper-2018"
RECORD_MODELS = [Statistic, RegionalPresence, IndustrySegment, Tendency, Finding]


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def marks(html):
    """The text of each <mark> element of a page."""
    return [re.sub(r"<[^>]+>", "", mark) for mark in re.findall(r"<mark>(.*?)</mark>", html, re.S)]


def textarea(html, ident):
    from html import unescape

    return unescape(re.search(rf'id="{ident}"[^>]*>(.*?)</textarea>', html, re.S).group(1))


def all_records():
    return [record for model in RECORD_MODELS for record in model.objects.all()]


def test_every_record_has_its_page_in_both_languages(client, whitepaper):
    urls = [record.get_absolute_url() for record in all_records()]
    assert len(urls) == 25
    for url in urls:
        assert url.startswith(f"{BASE}/")
        assert client.get(url).status_code == 200, url
        chinese = client.get(f"/zh-hans{url}")
        assert chinese.status_code == 200, url
        assert '<html lang="zh-Hans">' in chinese.content.decode()


@pytest.mark.parametrize(
    ("model", "url"),
    [
        (Statistic, f"{BASE}/statistics/blockchain-enterprises/"),
        (RegionalPresence, f"{BASE}/regions/CN-BJ/"),
        (IndustrySegment, f"{BASE}/segments/media/"),
        (Tendency, f"{BASE}/tendencies/3/"),
        (Finding, f"{BASE}/findings/first-official-white-paper/"),
    ],
)
def test_the_addresses_of_record_pages(client, whitepaper, model, url):
    assert url in {record.get_absolute_url() for record in model.objects.all()}


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}/statistics/no-such-figure/",
        f"{BASE}/statistics/no-such-figure.json",
        "/publications/no-such-paper/statistics/blockchain-enterprises/",
        f"{BASE}/regions/CN-XX/",
        f"{BASE}/regions/cn-bj/",
        f"{BASE}/segments/nothing/",
        f"{BASE}/tendencies/7/",
        f"{BASE}/tendencies/0/",
        f"{BASE}/tendencies/abc/",
        f"{BASE}/tendencies/-1/",
        f"{BASE}/tendencies/3.5/",
        f"{BASE}/tendencies/99999999999999999999999/",
        f"{BASE}/tendencies/40000/",
        f"{BASE}/findings/{'x' * 5000}/",
        f"/zh-hans{BASE}/statistics/no-such-figure/",
    ],
)
def test_unknown_records_are_404(client, whitepaper, url):
    assert client.get(url).status_code == 404


def test_unpublished_records_and_publications_have_no_page(client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    url = statistic.get_absolute_url()
    Statistic.objects.filter(pk=statistic.pk).update(is_published=False)
    assert client.get(url).status_code == 404
    Statistic.objects.filter(pk=statistic.pk).update(is_published=True)
    Publication.objects.filter(pk=whitepaper.pk).update(is_published=False)
    assert client.get(url).status_code == 404
    assert client.get(url.rstrip("/") + ".json").status_code == 404


def test_the_statistic_page_shows_value_dates_and_source_in_context(client, whitepaper):
    response = client.get(f"{BASE}/statistics/blockchain-enterprises/")
    page = text_of(response)
    html = response.content.decode()
    assert "456 enterprises" in page
    for label, value in [
        ("Figures as of", "end of March 2018"),
        ("White paper released", "20 May 2018 , by MIIT (as the news report says)"),
        ("On this site: last edited", ""),
        ("Source", "white paper, via a news report"),
        ("Stored as", "exactly 456, in enterprises"),
    ]:
        assert f"{label} {value}" in page
    assert 'datetime="2018-03-31"' in html
    quote = Statistic.objects.get(key="blockchain-enterprises").source_quote
    assert marks(html) == [quote]
    # The paragraph around it, unmarked, and a link to it in the whole text.
    context = re.search(r'<blockquote class="source-context"[^>]*>(.*?)</blockquote>', html, re.S)
    assert "This advanced technology has been adopted by different industries" in context.group(1)
    assert f'href="{BASE}/source/#p-5"' in html


def test_stated_and_the_sites_own_are_apart(client, whitepaper):
    page = text_of(client.get(f"{BASE}/statistics/top-four-regions-share/"))
    stated, own = page.split("In the source")[1].split("This site’s own")
    assert "As shown over 80%" in stated and "Value 80" in stated
    # How the site stores the source's "over": its reading, not the source's words.
    assert "Stored as more than 80, in percent" in own
    assert "Stored as" not in stated
    assert "Label (Chinese) 位于北京、上海、广东、浙江的区块链公司所占比例" in own
    assert "How this site keeps the figures" in own
    assert "Figures as of not given in the source" in page
    for region in ["Beijing", "Shanghai", "Guangdong", "Zhejiang"]:
        assert region in page.split("Regions counted together in this figure")[1]


def test_the_region_page_shows_region_code_kind_and_combined_share(client, whitepaper):
    response = client.get(f"{BASE}/regions/CN-GD/")
    page = text_of(response)
    assert "Guangdong (CN-GD)" in page
    assert "ISO 3166-2:CN code CN-GD" in page
    assert "Kind province" in page
    assert "Name (Chinese) 广东" in page
    assert "Combined share over 80% — Share of blockchain companies" in page
    assert f'href="{BASE}/statistics/top-four-regions-share/"' in response.content.decode()


def test_a_finding_stated_by_the_quoted_person_names_them(client, whitepaper):
    page = text_of(client.get(f"{BASE}/findings/first-official-white-paper/"))
    assert (
        "Source Yu Jianing, the director of industrial economic institute of the information "
        "center of MIIT, via a news report"
    ) in page


def test_the_tendency_page_shows_number_title_and_text(client, whitepaper):
    page = text_of(client.get(f"{BASE}/tendencies/4/"))
    assert "Tendency 4: A new platform economy" in page
    assert "Text as stated Blockchain may set up a new “platform economy”" in page


def test_a_chinese_page_uses_the_sites_translation_and_keeps_the_source_english(client, whitepaper):
    html = client.get(f"/zh-hans{BASE}/statistics/blockchain-enterprises/").content.decode()
    assert (
        '<span class="heading-text">以区块链为主营业务的企业 '
        '<span class="translation-label">（本站译文）</span></span></h1>'
    ) in html
    assert '<span class="figure big">456家企业</span>' in html
    assert '<blockquote class="source-context" lang="en"' in html
    assert '<span lang="en">“The white paper indicated that' in html
    assert "2018年3月底" in html


def test_a_chinese_tendency_is_labelled_as_translation_beside_the_english(client, whitepaper):
    html = client.get(f"/zh-hans{BASE}/tendencies/4/").content.decode()
    statement = re.search(r"<dd><span lang=\"zh-Hans\">区块链可能构建.*?</dd>", html, re.S).group(0)
    assert "（本站译文）" in statement
    assert '<q lang="en">Blockchain may set up a new “platform economy”' in statement


def test_an_untranslated_record_falls_back_to_english_marked(client, whitepaper):
    Statistic.objects.filter(key="blockchain-enterprises").update(label_zh="")
    html = client.get(f"/zh-hans{BASE}/statistics/blockchain-enterprises/").content.decode()
    assert (
        '<span class="heading-text"><span lang="en">Enterprises with blockchain as their main '
        "business</span>"
    ) in html
    assert "（英文：尚未翻译）" in html


class TestCitation:
    def test_the_three_formats(self, client, whitepaper):
        html = client.get(f"{BASE}/statistics/blockchain-enterprises/").content.decode()
        plain = textarea(html, "citation-text")
        # This site's label is a supplied title, in square brackets; the white paper is
        # named as the source describes it, with this site's short title supplied.
        assert "[Enterprises with blockchain as their main business: 456 enterprises]." in plain
        assert (
            "In: a white paper on blockchain industrial development [MIIT white paper on "
            "blockchain industrial development (2018)], as reported in “China’s MIIT"
        ) in plain
        # Cited as of its release: the record as that release holds it, the live page beside.
        as_released = f"http://testserver/releases/1.0.0{BASE}/statistics/blockchain-enterprises/"
        assert "release 1.0.0 (" in plain and f"), {as_released} (live page: " in plain
        assert f"http://testserver{BASE}/statistics/blockchain-enterprises/" in plain
        assert plain.startswith("Ministry of Industry and Information Technology")
        assert " As of 2018-03-31. " in plain
        bibtex = textarea(html, "citation-bibtex")
        assert bibtex.startswith(
            "@misc{miitblockchainwhitepaper2018:statistics-blockchain-enterprises,"
        )
        assert (
            "title = {[Enterprises with blockchain as their main business: 456 enterprises]}"
        ) in bibtex
        assert f"url = {{{as_released}}}" in bibtex and "version = {1.0.0}" in bibtex
        [item] = json.loads(textarea(html, "citation-csl"))
        assert item["type"] == "dataset"
        assert (
            item["title"] == "[Enterprises with blockchain as their main business: 456 enterprises]"
        )
        assert item["issued"] == {"date-parts": [[2018, 5, 20]]}
        assert item["URL"] == as_released

    def test_bibtex_is_escaped(self, client, whitepaper):
        Statistic.objects.filter(key="blockchain-enterprises").update(
            label="R&D share of 100% {sic} #1 in $ terms_x"
        )
        html = client.get(f"{BASE}/statistics/blockchain-enterprises/").content.decode()
        bibtex = textarea(html, "citation-bibtex")
        assert (
            r"title = {[R\&D share of 100\% \{sic\} \#1 in \$ terms\_x: 456 enterprises]}" in bibtex
        )
        json.loads(textarea(html, "citation-csl"))  # still valid JSON

    def test_a_chinese_page_cites_in_english(self, client, whitepaper):
        html = client.get(f"/zh-hans{BASE}/tendencies/4/").content.decode()
        assert "Development tendency 4: A new platform economy" in textarea(html, "citation-text")


class TestJson:
    def test_the_page_links_its_json(self, client, whitepaper):
        html = client.get(f"{BASE}/statistics/blockchain-enterprises/").content.decode()
        assert f'href="{BASE}/statistics/blockchain-enterprises.json"' in html

    def test_a_statistic_is_typed(self, client, whitepaper):
        response = client.get(f"{BASE}/statistics/blockchain-enterprises.json")
        assert response["Content-Type"].startswith("application/json")
        data = json.loads(response.content)
        assert data["value"] == 456 and isinstance(data["value"], int)
        assert data["display_value"] == "456 enterprises"
        assert data["as_of"] == "2018-03-31"
        assert data["dates"]["data_as_of"] == "2018-03-31"
        assert data["dates"]["published"] == "2018-05-20"
        assert data["dates"]["last_edited"].startswith(
            str(Statistic.objects.get(key="blockchain-enterprises").updated_at.year)
        )
        assert data["publication"]["slug"] == "miit-blockchain-white-paper-2018"
        assert data["url"] == f"http://testserver{BASE}/statistics/blockchain-enterprises/"
        assert set(Statistic.PUBLIC_FIELDS) <= set(data)
        assert "position" not in data and "created_at" not in data
        assert data["changes"] == []

    def test_a_bound_keeps_its_qualifier(self, client, whitepaper):
        data = json.loads(client.get(f"{BASE}/statistics/top-four-regions-share.json").content)
        assert (data["value"], data["qualifier"], data["unit"]) == (80, "more_than", "percent")

    def test_a_region_and_a_tendency(self, client, whitepaper):
        region = json.loads(client.get(f"{BASE}/regions/CN-BJ.json").content)
        assert region["region"] == {
            "code": "CN-BJ",
            "name": "Beijing",
            "name_zh": "北京",
            "kind": "municipality",
        }
        # The share as the region's page names it: what a release keeps of it too (issue 28).
        share = region["combined_share"]
        assert (share["key"], share["value"]) == ("top-four-regions-share", 80)
        assert (share["qualifier"], share["unit"]) == ("more_than", "percent")
        assert share["label"].startswith("Share of blockchain companies")
        assert share["label_zh"].startswith("位于北京")
        assert region["rank"] is None
        tendency = json.loads(client.get(f"{BASE}/tendencies/2.json").content)
        assert tendency["number"] == 2
        assert tendency["text_zh"].startswith("区块链将成为")


def test_a_record_page_escapes_record_text(client, whitepaper):
    Statistic.objects.filter(key="blockchain-enterprises").update(label="<script>alert(1)</script>")
    html = client.get(f"{BASE}/statistics/blockchain-enterprises/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_sitemap_lists_every_record_page_in_both_languages(client, whitepaper):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    for record in all_records():
        assert f"http://testserver{record.get_absolute_url()}" in locations
        assert f"http://testserver/zh-hans{record.get_absolute_url()}" in locations
    assert f"http://testserver{BASE}/source/" in locations
    assert "http://testserver/changes/" in locations


def test_table_rows_keep_their_anchors(client, whitepaper):
    html = client.get("/statistics/").content.decode()
    assert 'id="statistic-blockchain-enterprises"' in html


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def test_ids_on_a_record_page_are_unique(client, whitepaper):
    parser = IdCollector()
    parser.feed(client.get(f"{BASE}/regions/CN-BJ/").content.decode())
    assert len(parser.ids) == len(set(parser.ids))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


#: url -> queries: the ETag check, then what the page needs (QuerySet.for_record_page), then
#: on a page (not its JSON) the record in each release and the newest release (issue 21).
RECORD_PAGES = {
    f"{BASE}/statistics/top-four-regions-share/": 6,  # the statistic, its regions, changes
    f"{BASE}/statistics/top-four-regions-share.json": 4,
    f"{BASE}/regions/CN-BJ/": 5,  # the record with its region and share, its changes
    f"{BASE}/segments/media/": 5,
    f"{BASE}/tendencies/4/": 5,
    f"{BASE}/findings/first-official-white-paper/": 5,
    f"/zh-hans{BASE}/tendencies/4/": 5,
}


@pytest.mark.parametrize(("url", "expected"), RECORD_PAGES.items())
def test_record_page_query_counts_are_pinned(client, whitepaper, url, expected):
    assert count_queries(client, url) == expected
    add_statistics(whitepaper, 60)
    add_tendencies(whitepaper, 20)
    assert count_queries(client, url) == expected


def test_a_statement_of_the_article_is_not_said_to_be_published_by_miit(client, whitepaper):
    """The header dates the white paper's release; it names no publisher of the statement."""
    page = text_of(client.get(f"{BASE}/statistics/top-four-regions-share/"))
    assert "Published 20 May 2018 by MIIT" not in page
    assert "White paper released 20 May 2018 , by MIIT" in page
