"""Every sort and every filter of the public statistics table reads its own index.

The table's sort orders are derived from the model's index list (public_statistic_order), so
they cannot drift apart; this asks the database itself, through QuerySet.explain(), whether
it answers each order and each filter from the index meant for it, without sorting.
"""

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django_tables2 import RequestConfig

from reports.tables.catalogue import TABLE_OF_MODEL
from tests.factories import add_statistics
from whitepaper.models import (
    PUBLIC_STATISTIC_INDEXES,
    Category,
    Publication,
    Qualifier,
    Statistic,
    Unit,
)

STATISTICS = TABLE_OF_MODEL[Statistic]

pytestmark = pytest.mark.django_db

INDEX_OF = {column: name for name, column, _ in PUBLIC_STATISTIC_INDEXES}
SORTABLE = [
    column.name
    for column in STATISTICS.table_class(STATISTICS.model.objects.none()).columns.iterall()
    if column.orderable
]
CATEGORIES = [Category.ENTERPRISES, Category.STARTUPS, Category.REGIONS]
UNITS = [Unit.ENTERPRISES, *[Unit.STARTUPS] * 4]
QUALIFIERS = [Qualifier.EXACT, Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.ABOUT]
#: Filters that a page can combine with the default order, and the index each one reads.
FILTERS = {
    "category": (Category.REGIONS, INDEX_OF["category"]),
    "unit": (Unit.ENTERPRISES, INDEX_OF["unit"]),
    "qualifier": (Qualifier.ABOUT, INDEX_OF["qualifier"]),
}


def page_queryset(query):
    """The rows of one table page, as the table view asks for them."""
    request = RequestFactory().get("/statistics/", query)
    filterset = STATISTICS.filterset_class(
        request.GET or None, queryset=STATISTICS.queryset(), request=request
    )
    assert not filterset.is_bound or filterset.is_valid(), filterset.errors
    table = STATISTICS.table_class(filterset.qs)
    RequestConfig(request, paginate=False).configure(table)
    return table.data.data[:25]


def plan(queryset):
    """The query plan, with the planner told that sorting and scanning the whole table are
    expensive (PostgreSQL would rightly scan a table of a few rows)."""
    if connection.vendor != "postgresql":
        return queryset.explain()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        return queryset.explain()


def assert_reads_index(queryset, index):
    text = plan(queryset)
    assert index in text, text
    sorts = "TEMP B-TREE" if connection.vendor == "sqlite" else "Sort"
    assert sorts not in text, text


@pytest.fixture
def rows(whitepaper):
    """Enough rows over enough publications that the statistics the planner keeps (ANALYZE)
    describe a table like the real one, where no publication holds most rows."""
    add_statistics(whitepaper, 40)
    for n in range(10):
        edition = Publication.objects.create(
            slug=f"edition-{n}",
            title=f"Edition {n}",
            publisher="Publisher",
            release_date=date(2019, 1, 1) + timedelta(days=n),
            data_as_of=date(2018, 12, 1),
            source_quote="Edition.",
            is_published=True,
        )
        add_statistics(
            edition,
            40,
            prefix=f"edition{n}",
            category=CATEGORIES[n % len(CATEGORIES)],
            unit=UNITS[n % len(UNITS)],
            qualifier=QUALIFIERS[n % len(QUALIFIERS)],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_every_sortable_column_but_the_publication_has_an_index():
    # The publication column sorts by the publication's release date and title, a join that
    # no index of the statistics table can serve (docs/scale.md, "Growing data").
    assert sorted(set(SORTABLE) - {"publication"}) == sorted(
        column for column in INDEX_OF if column
    )


@pytest.mark.parametrize("column", [None, *sorted(c for c in INDEX_OF if c)])
@pytest.mark.parametrize("descending", [False, True])
def test_each_sort_reads_its_index(rows, column, descending):
    query = {"sort": f"{'-' if descending else ''}{column}"} if column else {}
    assert_reads_index(page_queryset(query), INDEX_OF[column])


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_each_filter_reads_its_index(rows, name):
    value, index = FILTERS[name]
    assert_reads_index(page_queryset({name: value}), index)


def test_a_publication_filter_reads_the_default_order_index(rows, whitepaper):
    assert_reads_index(page_queryset({"publication": whitepaper.slug}), INDEX_OF[None])
