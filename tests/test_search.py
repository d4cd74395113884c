"""Site search as a reader uses it: any word of any record, in English or Chinese, ranked,
highlighted and paged, on the page and as JSON."""

import re

import pytest

from tests.factories import add_statistics
from whitepaper.models import Finding, SearchDocument, Statistic
from whitepaper.search.engine import COUNT_CAP

pytestmark = pytest.mark.django_db


def results(client, query, path="/search.json", **params):
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200
    return response.json()["results"]


def urls(client, query, path="/search.json"):
    return [item["url"].removeprefix("http://testserver") for item in results(client, query, path)]


def html_of(client, url, params=None):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


PUBLICATION = "/publications/miit-blockchain-white-paper-2018/"


def test_a_singular_finds_the_plural(client, whitepaper):
    found = urls(client, "startup")
    assert (
        "/publications/miit-blockchain-white-paper-2018/statistics/financial-solution-startups/"
        in found
    )
    assert (
        "/publications/miit-blockchain-white-paper-2018/statistics/real-economy-startups/" in found
    )


def test_case_does_not_matter(client, whitepaper):
    assert urls(client, "GUANGDONG") == urls(client, "guangdong")


def test_a_region_and_its_figure_are_found_by_name(client, whitepaper):
    found = urls(client, "Guangdong")
    assert found[0] == "/publications/miit-blockchain-white-paper-2018/regions/CN-GD/"
    assert (
        "/publications/miit-blockchain-white-paper-2018/statistics/top-four-regions-share/" in found
    )
    statistic = next(r for r in results(client, "Guangdong") if r["kind"] == "statistic")
    assert statistic["value"] == "over 80%"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("北京", "/publications/miit-blockchain-white-paper-2018/regions/CN-BJ/"),
        (
            "北京",
            "/publications/miit-blockchain-white-paper-2018/statistics/top-four-regions-share/",
        ),
        (
            "金融",
            "/publications/miit-blockchain-white-paper-2018/statistics/financial-solution-startups/",
        ),
        ("金融", "/publications/miit-blockchain-white-paper-2018/tendencies/5/"),
    ],
)
def test_two_chinese_characters_find_their_records(client, whitepaper, query, expected):
    assert f"/zh-hans{expected}" in urls(client, query, "/zh-hans/search.json")


def test_chinese_characters_must_be_next_to_each_other(client, whitepaper):
    # 京 and 北 both occur in the records, but never as 京北.
    assert results(client, "京北") == []


def test_records_with_every_word_come_before_those_with_all_but_one(client, whitepaper):
    found = results(client, "Beijing startups")
    every = [r["url"].removeprefix("http://testserver") for r in found if r["score"] >= 1]
    all_but_one = [r["url"].removeprefix("http://testserver") for r in found if r["score"] < 1]
    assert [r["score"] >= 1 for r in found] == [True] * len(every) + [False] * len(all_but_one)
    # Both words ("starups" in the source), Beijing in the title first.
    assert every[:2] == [
        f"{PUBLICATION}regions/CN-BJ/",
        f"{PUBLICATION}statistics/top-four-regions-share/",
    ]
    assert f"{PUBLICATION}source/#p-7" in every
    # Startups, not Beijing.
    assert f"{PUBLICATION}statistics/financial-solution-startups/" in all_but_one
    assert f"{PUBLICATION}tendencies/2/" in all_but_one  # "start up business"


def test_a_word_no_record_has_is_left_out_and_said_so(client, whitepaper):
    body = client.get("/search.json", {"q": "Guangdong nosuchword"}).json()
    assert body["results"] == results(client, "Guangdong")
    assert body["words_not_found"] == ["nosuchword"]
    html = html_of(client, "/zh-hans/search/", {"q": "Guangdong okapi ZEBRA"})
    assert "没有记录含有“okapi”、“ZEBRA”" in html
    assert results(client, "okapi zebra") == []


def test_chinese_pages_show_chinese_titles(client, whitepaper):
    found = results(client, "Guangdong", "/zh-hans/search.json")
    assert found[0]["title"] == "广东"
    statistic = next(r for r in found if r["kind"] == "statistic")
    assert statistic["title"] == "位于北京、上海、广东、浙江的区块链公司所占比例"
    html = html_of(client, "/zh-hans/search/", {"q": "Guangdong"})
    assert '<html lang="zh-Hans">' in html
    # The English source quote keeps its language on a Chinese page.
    assert re.search(r'<p class="snippet"><span lang="en">From the distribution', html)


