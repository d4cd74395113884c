"""What templates/includes/_table.html shows of a django-tables2 table: its headings with
their sort links, and its rows with their cells' HTML, computed once in Python.

Each cell is its column's ``renderer(page_lang)(record)`` (reports.tables.columns). A row's cells are
joined into one safe string, so the template loops over rows, not over cells, and the Django
template engine does a few operations per row instead of several per cell.

A column that groups rows (the source sentence) is not a cell of each row: consecutive rows
with the same value are a run, under one heading row that says the value once. The values
every row of the view shares (reports.tables.layout) are said once above the table.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django_tables2.templatetags.django_tables2 import table_page_range

from reports.tables.pagination import encode_key
from whitepaper.models import html_lang


@dataclass(frozen=True)
class Heading:
    text: str
    sort_url: str  # "" when the column does not sort
    sort: str  # "ascending", "descending" or "" (the value of aria-sort)
    numeric: bool = False  # aligned on the digits, as its column's cells are


@dataclass(frozen=True)
class Row:
    anchor: str
    cells: str  # safe HTML: the row's <td> elements


@dataclass(frozen=True)
class Run:
    """Consecutive rows that share the value of the grouping column."""

    label: str  # the grouping column's heading, "" when the table has none
    value: str  # safe HTML: the value the rows share, or a link to where it was said
    rows: list
    anchor: str = ""  # the id of the run that says a value later runs point back to


@dataclass(frozen=True)
class SharedValue:
    label: str
    value: str  # safe HTML


@dataclass(frozen=True)
class PageLink:
    label: str  # the page number, or "…" for a gap
    url: str  # "" for a gap
    is_current: bool = False


@dataclass(frozen=True)
class PageLinks:
    previous_url: str
    next_url: str
    pages: list


def query_with(request, **changes):
    """The request's query string with some parameters set (None removes one)."""
    params = dict(request.GET.lists())
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = [value]
    return "?" + urlencode(params, doseq=True)


def headings(table, request):
    """One Heading per column: a sort link that starts again at page 1 (and drops a seek
    key, which belongs to the old order)."""
    order_field = table.prefixed_order_by_field
    result = []
    for column in cell_columns(table):
        sort = ""
        if column.is_ordered:
            sort = "descending" if column.order_by_alias.is_descending else "ascending"
        sort_url = ""
        if column.orderable:
            sort_url = query_with(
                request,
                **{order_field: column.order_by_alias.next},
                page=None,
                after=None,
                before=None,
            )
        result.append(Heading(str(column.header), sort_url, sort, column.column.numeric))
    return result


def attributes(attrs):
    """HTML attributes with the space that goes before them ("" when there are none)."""
    html = attrs.as_html()
    return mark_safe(f" {html}" if html else "")


def cell_columns(table):
    """The shown columns that are cells of each row (not the one that groups rows)."""
    return [column for column in table.columns if not column.column.groups_rows]


def rows(table, records, page_lang=None):
    """The rows of the given records: each row's anchor and its cells' HTML. Each cell
    carries its column's heading (data-label), which narrow screens show beside the value
    when the rows are laid out as cards."""
    page_lang = page_lang or html_lang()
    cells = [
        (
            f'<td{attributes(column.attrs["td"])} role="cell" data-label="{escape(column.header)}">',
            column.column.renderer(page_lang),
        )
        for column in cell_columns(table)
    ]
    return [
        Row(
            record.anchor,
            mark_safe("".join(f"{start}{render(record)}</td>" for start, render in cells)),
        )
        for record in records
    ]


