"""The public pages show every figure with its source sentence and dates."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import add_statistics
from whitepaper.models import Region, RegionalPresence, Statistic, Tendency

pytestmark = pytest.mark.django_db

TABLE_URLS = ["/statistics/", "/regions/", "/segments/", "/tendencies/"]
PUBLICATION_URL = "/publications/miit-blockchain-white-paper-2018/"


def text_of(response):
    """The page's visible text, tags removed and spacing collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_overview_shows_headline_figures_with_units_and_bound(client, whitepaper):
    page = text_of(client.get("/"))
    for figure in ["456 enterprises", "86 startups", "109 startups", "over 80%"]:
        assert figure in page
    for region in ["Beijing", "Shanghai", "Guangdong", "Zhejiang"]:
        assert region in page
    assert " 80% " not in page.replace("over 80%", "")


def test_overview_shows_publication_facts_and_dates(client, whitepaper):
    page = text_of(client.get("/"))
    assert "Ministry of Industry and Information Technology" in page
    assert "Yu Jianing" in page
    assert "20 May 2018" in page
    assert "Figures as of end of March 2018" in page
    assert "On this site: last edited" in page


def test_overview_lists_six_tendencies_and_links_every_table(client, whitepaper):
    response = client.get("/")
    page = text_of(response)
    for tendency in Tendency.objects.all():
        assert tendency.text in page
    html = response.content.decode()
    for url in TABLE_URLS:
        assert f'href="{url}"' in html
        assert f'{url.rstrip("/")}.csv"' in html


def test_overview_charts_are_accessible_svg_with_bounds(client, whitepaper):
    html = client.get("/").content.decode()
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg
        assert "<title" in svg and "<desc" in svg
    startups, regions = svgs
    assert "86 startups" in startups and "109 startups" in startups
    assert "over 80%" in regions
    assert 'class="bound-tail"' in regions
    assert ">80%<" not in regions
    assert html.count('<details class="chart-data">') == 2


def test_overview_json_ld_describes_the_dataset(client, whitepaper):
    html = client.get("/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Dataset"
    # This site made and publishes the data set; the white paper's publisher is the author
    # of what it is based on.
    assert data["creator"]["name"] == data["publisher"]["name"] == "Blockchain White Paper Data"
    assert data["name"].startswith("Records of [")
    assert data["isBasedOn"]["@type"] == "Report"
    assert data["isBasedOn"]["author"]["alternateName"] == "MIIT"
    assert data["isBasedOn"]["subjectOf"]["@type"] == "Article"
    assert data["description"].startswith("This site’s records of what the article")
    assert "temporalCoverage" not in data
    urls = [d["contentUrl"] for d in data["distribution"]]
    assert urls == [f"http://testserver{u.rstrip('/')}.csv" for u in TABLE_URLS] + [
        "http://testserver/downloads/dataset.zip"
    ]
    formats = [d["encodingFormat"] for d in data["distribution"]]
    assert formats == ["text/csv"] * 4 + ["application/zip"]


def test_overview_has_open_graph_tags(client, whitepaper):
    html = client.get("/").content.decode()
    assert '<meta property="og:title"' in html
    assert '<meta property="og:description"' in html


def test_overview_without_any_publication(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No publication has been published" in text_of(response)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/statistics/", ["456 enterprises", "86 startups", "109 startups", "over 80%"]),
        ("/regions/", ["Beijing", "北京", "CN-SH", "Guangdong", "Zhejiang", "over 80%"]),
        ("/segments/", ["Hardware manufacturing", "Platform services", "Security", "Media"]),
        ("/tendencies/", ["forefront of global tech revolution", "credible digitization"]),
    ],
)
def test_table_pages_show_figures_sources_and_dates(client, whitepaper, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    page = text_of(response)
    for text in expected:
        assert text in page
    assert "Download CSV" in page


def test_statistics_rows_have_stable_anchors_and_source_sentences(client, whitepaper):
    html = client.get("/statistics/").content.decode()
    for statistic in Statistic.objects.all():
        assert f'id="{statistic.anchor}"' in html
    assert "there are 456 enterprises take blockchain as their main business" in html


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", "Overview"),
        ("/statistics/", "Statistics"),
        ("/regions/", "Regions"),
        ("/segments/", "Industry segments"),
        ("/tendencies/", "Development tendencies"),
        ("/about/", "About"),
        (PUBLICATION_URL, "MIIT white paper on blockchain industrial development (2018)"),
    ],
)
def test_page_titles_say_where_you_are(client, whitepaper, url, title):
    html = client.get(url).content.decode()
    assert re.search(rf"<title>{re.escape(title)} · Blockchain White Paper Data</title>", html)


