"""Paging through large tables: a capped page size, a cached row count, and bookmarks so
that a page deep in the list does not make the database step over every row before it.

With LIMIT/OFFSET, page 40,000 of a table makes the database walk a million index entries
and throw them away. Instead, the paginator keeps *bookmarks*: the sort key of every
BOOKMARK_EVERY-th row of a view (its filters and its order), kept in the cache under the
data version, like the row count. A page then seeks straight to the nearest bookmark at or
before it, with a row-value comparison the database answers from the order's index, and
steps over fewer than BOOKMARK_EVERY rows. Bookmarks are found the first time a page needs
them, by hops of BOOKMARK_EVERY rows from the last one known, so the cost of a deep page is
paid once per data version, not on every request.

Seeking needs an order of the model's own non-null columns, all ascending or all
descending, that ends with the primary key (so that the key is unique); every order of the
statistics table is one. Any other order pages with OFFSET.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, Field, Func, Value
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.functional import cached_property
from django_tables2.rows import BoundRows

#: Rows between two bookmarks: the most a page ever steps over.
BOOKMARK_EVERY = 1000
#: Counts and bookmarks are keyed by the data version, so they may be kept long.
CACHE_SECONDS = 3600


def seek_order(queryset):
    """The fields of the queryset's order and whether it descends, or None if the order
    cannot be sought (see the module's docstring)."""
    query = queryset.query
    if not query.standard_ordering or query.extra_order_by:  # .reverse() or .extra()
        return None
    terms = query.order_by or (queryset.model._meta.ordering if query.default_ordering else ())
    if not terms or not all(isinstance(term, str) for term in terms):
        return None
    directions = {term.startswith("-") for term in terms}
    if len(directions) != 1:
        return None
    fields = []
    for term in terms:
        name = term.lstrip("-")
        try:
            field = queryset.model._meta.get_field("id" if name == "pk" else name)
        except FieldDoesNotExist:
            return None
        # An order by a foreign key's name follows the related model's own order.
        if not field.concrete or field.null or (field.is_relation and name != field.attname):
            return None
        fields.append(field)
    if not fields[-1].primary_key:
        return None
    return fields, directions.pop()


class RowValue(Func):
    """A row value, (a, b, c): SQLite and PostgreSQL compare two of them column by column,
    and answer (a, b, c) >= (x, y, z) from an index on (a, b, c)."""

    function = ""
    template = "(%(expressions)s)"
    output_field = Field()


def from_bookmark(queryset, fields, descending, bookmark):
    """The queryset's rows from the bookmark on, in its order: (a, b, id) >= (x, y, z)."""
    columns = RowValue(*(F(field.attname) for field in fields))
    values = RowValue(
        *(Value(value, output_field=field) for field, value in zip(fields, bookmark, strict=True))
    )
    comparison = LessThanOrEqual if descending else GreaterThanOrEqual
    return queryset.filter(comparison(columns, values))


class CappedPaginator(Paginator):
    """Keeps ?per_page= between 1 and TABLE_MAX_PER_PAGE, whatever a client asks for;
    remembers the row count of a filtered view for the current data version, so that paging
    through a large table counts its rows once; and seeks deep pages from bookmarks.

    ``cache_key`` names the view (data version and filters); without it nothing is cached.
    """

    def __init__(self, object_list, per_page, *args, cache_key=None, **kwargs):
        per_page = min(max(int(per_page), 1), settings.TABLE_MAX_PER_PAGE)
        self.cache_key = cache_key
        super().__init__(object_list, per_page, *args, **kwargs)

    @cached_property
    def count(self):
        if self.cache_key is None:
            return super().count
        key = f"{self.cache_key}|count"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, CACHE_SECONDS)
        return count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows_between(bottom, top), number, self)

    def rows_between(self, bottom, top):
        """The rows of [bottom, top), from the nearest bookmark when the page is deep."""
        rows = self.object_list
        queryset = rows.data.data if isinstance(rows, BoundRows) else rows
        order = seek_order(queryset) if hasattr(queryset, "query") else None
        if bottom < BOOKMARK_EVERY or order is None or self.cache_key is None:
            return rows[bottom:top]
        fields, descending = order
        bookmarks = self.bookmarks(queryset, fields, descending, bottom // BOOKMARK_EVERY)
        if not bookmarks:
            return rows[bottom:top]
        start = len(bookmarks) - 1
        skip = bottom - start * BOOKMARK_EVERY
        page = from_bookmark(queryset, fields, descending, bookmarks[start])
        page = page[skip : skip + top - bottom]
        if isinstance(rows, BoundRows):
            return BoundRows(data=page, table=rows.table, pinned_data=rows.pinned_data)
        return page

    def bookmarks(self, queryset, fields, descending, wanted):
        """The sort keys of rows 0, BOOKMARK_EVERY, 2 * BOOKMARK_EVERY, … up to the
        wanted-th bookmark (fewer if the view ends first), from the cache or found now."""
        names = [field.attname for field in fields]
        key = f"{self.cache_key}|bookmarks|{'-' if descending else '+'}{','.join(names)}"
        bookmarks = cache.get(key) or list(queryset.values_list(*names)[:1])
        known = len(bookmarks)
        while bookmarks and len(bookmarks) <= wanted:
            rest = from_bookmark(queryset, fields, descending, bookmarks[-1]).values_list(*names)
            following = list(rest[BOOKMARK_EVERY : BOOKMARK_EVERY + 1])
            if not following:
                break
            bookmarks.append(following[0])
        if len(bookmarks) != known:
            cache.set(key, bookmarks, CACHE_SECONDS)
        return bookmarks[: wanted + 1]