def runs(table, records, page_lang=None):
    """The rows of the given records in runs: consecutive rows with the same value of the
    grouping column (if it is shown) make one Run, which says that value once. Without a
    grouping column all the rows are one Run with no value.

    A sort can part the rows of one value into several runs: the value is said in the first
    of them only, and each later run points back to it ("Source sentence 1: the same as
    above"), so that a page never prints one sentence twice."""
    page_lang = page_lang or html_lang()
    grouping = [column for column in table.columns if column.column.groups_rows]
    table_rows = rows(table, records, page_lang)
    if not grouping:
        return [Run("", "", table_rows)] if table_rows else []
    column = grouping[0]
    render = column.column.renderer(page_lang)
    parted = []  # [value, rows] of each run
    for record, row in zip(records, table_rows, strict=True):
        value = render(record)
        if parted and parted[-1][0] == value:
            parted[-1][1].append(row)
        else:
            parted.append([value, [row]])
    runs_of_value = Counter(value for value, _rows in parted)
    numbers = {}
    result = []
    label = str(column.header)
    for value, run_rows in parted:
        if runs_of_value[value] == 1:
            result.append(Run(label, mark_safe(value), run_rows))
            continue
        if value in numbers:
            number = numbers[value]
            back = format_html('<a href="#run-{}">{}</a>', number, gettext("the same as above"))
            result.append(Run(numbered(label, number), back, run_rows))
        else:
            number = numbers[value] = len(numbers) + 1
            anchor = f"run-{number}"
            result.append(Run(numbered(label, number), mark_safe(value), run_rows, anchor))
    return result


def numbered(label, number):
    return gettext("%(label)s %(number)s") % {"label": label, "number": number}


def shared_values(table, names, records, page_lang=None):
    """What every row of the view shares (the columns ``names``), said once: each column's
    heading and its value in the first row. Nothing when there is no row to read it from."""
    if not records:
        return []
    page_lang = page_lang or html_lang()
    result = []
    for name in names:
        column = table.columns[name]
        value = column.column.renderer(page_lang)(records[0])
        result.append(SharedValue(str(column.header), mark_safe(value)))
    return result


def sort_note(table):
    """Says what the rows are sorted by when it is a column the page does not show (one
    every row leaves empty or shares, or one said with another, such as the unit with the
    value); "" otherwise."""
    order = table.order_by
    if not order:
        return ""
    alias = order[0]
    name = alias.bare
    if name not in table.columns.names() or table.columns[name].visible:
        return ""
    text = (
        gettext("Sorted by %(column)s, descending (not a column of this page).")
        if alias.is_descending
        else gettext("Sorted by %(column)s, ascending (not a column of this page).")
    )
    return text % {"column": str(table.columns[name].header).lower()}


def count_text(paginator, page_number):
    """ "64 rows, page 1 of 3" in the page's language."""
    count = paginator.count
    text = ngettext("%(count)s row", "%(count)s rows", count) % {"count": count}
    if paginator.num_pages > 1:
        pages = {"number": page_number, "pages": paginator.num_pages}
        text = gettext("%(rows)s, page %(number)s of %(pages)s") % {"rows": text, **pages}
    return text


def sort_key(record, fields):
    return tuple(getattr(record, field.attname) for field in fields)


def page_links(table, request, records):
    """Previous and Next carry the sort key of the first or last row shown (when the order
    can be sought), so that paging on never needs to count rows from the start; the numbered
    links are plain page numbers."""
    page, paginator = table.page, table.paginator
    order = paginator.order
    previous_url = next_url = ""
    if page.has_previous():
        if page.number <= 2 or not (order and records):
            previous_url = query_with(
                request,
                page=None if page.number <= 2 else str(page.number - 1),
                after=None,
                before=None,
            )
        else:
            previous_url = query_with(
                request,
                page=str(page.number - 1),
                before=encode_key(sort_key(records[0], order[0])),
                after=None,
            )
    if page.has_next():
        if order and records:
            next_url = query_with(
                request,
                page=str(page.number + 1),
                after=encode_key(sort_key(records[-1], order[0])),
                before=None,
            )
        else:
            next_url = query_with(request, page=str(page.number + 1), after=None, before=None)
    numbers = []
    for number in table_page_range(page, paginator):
        if number == "...":
            numbers.append(PageLink("…", ""))
        else:
            url = query_with(request, page=str(number), after=None, before=None)
            numbers.append(PageLink(str(number), url, number == page.number))
    return PageLinks(previous_url, next_url, numbers)