def test_navigation_marks_the_current_page(client, whitepaper):
    html = client.get("/regions/").content.decode()
    assert '<a href="/regions/" aria-current="page">' in html
    assert 'class="skip-link" href="#main"' in html


def test_publication_page_has_sources_dates_and_citations(client, whitepaper):
    response = client.get(PUBLICATION_URL)
    page = text_of(response)
    for text in ["456 enterprises", "over 80%", "Source and citation", "How the dates follow"]:
        assert text in page
    assert "“May 20” without a year" in page
    assert re.search(
        r"The report calls it “ ?a white paper on blockchain industrial development ?”", page
    )
    for label in [
        "Figures as of end of March 2018",
        "White paper released",
        "On this site: last edited",
    ]:
        assert label in page
    html = response.content.decode()
    bibtex = re.search(r'id="citation-bibtex"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert bibtex.startswith("@techreport{miitblockchainwhitepaper2018,")
    assert "year = {2018}" in bibtex
    plain = re.search(r'id="citation-text"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert plain.startswith("Ministry of Industry and Information Technology")
    assert "As reported in “China’s MIIT Released" in plain
    assert f"http://testserver{PUBLICATION_URL}" in plain


def test_unknown_publication_is_404(client, whitepaper):
    response = client.get("/publications/no-such-paper/")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)
    assert 'href="/"' in response.content.decode()


def test_about_page_explains_data_and_licence(client, db):
    page = text_of(client.get("/about/"))
    assert "Creative Commons Attribution 4.0" in page
    assert "Corrections" in page
    assert "apostrophe" in text_of(client.get("/for-programs/"))


def test_unpublished_statistic_is_hidden_everywhere_public(client, whitepaper):
    Statistic.objects.filter(key="real-economy-startups").update(is_published=False)
    for url in ["/", "/statistics/", PUBLICATION_URL]:
        assert "109 startups" not in text_of(client.get(url)), url
    assert b"real-economy-startups" not in b"".join(client.get("/statistics.csv").streaming_content)
    assert "3 rows" in text_of(client.get("/statistics/"))


def test_unpublished_presence_is_hidden(client, whitepaper):
    RegionalPresence.objects.filter(region__code="CN-ZJ").update(is_published=False)
    response = client.get("/regions/")
    assert 'id="region-cn-zj"' not in response.content.decode()
    assert "3 rows" in text_of(response)
    assert Region.objects.filter(code="CN-ZJ").exists()


def test_unpublished_publication_hides_its_records_and_page(client, whitepaper):
    whitepaper.is_published = False
    whitepaper.save()
    assert client.get(PUBLICATION_URL).status_code == 404
    assert "0 rows" in text_of(client.get("/statistics/"))
    assert "No publication has been published" in text_of(client.get("/"))
    assert PUBLICATION_URL not in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("sort=value", "over 80%"),
        ("sort=-value", "456 enterprises"),
        ("sort=label", "Blockchain startups providing"),
        ("sort=-label", "Share of blockchain companies"),
    ],
)
def test_sort_through_the_query_string(client, whitepaper, query, first):
    html = client.get(f"/statistics/?{query}").content.decode()
    first_row = re.search(r'<tr id="[^"]+".*?</tr>', html, re.S).group(0)
    assert first in first_row


def test_every_column_heading_is_a_sort_link(client, whitepaper):
    """The source sentence, which does not sort, heads its rows rather than a column; the
    value says its qualifier and unit. (The date is a column: the "over 80%" share has none,
    so the rows do not share one.)"""
    html = client.get("/statistics/").content.decode()
    headings = re.findall(r"<th scope=\"col\".*?</th>", html, re.S)
    assert len(headings) == 4
    assert all('class="sort"' in h for h in headings)
    assert all("Source sentence" not in h for h in headings)


def test_sorted_column_says_so(client, whitepaper):
    html = client.get("/statistics/?sort=-value").content.decode()
    assert 'aria-sort="descending"' in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("category=startups", ["86 startups", "109 startups"], ["456 enterprises"]),
        ("unit=percent", ["over 80%"], ["86 startups"]),
        ("qualifier=more_than", ["over 80%"], ["456 enterprises"]),
        ("q=real+economy", ["109 startups", "86 startups"], ["456 enterprises"]),
        ("publication=miit-blockchain-white-paper-2018", ["456 enterprises"], []),
    ],
)
def test_filters_through_the_query_string(client, whitepaper, query, present, absent):
    page = text_of(client.get(f"/statistics/?{query}"))
    for text in present:
        assert text in page
    for text in absent:
        assert text not in page


