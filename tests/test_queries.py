"""Each public page is served in a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import add_statistics, add_tendencies

pytestmark = pytest.mark.django_db

#: url -> queries: the ETag check, then what the page itself needs.
PAGES = {
    # etag, publication, one bounded list per kind of record shown (4), hot keywords, and the
    # newest release (whether the live data is that release: issue 28)
    "/": 8,
    # etag, count, the columns the view shows (one aggregate: reports.tables.layout),
    # publication filter choices, page of rows, the newest release (whether the live data is
    # that release: issue 21)
    "/statistics/": 6,
    "/regions/": 6,
    # ... and the stage menu, labelled by the stages' words as the source states them, read
    # from the records (one query, rendered once per data version with the filter form).
    "/segments/": 7,
    "/tendencies/": 6,
    # ... and the newest release, which its citation names when the live data is that release
    "/publications/miit-blockchain-white-paper-2018/": 8,
    "/about/": 1,
    "/for-programs/": 1,
    # The publications, their source readers and the records of each kind with a page (5),
    # each listed once for both languages.
    "/sitemap.xml": 7,
    # etag, the rows (the file name carries no date: each row has its own, where the source
    # gives one, so the newest publication's date is no longer looked up)
    "/statistics.csv": 2,
    "/tendencies.json": 2,
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(("url", "expected"), PAGES.items())
def test_query_count_is_pinned(client, whitepaper, url, expected):
    assert count_queries(client, url) == expected


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_rows(client, whitepaper, url):
    before = count_queries(client, url)
    add_statistics(whitepaper, 120)
    add_tendencies(whitepaper, 40)
    assert count_queries(client, url) == before


def test_sorted_and_filtered_page_costs_the_same(client, whitepaper):
    add_statistics(whitepaper, 80)
    assert count_queries(client, "/statistics/?sort=-publication&category=startups&page=2") == 6


def test_overview_lists_a_bounded_number_of_figures(client, whitepaper):
    from whitepaper.models import OVERVIEW_LIMIT

    add_statistics(whitepaper, 40)
    html = client.get("/").content.decode()
    assert html.count('class="headline"') == OVERVIEW_LIMIT
    assert 'href="/statistics/"' in html


def test_paging_counts_the_rows_once_per_data_version(client, whitepaper):
    add_statistics(whitepaper, 80)

    def counts(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return sum("COUNT(" in query["sql"] for query in context.captured_queries)

    # The row count, and the aggregate that finds which columns the view shows.
    assert counts("/statistics/?category=startups&page=2") == 2
    assert counts("/statistics/?category=startups&page=3") == 0