def test_a_label_match_ranks_above_a_match_in_the_source_only(client, whitepaper):
    # "hits" is only in the source sentence of the two startup figures; "financial" is in
    # the label of one and the source sentence of both.
    found = results(client, "financial")
    kinds_and_urls = [(r["kind"], r["url"].removeprefix("http://testserver")) for r in found]
    labelled = kinds_and_urls.index(
        (
            "statistic",
            "/publications/miit-blockchain-white-paper-2018/statistics/financial-solution-startups/",
        )
    )
    quoted_only = kinds_and_urls.index(
        (
            "statistic",
            "/publications/miit-blockchain-white-paper-2018/statistics/real-economy-startups/",
        )
    )
    paragraph = next(i for i, (kind, _) in enumerate(kinds_and_urls) if kind == "paragraph")
    assert labelled < quoted_only
    assert labelled < paragraph
    assert found[labelled]["score"] > found[quoted_only]["score"]


def test_paragraphs_of_the_source_open_the_reader_there(client, whitepaper):
    paragraphs = [r for r in results(client, "listed") if r["kind"] == "paragraph"]
    assert len(paragraphs) == 1
    assert paragraphs[0]["snippet"].startswith("The white paper also listed 6 development")
    assert paragraphs[0]["value"] == "paragraph 8 of its source text"
    reader = f"{whitepaper.get_absolute_url()}source/"
    assert paragraphs[0]["url"] == f"http://testserver{reader}#p-8"
    html = html_of(client, reader)
    assert re.search(r'<p id="p-8" class="source-paragraph">The white paper also listed', html)
    # The web page's own lines are not the report: no paragraph of theirs is a result.
    assert all(r["kind"] != "paragraph" for r in results(client, "sign"))
    assert all(r["kind"] != "paragraph" for r in results(client, "keywords"))


def test_results_are_grouped_by_kind_with_counts(client, whitepaper):
    html = html_of(client, "/search/", {"q": "Guangdong"})
    assert "6 results for “Guangdong”." in html
    headings = re.findall(r'<h2 id="results-(\w+)">', html)
    assert headings == ["region", "statistic", "paragraph"]
    assert 'href="/search/?q=Guangdong&amp;kind=region">Regions</a> (4)' in html
    region_only = html_of(client, "/search/", {"q": "Guangdong", "kind": "region"})
    assert re.findall(r'<h2 id="results-(\w+)">', region_only) == ["region"]


