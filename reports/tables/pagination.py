"""Paging through large tables without walking them.

Two ways to reach a page, both answered from the order's index:

- **Seek keys** (keyset pagination). The Previous and Next links carry the sort key of the
  first or last row shown (``?before=`` / ``?after=``), so the next page is "the rows after
  this key": one index range, however deep. A reader or crawler who pages through never needs
  anything else.
- **Page numbers** (``?page=N``, for links people already have and for jumping). Page N
  starts at row (N - 1) x per_page. Rather than stepping over those rows (LIMIT/OFFSET walks
  the index entry by entry), the paginator keeps *bookmarks*: the sort key of every
  BOOKMARK_EVERY-th row of the view (its filters and order), found by one query with a window
  function and cached under the data version: in the "paging" cache, which every worker and
  app server shares (Redis when REDIS_URL is set, else a table in the database), and in each
  process's memory. (The row count is cached like a page: in Redis, or in each process.) A
  page then seeks to the nearest bookmark at or before it and steps over fewer than
  BOOKMARK_EVERY rows. The bookmarks are found by a thread of their own, started by the
  first request to need them: no request waits for them, each pages with OFFSET until they
  are there, counted from the nearer end of the view.

Seeking needs an order of the model's own non-null columns, all ascending or all descending,
that ends with the primary key (so that the key is unique); every order of the statistics
table is one. Any other order pages with OFFSET.
"""

import base64
import binascii
import json
import threading
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection, connections
from django.db.models import DecimalField, F, Field, Func, IntegerField, Value, Window
from django.db.models.functions import RowNumber
from django.db.models.lookups import (
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
)
from django.utils.functional import cached_property
from django_tables2.rows import BoundRows

#: Rows between two bookmarks: the most a page number ever steps over.
BOOKMARK_EVERY = 1000
#: Counts and bookmarks are keyed by the data version, so they may be kept long.
CACHE_SECONDS = 3600
#: How long one request may hold the right to find a view's bookmarks or count its rows.
FINDING_SECONDS = 60
#: How long a request waits for another one counting the same view's rows (a fraction of a
#: second at a million rows) before it counts them itself.
COUNT_WAIT_SECONDS = 1.0


def remembered(key):
    """A view's bookmarks for the current data version (the key names both): from this
    process's cache, else from the "paging" cache every app server and worker shares, and
    then kept in this process's too. None if neither has them."""
    value = cache.get(key)
    if value is None and not paging_is_default():
        value = caches["paging"].get(key)
        if value is not None:
            cache.set(key, value, CACHE_SECONDS)
    return value


def remember(key, value):
    """Keep a view's bookmarks in this process's cache and the shared one (once, when the
    two are one: a shared Redis)."""
    cache.set(key, value, CACHE_SECONDS)
    if not paging_is_default():
        caches["paging"].set(key, value, CACHE_SECONDS)


def paging_is_default():
    return settings.CACHES["paging"] == settings.CACHES["default"]


class BadSeekKey(Exception):
    """An ?after= or ?before= value that is not a sort key of this view."""


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


def from_bookmark(queryset, fields, descending, bookmark, strict=False):
    """The queryset's rows from the bookmark on, in its order: (a, b, id) >= (x, y, z), or
    strictly after it."""
    columns = RowValue(*(F(field.attname) for field in fields))
    values = RowValue(
        *(Value(value, output_field=field) for field, value in zip(fields, bookmark, strict=True))
    )
    if descending:
        comparison = LessThan if strict else LessThanOrEqual
    else:
        comparison = GreaterThan if strict else GreaterThanOrEqual
    return queryset.filter(comparison(columns, values))


def before_bookmark(queryset, fields, descending, bookmark):
    """The queryset's rows strictly before the bookmark, nearest first."""
    columns = RowValue(*(F(field.attname) for field in fields))
    values = RowValue(
        *(Value(value, output_field=field) for field, value in zip(fields, bookmark, strict=True))
    )
    comparison = GreaterThan if descending else LessThan
    return queryset.filter(comparison(columns, values)).reverse()


def json_value(value):
    """A sort key value as JSON: numbers, text and null as they are, others (dates,
    decimals) as the text their field reads back."""
    return value if value is None or isinstance(value, int | str) else str(value)


