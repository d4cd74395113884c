"""Paging a list by cursor: the records after the sort key of the last one a client has.

A cursor is the sort key of the last record of a page, encoded as the tables encode their
``?after=`` keys (reports.tables.pagination.encode_key), so a page is "the next ``limit`` records
after this key": one index range however deep, and stable under concurrent edits (a record
added or removed before the key moves nothing after it; the order ends with the primary key,
so no two records share a key).

Where the table seeks its order from an index (every order of the statistics table, the
default orders of the others), the API seeks with the same row comparison
(reports.tables.pagination.from_bookmark). Other orders of the small tables sort by a related
column or one that may be empty (a region's rank): those seek with the same key, compared
column by column, with empty values placed where the database sorts them.
"""

from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import F, Q

from reports.tables.pagination import BadSeekKey, decode_key, encode_key, from_bookmark, seek_order
from whitepaper.lookups import field_at

#: The most records one page may hold, and how many a page holds unless asked.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


class Order:
    """How to seek a queryset's order: by row value where the tables do, else term by term."""

    def __init__(self, queryset):
        sought = seek_order(queryset)
        if sought is not None:
            self.fields, self.descending = sought
            self.terms = None
            self.queryset = queryset
            return
        terms = list(queryset.query.order_by or queryset.model._meta.ordering)
        if terms[-1].lstrip("-") not in ("pk", "id"):
            terms.append("pk")
        self.terms = [(term.lstrip("-"), term.startswith("-")) for term in terms]
        self.fields = [
            queryset.model._meta.pk if name == "pk" else field_at(queryset.model, name)
            for name, _descending in self.terms
        ]
        keys = {f"seek_{index}": F(name) for index, (name, _) in enumerate(self.terms)}
        self.queryset = queryset.annotate(**keys).order_by(*terms)

    def key_of(self, record):
        if self.terms is None:
            return tuple(getattr(record, field.attname) for field in self.fields)
        return tuple(getattr(record, f"seek_{index}") for index in range(len(self.terms)))

    def after(self, token):
        """The records strictly after the key in the token (BadSeekKey if it is not one)."""
        if self.terms is None:
            key = decode_key(self.fields, token)
            return from_bookmark(self.queryset, self.fields, self.descending, key, strict=True)
        key = decode_key(self.fields, token, nullable=True)
        parts = []
        equal = Q()
        for index, ((_name, descending), value) in enumerate(zip(self.terms, key, strict=True)):
            column = f"seek_{index}"
            beyond = beyond_value(column, descending, value)
            if beyond is not None:
                parts.append(equal & beyond)
            equal &= Q(**{f"{column}__isnull": True}) if value is None else Q(**{column: value})
        if not parts:
            return self.queryset.none()
        return self.queryset.filter(reduce(or_, parts))


def beyond_value(column, descending, value):
    """The condition "the column comes after this value in the order", or None when nothing
    can (the value is an empty one sorted last). Databases sort empty values as the largest
    (PostgreSQL) or the smallest (SQLite)."""
    empty_last = connection.features.nulls_order_largest != descending
    if value is None:
        return None if empty_last else Q(**{f"{column}__isnull": False})
    beyond = Q(**{f"{column}__{'lt' if descending else 'gt'}": value})
    return beyond | Q(**{f"{column}__isnull": True}) if empty_last else beyond


def page(queryset, after, limit):
    """(records, cursor of the next page or None) of the queryset's records after the
    cursor ``after`` (from the start without one). BadSeekKey for a cursor that is not one."""
    order = Order(queryset)
    rows = order.after(after) if after else order.queryset
    records = list(rows[: limit + 1])
    if len(records) <= limit:
        return records, None
    records = records[:limit]
    return records, encode_key(order.key_of(records[-1]))


__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "BadSeekKey", "page"]
