"""Deep pages are sought from bookmarks and list exactly the rows OFFSET would list."""

import base64
import csv
import io
import re
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.tables import pagination
from reports.tables.pagination import seek_order
from tests.factories import second_publication
from whitepaper.models import Publication, Qualifier, Statistic

pytestmark = pytest.mark.django_db

PER_PAGE = 5
ROWS = 64


@pytest.fixture
def many_statistics(whitepaper, monkeypatch):
    """ROWS statistics over two publications, with ties in every sortable column, and
    bookmarks every 7 rows, so that most pages are sought from a bookmark."""
    monkeypatch.setattr(pagination, "BOOKMARK_EVERY", 7)
    first = Publication.objects.get()
    second = second_publication()
    publications = [first, second]
    qualifiers = list(Qualifier.values)
    # Inserted at once: paging reads the rows only (not their history or search documents).
    Statistic.objects.bulk_create(
        Statistic(
            publication=publications[n % 2],
            key=f"row-{n:03d}",
            label=f"Figure {n % 9}",
            value=Decimal(n % 11),
            unit=["enterprises", "startups", "percent"][n % 3],
            category=["enterprises", "startups", "regions"][n % 3],
            qualifier=qualifiers[n % len(qualifiers)],
            as_of=date(2018, 3, 31 - n % 4),
            source_quote="A test sentence.",
            position=n % 6,  # ties within a publication too: the primary key breaks them
        )
        for n in range(ROWS)
    )
    forget_counts_and_bookmarks()


def forget_counts_and_bookmarks():
    """As a new data version would: neither this process nor any other has them."""
    cache.clear()
    caches["paging"].clear()


