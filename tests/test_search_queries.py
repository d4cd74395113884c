"""The search page costs a fixed number of queries, whatever the number of records."""

import pytest

from tests.factories import add_statistics, add_tendencies
from tests.test_queries import count_queries

pytestmark = pytest.mark.django_db

#: url -> queries. A search: hot keywords, hidden publications with the words any record has
#: (a query that no record has a word of stops there), counts, candidates, then
#: one query per kind of record on the page (publications and their paragraphs share one),
#: and the day's count of a first page that found something. A query of several words also
#: reads the documents with all of them but one in the same query as the others.
#: A counted search writes its count in a savepoint of its own; inside a test's transaction
#: that is two more statements (SAVEPOINT, RELEASE), which a live request, in autocommit,
#: does not have.
PAGES = {
    "/search/": 1,  # hot keywords
    "/search/?q=qwertyuiop": 2,  # hot keywords, hidden publications and words
    "/search/?q=Guangdong": 10,  # + candidates, statistics, regions, publications, the count
    "/search/?q=blockchain": 13,  # records of all six kinds
    "/search/?q=blockchain&page=2": 6,  # statistics and paragraphs on it; not counted
    # 金融, and its English (finance, financial): statistics, segments, tendencies, findings,
    # publications with their paragraphs.
    "/zh-hans/search/?q=%E9%87%91%E8%9E%8D": 12,
    "/search/?q=enterprises+in+Beijing": 12,  # all kinds but tendencies
    "/search.json?q=blockchain": 9,  # no hot keywords, no count
}


@pytest.mark.parametrize(("url", "expected"), PAGES.items())
def test_query_count_is_pinned(client, whitepaper, url, expected):
    assert count_queries(client, url) == expected


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_matches(client, whitepaper, url):
    """Hundreds more matching records: at most one query per kind, whatever their number."""
    before = count_queries(client, url)
    add_statistics(
        whitepaper, 150, prefix="blockchain", label_zh="区块链金融", source_quote="Guangdong."
    )
    add_tendencies(whitepaper, 40)
    assert count_queries(client, url) <= before