def encode_key(row):
    """A row's sort key as URL-safe text."""
    values = [json_value(value) for value in row]
    text = json.dumps(values, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


#: The longest seek key a view's sort key can make (a label of 300 characters, encoded).
MAX_SEEK_KEY_LENGTH = 2000


def decode_key(fields, token, nullable=False):
    """The sort key in a token from encode_key; BadSeekKey if it is not one (not base64 or
    JSON, the wrong number of values, a value its column cannot hold, or a null unless the
    order is ``nullable``: reports.api.paging seeks such orders too)."""
    if len(token) > MAX_SEEK_KEY_LENGTH:
        raise BadSeekKey(token)
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        values = json.loads(text)
    except (ValueError, UnicodeDecodeError, binascii.Error, RecursionError) as error:
        raise BadSeekKey(token) from error
    if not isinstance(values, list) or len(values) != len(fields):
        raise BadSeekKey(token)
    if None in values and not nullable:
        raise BadSeekKey(token)
    try:
        key = tuple(
            None if value is None else field.to_python(value)
            for field, value in zip(fields, values, strict=True)
        )
    except (ValidationError, TypeError, ValueError, OverflowError) as error:
        raise BadSeekKey(token) from error
    for field, value in zip(fields, key, strict=True):
        if value is None:
            continue
        if isinstance(field, IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            if (low is not None and value < low) or (high is not None and value > high):
                raise BadSeekKey(token)
        if isinstance(field, DecimalField) and not value.is_finite():
            raise BadSeekKey(token)
    return key


class SeekPage(Page):
    """A page reached by a seek key: its rows, and the keys of its first and last rows."""

    def __init__(self, object_list, number, paginator, has_before, has_after, keys):
        super().__init__(object_list, number, paginator)
        self.first_key, self.last_key = keys
        self._has_before, self._has_after = has_before, has_after

    def has_next(self):
        return self._has_after

    def has_previous(self):
        return self._has_before


class CappedPaginator(Paginator):
    """Keeps ?per_page= between 1 and TABLE_MAX_PER_PAGE, whatever a client asks for;
    remembers the row count of a filtered view for the current data version, so that paging
    through a large table counts its rows once; seeks deep pages from bookmarks, and pages
    reached by a seek key from that key.

    ``cache_key`` names the view (data version and filters); without it nothing is cached.
    ``seek`` is ("after" or "before", token) when the page was asked for by a seek key.
    """

    def __init__(self, object_list, per_page, *args, cache_key=None, seek=None, **kwargs):
        per_page = min(max(int(per_page), 1), settings.TABLE_MAX_PER_PAGE)
        self.cache_key = cache_key
        self.seek = seek
        super().__init__(object_list, per_page, *args, **kwargs)

    @cached_property
    def count(self):
        if self.cache_key is None:
            return super().count
        return found_once(f"{self.cache_key}|count", self.count_rows)

    def count_rows(self):
        return super().count

    @cached_property
    def queryset(self):
        rows = self.object_list
        return rows.data.data if isinstance(rows, BoundRows) else rows

    @cached_property
    def order(self):
        """(fields, descending) of the view's order, or None if it cannot be sought."""
        return seek_order(self.queryset) if hasattr(self.queryset, "query") else None

    def page(self, number):
        number = self.validate_number(number)
        if self.seek and self.order:
            return self.seek_page(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows_between(bottom, top), number, self)

    def wrap(self, records):
        rows = self.object_list
        if isinstance(rows, BoundRows):
            return BoundRows(data=records, table=rows.table, pinned_data=rows.pinned_data)
        return records

    def seek_page(self, number):
        """The per_page rows after (or before) the seek key, and whether more lie beyond."""
        direction, token = self.seek
        fields, descending = self.order
        key = decode_key(fields, token)
        if direction == "after":
            rows = from_bookmark(self.queryset, fields, descending, key, strict=True)
            records = list(rows[: self.per_page + 1])
            has_after, has_before = len(records) > self.per_page, True
            records = records[: self.per_page]
        else:
            rows = before_bookmark(self.queryset, fields, descending, key)
            records = list(rows[: self.per_page + 1])
            has_before, has_after = len(records) > self.per_page, True
            records = records[: self.per_page][::-1]
        names = [field.attname for field in fields]
        keys = [tuple(getattr(record, name) for name in names) for record in records]
        ends = (keys[0], keys[-1]) if keys else (key, key)
        return SeekPage(self.wrap(records), number, self, has_before, has_after, ends)

    def rows_between(self, bottom, top):
        """The rows of [bottom, top), from the nearest bookmark when the page is deep."""
        rows = self.object_list
        if bottom < BOOKMARK_EVERY or self.order is None or self.cache_key is None:
            return rows[bottom:top]
        fields, descending = self.order
        bookmarks = self.bookmarks(fields, descending)
        if not bookmarks:
            return self.rows_from_nearer_end(bottom, top)
        start = min(bottom // BOOKMARK_EVERY, len(bookmarks) - 1)
        skip = bottom - start * BOOKMARK_EVERY
        page = from_bookmark(self.queryset, fields, descending, bookmarks[start])
        return self.wrap(page[skip : skip + top - bottom])

    def rows_from_nearer_end(self, bottom, top):
        """The rows of [bottom, top) by OFFSET, counted from whichever end of the view is
        nearer: a page in the second half is the reversed order's rows, read backwards. (The
        database steps over the rows before an offset one by one; the order, which ends with
        the primary key, reverses exactly.)"""
        if bottom <= self.count - top:
            return self.object_list[bottom:top]
        from_end = self.queryset.reverse()[self.count - top : self.count - bottom]
        return self.wrap(list(from_end)[::-1])

    def bookmarks(self, fields, descending):
        """The sort keys of rows 0, BOOKMARK_EVERY, 2 x BOOKMARK_EVERY, ... of the view, or
        None until they are found. The first request to need them starts finding them (in
        the background, with FIND_BOOKMARKS_IN_BACKGROUND; else before it goes on)."""
        names = [field.attname for field in fields]
        key = f"{self.cache_key}|bookmarks|{'-' if descending else '+'}{','.join(names)}"
        bookmarks = remembered(key)
        if bookmarks is None and caches["paging"].add(f"{key}|finding", True, FINDING_SECONDS):
            finder = BookmarkFinder(self.queryset, fields, descending, key)
            if settings.FIND_BOOKMARKS_IN_BACKGROUND:
                finder.start()
            else:
                finder.run()
                bookmarks = finder.bookmarks
        return bookmarks


class BookmarkFinder(threading.Thread):
    """Finds a view's bookmarks and caches them, then gives up its claim to find them. As a
    thread, with a database connection of its own, closed when it is done."""

    def __init__(self, queryset, fields, descending, key):
        super().__init__(name="find-bookmarks", daemon=True)
        self.queryset, self.fields, self.descending, self.key = queryset, fields, descending, key
        self.bookmarks = None

    def run(self):
        try:
            self.bookmarks = find_bookmarks(self.queryset, self.fields, self.descending)
            remember(self.key, self.bookmarks)
        finally:
            caches["paging"].delete(f"{self.key}|finding")
            if threading.current_thread() is self:
                connections.close_all()


def found_once(key, find):
    """What is cached under ``key`` (a view's row count, or another fact of the whole view
    found by one query); else ``find()``, cached. One request at a time finds it: many
    requests finding it at once (a cold cache, a new data version) would each take as long
    as all of them, so a request that finds another one at it waits for its result (up to
    COUNT_WAIT_SECONDS), then finds it itself."""
    value = cache.get(key)
    if value is not None:
        return value
    finding = f"{key}|counting"
    if not cache.add(finding, True, FINDING_SECONDS):
        value = counted_by_another(key)
        return find() if value is None else value
    try:
        value = find()
        cache.set(key, value, CACHE_SECONDS)
    finally:
        cache.delete(finding)
    return value


def counted_by_another(key):
    """The row count another request is finding, once it is cached; None if it is not
    within COUNT_WAIT_SECONDS."""
    deadline = time.monotonic() + COUNT_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.01)
        count = cache.get(key)
        if count is not None:
            return count
    return None


def find_bookmarks(queryset, fields, descending):
    """Every BOOKMARK_EVERY-th sort key of the queryset, in one query: each row is numbered
    in the order (a window function over the order's index) and every BOOKMARK_EVERY-th is
    kept."""
    names = [field.attname for field in fields]
    order = [F(name).desc() if descending else F(name).asc() for name in names]
    numbered = (
        queryset.order_by()
        .annotate(row_number=Window(RowNumber(), order_by=order))
        .annotate(place=(F("row_number") - 1) % BOOKMARK_EVERY)
        # Filtering on a window function makes Django wrap the query in a subquery.
        .filter(place=0)
        .values_list(*names, "row_number")
    )
    return [row[:-1] for row in sorted(numbered, key=lambda row: row[-1])]