def csv_keys(client, query):
    """The rows of the view in order, from its download (one query, no pagination)."""
    response = client.get(f"/statistics.csv?bom=0&{query}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return [row["key"] for row in csv.DictReader(io.StringIO(text))]


def page_keys(client, query, page):
    response = client.get(f"/statistics/?{query}&per_page={PER_PAGE}&page={page}")
    assert response.status_code == 200
    return re.findall(r'<tr[^>]* id="statistic-([^"]+)"', response.content.decode())


SORTS = ["", "label", "-label", "value", "-value", "qualifier", "-qualifier", "unit", "-unit"]
SORTS += ["category", "-category", "as_of", "-as_of", "publication", "-publication"]
#: A sort by publication follows Publication's own order (its columns, not the statistic's):
#: it pages with OFFSET only.
#: Orders a page is not sought by: by a related record's name, and by a column some rows
#: leave empty (a date only where the source gives one: a row value cannot hold NULL).
UNSOUGHT_SORTS = ("publication", "-publication", "as_of", "-as_of")


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("filters", ["", "category=startups", "qualifier=about&unit=percent"])
def test_every_page_lists_the_rows_offset_would(client, many_statistics, sort, filters):
    query = "&".join(part for part in (filters, f"sort={sort}" if sort else "") if part)
    expected = csv_keys(client, query)
    pages = -(-len(expected) // PER_PAGE)
    # Twice: the first visit finds the bookmarks, the second reads them from the cache.
    for _ in range(2):
        listed = [key for page in range(1, pages + 1) for key in page_keys(client, query, page)]
        assert listed == expected


def test_a_deep_page_costs_what_the_first_page_costs_once_bookmarks_are_known(
    client, many_statistics, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # render every request

    def queries(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    first_page = f"/statistics/?per_page={PER_PAGE}"
    last_page = f"{first_page}&page={-(-(ROWS + 4) // PER_PAGE)}"
    queries(first_page)  # counts the rows
    first_page_queries = queries(first_page)  # etag, publication choices, rows
    assert queries(last_page) > first_page_queries  # hops from bookmark to bookmark, once
    assert queries(last_page) == first_page_queries


def test_bookmarks_found_by_one_worker_serve_the_others(
    client, many_statistics, settings, monkeypatch
):
    """Found once, kept in the shared "paging" cache: a worker whose own memory does not have
    them (another process, another app server) reads them from there and does not find them
    again."""
    settings.PAGE_CACHE_SECONDS = 0
    expected = page_keys(client, "", 12)  # finds the bookmarks
    # Another worker: its own memory is empty. (With Redis, its "default" cache is the shared
    # one, which is the worker's own too.)
    if not pagination.paging_is_default():
        monkeypatch.setattr(pagination, "cache", LocMemCache("another-worker", {}))
    with CaptureQueriesContext(connection) as context:
        assert page_keys(client, "", 12) == expected
    assert not any("ROW_NUMBER" in query["sql"].upper() for query in context.captured_queries)


def test_an_edit_drops_the_bookmarks(client, many_statistics):
    query = "sort=-value"
    before = csv_keys(client, query)
    assert [k for p in range(1, 15) for k in page_keys(client, query, p)] == before
    Statistic.objects.filter(key="row-000").get().delete()  # writes history: a new version
    after = csv_keys(client, query)
    assert "row-000" not in after
    assert [k for p in range(1, 15) for k in page_keys(client, query, p)] == after


@pytest.mark.parametrize(
    ("order", "sought"),
    [
        ((), ["publication", "position", "id"]),
        (("-value", "-pk"), ["value", "id"]),
        (
            ("qualifier", "publication_id", "position", "pk"),
            ["qualifier", "publication", "position", "id"],
        ),
        (("value", "-pk"), None),  # mixed directions
        (("value",), None),  # no unique last key
        (("publication", "pk"), None),  # a foreign key by name follows Publication's order
        (("publication__release_date", "pk"), None),  # a related column
    ],
)
def test_which_orders_are_sought(order, sought):
    queryset = Statistic.objects.all()
    if order:
        queryset = queryset.order_by(*order)
    found = seek_order(queryset)
    assert (None if found is None else [field.name for field in found[0]]) == sought


def test_a_reversed_order_is_not_sought():
    assert seek_order(Statistic.objects.order_by("value", "pk").reverse()) is None


def test_rows_from_a_bookmark_work_inside_a_subquery(many_statistics):
    queryset = Statistic.objects.for_table().order_by("-value", "-pk")
    fields, descending = seek_order(queryset)
    bookmark = queryset.values_list("value", "pk")[10]
    rows = pagination.from_bookmark(queryset, fields, descending, bookmark)
    expected = list(queryset.values_list("pk", flat=True)[10:13])
    assert list(rows.values_list("pk", flat=True)[:3]) == expected
    inside = Statistic.objects.filter(pk__in=rows.values("pk")[:3])
    assert sorted(inside.values_list("pk", flat=True)) == sorted(expected)


def test_parameters_that_are_not_filters_share_the_row_count(client, many_statistics, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/statistics/?category=startups")
    with CaptureQueriesContext(connection) as counted:
        client.get("/statistics/?category=startups&utm_source=newsletter")
    assert not any("COUNT(" in query["sql"] for query in counted.captured_queries)


def links(html, rel):
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def follow(client, start, rel):
    """The row keys of every page reached by following the rel="next" (or "prev") links
    from start, and the URLs followed."""
    keys, urls, url = [], [], start
    while url:
        response = client.get(f"/statistics/{url}")
        assert response.status_code == 200, url
        html = response.content.decode()
        page = re.findall(r'<tr[^>]* id="statistic-([^"]+)"', html)
        keys.append(page)
        urls.append(url)
        url = links(html, rel)
    return keys, urls


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("filters", ["", "category=startups"])
def test_next_and_previous_links_list_the_rows_page_numbers_do(
    client, many_statistics, sort, filters
):
    """Following Next from the first page, then Previous back from the last, lists exactly
    the rows that the numbered pages list, ties and both directions included."""
    query = "&".join(part for part in (filters, f"sort={sort}" if sort else "") if part)
    expected = csv_keys(client, query)
    by_number = [page_keys(client, query, page) for page in range(1, -(-len(expected) // 5) + 1)]
    forward, urls = follow(client, f"?{query}&per_page={PER_PAGE}", "next")
    assert forward == by_number
    # Sortable orders page on by seek key, not by counting rows from the start.
    if sort not in UNSOUGHT_SORTS:
        assert all("after=" in url for url in urls[1:])
    backward, _ = follow(client, urls[-1], "prev")
    assert backward == by_number[::-1]


def test_a_seek_page_says_which_page_it_is(client, many_statistics):
    html = client.get(f"/statistics/?per_page={PER_PAGE}").content.decode()
    html = client.get(f"/statistics/{links(html, 'next')}").content.decode()
    assert "page 2 of 14" in html
    assert 'aria-current="page">2<' in html


@pytest.mark.parametrize(
    "token", ["not-base64!", "bm90IGpzb24", "WzFd", "WyJ4IiwieSIsInoiXQ", "W251bGwsMSwyXQ"]
)
def test_a_bad_seek_key_is_refused_with_a_message(client, many_statistics, token):
    response = client.get(f"/statistics/?after={token}")
    assert response.status_code == 400
    assert b"not valid" in response.content


def test_a_deep_page_never_waits_for_bookmarks_being_found(
    client, many_statistics, settings, monkeypatch
):
    """While another request finds the bookmarks of a view, a deep page of it is listed from
    the start of the view instead of waiting, and lists the same rows."""
    settings.PAGE_CACHE_SECONDS = 0
    expected = page_keys(client, "", 12)
    forget_counts_and_bookmarks()
    client.get(f"/statistics/?per_page={PER_PAGE}")  # counts the rows
    monkeypatch.setattr(caches["paging"], "add", lambda *args: False)  # another is finding them
    with CaptureQueriesContext(connection) as context:
        assert page_keys(client, "", 12) == expected
    assert not any("ROW_NUMBER" in query["sql"].upper() for query in context.captured_queries)


@pytest.fixture
def bookmarks_found_elsewhere(monkeypatch):
    """Another request holds the claim to find every view's bookmarks (and has not found them
    yet): pages are listed with OFFSET."""
    original_add = caches["paging"].add

    def add(key, *args, **kwargs):
        return False if key.endswith("|finding") else original_add(key, *args, **kwargs)

    monkeypatch.setattr(caches["paging"], "add", add)


def offsets(captured_queries):
    return [
        int(offset)
        for query in captured_queries
        for offset in re.findall(r"OFFSET (\d+)", query["sql"])
    ]


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("filters", ["", "category=startups"])
def test_without_bookmarks_a_page_is_counted_from_the_nearer_end(
    client, many_statistics, bookmarks_found_elsewhere, sort, filters
):
    """Until the bookmarks are found, a page in the second half of the view is read from its
    end in the reversed order, and lists the rows the download lists there."""
    query = "&".join(part for part in (filters, f"sort={sort}" if sort else "") if part)
    expected = csv_keys(client, query)
    pages = -(-len(expected) // PER_PAGE)
    listed = []
    for page in range(1, pages + 1):
        with CaptureQueriesContext(connection) as context:
            listed += page_keys(client, query, page)
        if sort not in UNSOUGHT_SORTS:
            assert max(offsets(context.captured_queries), default=0) <= len(expected) // 2
    assert listed == expected


@pytest.mark.django_db(transaction=True)
def test_bookmarks_are_found_by_a_thread_while_requests_go_on(
    client, many_statistics, settings, monkeypatch
):
    """The request that first needs the bookmarks lists its page without them and starts a
    thread that finds them; later pages are sought from them."""
    settings.PAGE_CACHE_SECONDS = 0
    # Found in the request here, so no thread of these requests writes after the clear.
    expected = {page: page_keys(client, "", page) for page in (12, 13)}
    forget_counts_and_bookmarks()
    settings.FIND_BOOKMARKS_IN_BACKGROUND = True
    started = []
    monkeypatch.setattr(pagination.BookmarkFinder, "start", lambda finder: started.append(finder))
    with CaptureQueriesContext(connection) as context:
        assert page_keys(client, "", 12) == expected[12]
    assert not any("ROW_NUMBER" in query["sql"].upper() for query in context.captured_queries)
    [finder] = started
    threading.Thread.start(finder)
    finder.join()
    assert finder.bookmarks
    with CaptureQueriesContext(connection) as context:
        assert page_keys(client, "", 13) == expected[13]
    assert not any("ROW_NUMBER" in query["sql"].upper() for query in context.captured_queries)
    assert caches["paging"].add(f"{finder.key}|finding", True)  # the finder gave up its claim


@pytest.mark.parametrize(
    "values",
    [
        "[1,1,1e999]",  # infinity where a whole number goes
        "[1,1,99999999999999999999999]",  # a number no column holds
        "[" * 1500,  # deeper than JSON parses
        '["x",1,1]',
    ],
)
def test_a_seek_key_that_no_row_can_have_is_refused(client, many_statistics, values):
    token = base64.urlsafe_b64encode(values.encode()).decode().rstrip("=")
    response = client.get(f"/statistics/?after={token}")
    assert response.status_code == 400


def test_an_overlong_seek_key_is_refused(client, many_statistics):
    assert client.get(f"/statistics/?after={'A' * 5000}").status_code == 400


@pytest.fixture
def counting_elsewhere(monkeypatch):
    """Another request holds the claim to count every view's rows: the keys it counts."""
    original_add = cache.add
    claimed = []

    def add(key, *args, **kwargs):
        if key.endswith("|count|counting"):
            claimed.append(key.removesuffix("|counting"))
            return False
        return original_add(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", add)
    return claimed


def counting_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        html = client.get(url).content.decode()
    # The row counts (Django's count()), not the aggregate that finds the view's columns.
    return html, [query for query in context.captured_queries if '"__count"' in query["sql"]]


def test_a_request_waits_for_the_count_another_request_is_finding(
    client, many_statistics, counting_elsewhere, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0

    def the_other_request_finishes(seconds):
        cache.set(counting_elsewhere[-1], 999)

    monkeypatch.setattr(pagination.time, "sleep", the_other_request_finishes)
    html, counts = counting_queries(client, f"/statistics/?per_page={PER_PAGE}")
    assert counts == []
    assert "page 1 of 200" in html  # 999 rows, as the other request counted them


def test_a_request_counts_itself_when_the_other_count_is_late(
    client, many_statistics, counting_elsewhere, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(pagination, "COUNT_WAIT_SECONDS", 0)
    html, counts = counting_queries(client, f"/statistics/?per_page={PER_PAGE}")
    assert len(counts) == 1
    assert "page 1 of 14" in html
