"""Which columns a table view shows, worked out by the database for the whole view.

A column that says nothing in any row of the view (an optional column with no value: a rank
the source never states) is left out; a column with one value for every row (one
publication) is said once above the table (reports.tables.columns.CellColumn says which columns
may be either). Both are answered for the whole filtered view, not for the page shown, by one
aggregate query, and kept under the view's cache key like its row count: a column never
comes and goes between the pages of one view, and paging on costs nothing more.

The downloads do not read this: they keep every column (reports.downloads.exports).
"""

from dataclasses import dataclass

from django.db.models import CharField, Count, Max, Min, Q, TextField
from django.utils.translation import gettext, pgettext

from reports.tables.pagination import found_once
from whitepaper.lookups import field_at


@dataclass(frozen=True)
class Layout:
    #: The optional columns no row of the view has a value in.
    absent: tuple = ()
    #: The columns whose value is the same in every row of the view (of two rows or more).
    shared: tuple = ()


def lookup(bound_column):
    return str(bound_column.accessor).replace(".", "__")


def has_value(model, bound_column):
    """A condition true of the rows where the column has something to show."""
    column = bound_column.column
    if column.has_value is not None:
        return column.has_value
    path = lookup(bound_column)
    condition = Q(**{f"{path}__isnull": False})
    if isinstance(field_at(model, path), CharField | TextField):
        condition &= ~Q(**{path: ""})
    return condition


def flexible_columns(table):
    """The table's columns that a view may leave out or say once, whether shown or not."""
    return [
        bound
        for bound in table.columns.iterall()
        if getattr(bound.column, "optional", False) or getattr(bound.column, "shared", False)
    ]


def find_layout(queryset, columns):
    """The view's Layout, from one aggregate query: the rows, and per column the rows with
    a value and (for a column that may be shared) the least and the greatest value."""
    model = queryset.model
    aggregates = {"rows": Count("pk")}
    for number, bound in enumerate(columns):
        condition = has_value(model, bound)
        aggregates[f"with_{number}"] = Count("pk", filter=condition)
        if bound.column.shared:
            aggregates[f"min_{number}"] = Min(lookup(bound), filter=condition)
            aggregates[f"max_{number}"] = Max(lookup(bound), filter=condition)
    found = queryset.order_by().aggregate(**aggregates)
    rows = found["rows"]
    if not rows:
        return Layout()
    absent, shared = [], []
    for number, bound in enumerate(columns):
        with_value = found[f"with_{number}"]
        if bound.column.optional and not with_value:
            absent.append(bound.name)
        elif (
            bound.column.shared
            and rows > 1
            and with_value == rows
            and found[f"min_{number}"] == found[f"max_{number}"]
        ):
            shared.append(bound.name)
    return Layout(tuple(absent), tuple(shared))


def view_layout(queryset, table, cache_key):
    """The Layout of the view (its filtered rows, ``queryset``), kept under ``cache_key``
    (which names the view and the data version) once found, by one request at a time, as
    the row count is (reports.tables.pagination). No query for a table with no optional or shared
    column."""
    columns = flexible_columns(table)
    if not columns:
        return Layout()
    return found_once(cache_key, lambda: find_layout(queryset, columns))


def apply(table, layout):
    """Hide the columns the view leaves out or says once above the table."""
    for name in (*layout.absent, *layout.shared):
        table.columns.hide(name)


def not_stated(table, layout):
    """The line under the table that names the fields the source does not state for any
    row of the view (the absent columns that stand for the source), as the records' fields
    are named; "" when there are none."""
    model = table._meta.model
    names = [
        str(field_at(model, lookup(table.columns[name])).verbose_name)
        for name in layout.absent
        if table.columns[name].column.stated
    ]
    if not names:
        return ""
    return gettext("Not stated in the source for these rows: %(fields)s.") % {
        "fields": pgettext("between the items of a list", ", ").join(names)
    }