def test_matched_words_are_marked_and_markup_is_escaped(client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.label = "<script>alert('x')</script> Enterprises & blockchain"
    statistic.save()
    html = html_of(client, "/search/", {"q": "script enterprises"})
    assert "<script>alert" not in html
    assert (
        "&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)&lt;/<mark>script</mark>&gt; "
        "<mark>Enterprises</mark> &amp; blockchain" in html
    )


def test_a_stemmed_match_is_marked_in_the_text(client, whitepaper):
    html = html_of(client, "/search/", {"q": "startup"})
    assert "Blockchain <mark>startups</mark> providing financial" in html


def test_chinese_matches_are_marked(client, whitepaper):
    html = html_of(client, "/zh-hans/search/", {"q": "金融"})
    assert "提供<mark>金融</mark>区块链解决方案" in html


def test_pages_of_twenty_and_past_the_end_is_a_404(client, whitepaper):
    add_statistics(whitepaper, 45, prefix="zebra")
    first = results(client, "zebra")
    assert len(first) == 20
    assert len(results(client, "zebra", page=3)) == 5
    assert client.get("/search/", {"q": "zebra", "page": 4}).status_code == 404
    assert client.get("/search/", {"q": "zebra", "page": "abc"}).status_code == 404
    assert client.get("/search.json", {"q": "zebra", "page": 99}).status_code == 404
    html = html_of(client, "/search/", {"q": "zebra", "page": 2})
    assert '<a href="?q=zebra&amp;page=3" rel="next">' in html
    assert html.count('class="result-title"') == 20


def test_nothing_found_offers_the_tables_and_the_hot_keywords(client, whitepaper):
    from whitepaper.models import HotKeyword

    HotKeyword.objects.create(keyword="区块链", language="en")
    html = html_of(client, "/search/", {"q": "qwertyuiop"})
    assert "No record matches “qwertyuiop”." in html
    for path in ("/statistics/", "/regions/", "/segments/", "/tendencies/"):
        assert f'href="{path}"' in html
    assert "Hot search keywords" in html
    assert 'href="/search/?q=%E5%8C%BA%E5%9D%97%E9%93%BE">区块链</a>' in html


def test_an_empty_query_shows_the_search_page(client, whitepaper):
    html = html_of(client, "/search/")
    assert '<h1 id="search-title">Search</h1>' in html
    assert "result-count" not in html
    assert 'href="/statistics/"' in html
    assert html_of(client, "/search/", {"q": "   "}).count("result-count") == 0


def test_json_is_typed(client, whitepaper):
    response = client.get("/search.json", {"q": "456"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Robots-Tag"] == "noindex"
    body = response.json()
    assert body["query"] == "456"
    assert body["count"] == len(body["results"]) and body["count_is_lower_bound"] is False
    assert (body["page"], body["pages"]) == (1, 1)
    first = body["results"][0]
    assert set(first) == {
        "kind",
        "title",
        "value",
        "url",
        "snippet",
        "snippet_site_translation",
        "score",
    }
    assert first["kind"] == "statistic"
    assert first["value"] == "456 enterprises"
    assert (
        first["url"]
        == "http://testserver/publications/miit-blockchain-white-paper-2018/statistics/blockchain-enterprises/"
    )
    assert isinstance(first["score"], float)


def test_many_matches_are_counted_up_to_a_bound(client, whitepaper, monkeypatch):
    monkeypatch.setattr("whitepaper.search.engine.COUNT_CAP", 30)
    monkeypatch.setattr("whitepaper.search.engine.RANKED_PER_KIND", 10)
    add_statistics(whitepaper, 40, prefix="quagga")
    body = client.get("/search.json", {"q": "quagga"}).json()
    assert body["count_is_lower_bound"] is True
    assert body["count"] == 30
    assert len(body["results"]) == 10
    html = html_of(client, "/search/", {"q": "quagga"})
    assert "More than 30 results for “quagga”." in html
    assert "The 10 most relevant are listed" in html
    assert COUNT_CAP == 1_000


def test_records_of_an_unpublished_publication_are_not_found(client, whitepaper):
    whitepaper.is_published = False
    whitepaper.save()
    assert results(client, "Guangdong") == []
    assert SearchDocument.objects.filter(kind="region").count() == 4  # kept, not shown


def test_search_pages_are_not_for_search_engines(client, whitepaper):
    assert '<meta name="robots" content="noindex">' in html_of(client, "/search/", {"q": "x"})
    assert '<meta name="robots" content="noindex">' not in html_of(client, "/")
    robots = html_of(client, "/robots.txt")
    assert "Disallow: /search\n" in robots
    assert "Disallow: /zh-hans/search\n" in robots


@pytest.mark.parametrize("path", ["/", "/statistics/", "/about/", "/zh-hans/regions/"])
def test_every_page_has_a_search_box_and_the_opensearch_link(client, whitepaper, path):
    html = html_of(client, path)
    box = re.search(
        r'<form class="search-box" role="search" aria-label="[^"]+" action="([^"]+)" method="get">',
        html,
    )
    assert box
    assert box.group(1) == ("/zh-hans/search/" if path.startswith("/zh-hans/") else "/search/")
    assert '<label class="visually-hidden" for="site-search">' in html
    assert 'name="q"' in html
    assert (
        '<link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml"'
        in html
    )


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/opensearchdescription+xml"
    body = response.content.decode()
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'template="http://testserver/search/?q={searchTerms}"' in body


def test_the_about_page_says_what_a_search_records(client):
    html = html_of(client, "/about/")
    assert '<h2 id="search">Search</h2>' in html
    assert "no address, no browser, no cookie" in html


def test_a_finding_links_to_its_publication(client, whitepaper):
    finding = Finding.objects.get(key="china-most-blockchain-patents-2017")
    found = urls(client, "patents")
    assert finding.get_absolute_url() in found


def test_kinds_with_few_matches_are_read_together(monkeypatch):
    from whitepaper.search import engine

    monkeypatch.setattr(engine, "RANKED_PER_KIND", 3)
    counts = {"publication": 1, "region": 4, "finding": 1, "statistic": 1}
    # In id order: publications, regions, segments, tendencies, findings, paragraphs, statistics.
    assert engine.read_runs(counts) == [["publication"], ["region"], ["finding", "statistic"]]


def test_a_kind_with_many_matches_does_not_crowd_out_the_others(client, whitepaper, monkeypatch):
    monkeypatch.setattr("whitepaper.search.engine.RANKED_PER_KIND", 3)
    add_statistics(whitepaper, 10, prefix="guangdong")
    kinds = [r["kind"] for r in results(client, "Guangdong")]
    assert kinds.count("statistic") == 3
    assert kinds.count("region") == 3
    assert kinds.count("paragraph") == 1


def test_a_long_passage_is_cut_around_its_match(client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "Filler words come first. " * 20 + "The okapi is here. " + "More words. " * 20
    statistic.save()
    html = html_of(client, "/search/", {"q": "okapi"})
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html).group(1)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "The <mark>okapi</mark> is here." in snippet
    assert len(re.sub(r"<[^>]+>", "", snippet)) < 240