def test_region_and_segment_filters(client, whitepaper):
    html = client.get("/regions/?kind=municipality").content.decode()
    assert 'id="region-cn-bj"' in html
    assert 'id="region-cn-gd"' not in html
    page = text_of(client.get("/segments/?stage=other_industries"))
    assert "Media" in page and "Hardware manufacturing" not in page


class TestPagination:
    @pytest.fixture
    def many(self, whitepaper):
        return add_statistics(whitepaper, 60)  # 64 rows: 3 pages of 25

    def test_first_page_and_page_count(self, client, many):
        page = text_of(client.get("/statistics/"))
        assert "64 rows, page 1 of 3" in page

    def test_last_page(self, client, many):
        page = text_of(client.get("/statistics/?page=3"))
        assert "page 3 of 3" in page

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("page=abc", "page 1 of 3"),
            ("page=0", "page 3 of 3"),
            ("page=-1", "page 3 of 3"),
            ("page=999999", "page 3 of 3"),
            ("per_page=100000000", "64 rows"),
            ("per_page=0", "page 1 of 3"),
            ("per_page=-5", "page 1 of 64"),
            ("per_page=abc", "page 1 of 3"),
            ("per_page=10", "page 1 of 7"),
        ],
    )
    def test_odd_page_parameters_give_a_sane_page(self, client, many, query, expected):
        response = client.get(f"/statistics/?{query}")
        assert response.status_code == 200
        assert expected in text_of(response)

    def test_page_size_is_capped(self, client, many):
        add_statistics(many[0].publication, 60, prefix="more", unit="enterprises")
        response = client.get("/statistics/?per_page=100000000")
        assert len(response.context["table"].page.object_list) == 100

    def test_sort_link_resets_page_and_keeps_filters(self, client, many):
        html = client.get("/statistics/?page=2&category=startups").content.decode()
        assert "?category=startups&amp;sort=label" in html or "?sort=label&amp;category" in html
        assert "page=2&amp;sort" not in html


@pytest.mark.parametrize(
    "query",
    [
        "sort=no_such_column",
        "sort=",
        "sort=-",
        "sort=value&sort=bogus",
        "category=zzz",
        "unit=lightyears",
        "qualifier=%00",
        "publication=no-such-paper",
        "q=" + "x" * 5000,
        "q=%F0%9F%92%A5%00%E2%80%AE",
        "page=%FF",
        "_export=csv",
    ],
)
@pytest.mark.parametrize("url", TABLE_URLS)
def test_bad_query_strings_never_give_a_500(client, whitepaper, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 302, 400)


def test_unknown_filter_value_gives_empty_result_with_message(client, whitepaper):
    response = client.get("/statistics/?category=zzz")
    assert response.status_code == 200
    page = text_of(response)
    assert "Some filters were not understood" in page
    assert "0 rows" in page


def test_over_long_search_is_refused_with_message(client, whitepaper):
    page = text_of(client.get("/statistics/?q=" + "x" * 5000))
    assert "Some filters were not understood" in page


@pytest.mark.parametrize("fmt", ["yaml", "xlsx", "latex", "tsv", "xls", ""])
def test_unsupported_export_formats_are_refused(client, whitepaper, fmt):
    response = client.get(f"/statistics/?_export={fmt}")
    assert response.status_code == 400


def test_export_parameter_redirects_to_the_download(client, whitepaper):
    response = client.get("/statistics/?_export=csv&category=startups&page=2")
    assert response.status_code == 302
    assert response["Location"] == "/statistics.csv?category=startups"


def test_404_page_is_in_the_site_design(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/statistics/"' in html
    assert '<nav aria-label="Main">' in html


def test_500_page_renders_without_a_request(db):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert 'href="/"' in html


def test_sitemap_lists_pages_and_publication(client, whitepaper):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    for url in ["/", *TABLE_URLS, "/about/", PUBLICATION_URL]:
        assert f"http://testserver{url}" in locations


def test_robots_txt_points_to_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_static_files_are_hashed_by_whitenoise_manifest(client, db):
    html = client.get(reverse("reports:about")).content.decode()
    assert re.search(r'href="/static/css/site\.[0-9a-f]{12}\.css"', html)


def test_a_publication_page_lists_a_bounded_number_of_each_kind(client, whitepaper, monkeypatch):
    from whitepaper.models import publication

    monkeypatch.setattr(publication, "PUBLICATION_PAGE_LIMIT", 3)
    html = client.get(PUBLICATION_URL).content.decode()
    statistics = re.search(r'<section aria-labelledby="statistics">.*?</section>', html, re.S)
    assert statistics.group(0).count('<li id="statistic-') == 3
    assert (
        f'<a href="/statistics/?publication={whitepaper.slug}">3 of 4 shown here: all of them '
        "in the table</a>" in html
    )
    assert 'href="/tendencies/?publication=' in html  # 3 of 6
