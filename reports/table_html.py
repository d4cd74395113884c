"""What templates/includes/_table.html shows of a django-tables2 table: its headings with
their sort links, and its rows with their cells' HTML, computed once in Python.

Each cell is its column's ``html(record)`` (reports.tables). A row's cells are joined into one
safe string, so the template loops over rows, not over cells, and the Django template engine
does a few operations per row instead of several per cell.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django_tables2.templatetags.django_tables2 import table_page_range

from reports.pagination import encode_key
from whitepaper.models import html_lang


@dataclass(frozen=True)
class Heading:
    text: str
    sort_url: str  # "" when the column does not sort
    sort: str  # "ascending", "descending" or "" (the value of aria-sort)


@dataclass(frozen=True)
class Row:
    anchor: str
    cells: str  # safe HTML: the row's <td> elements


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
    for column in table.columns:
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
        result.append(Heading(str(column.header), sort_url, sort))
    return result


def attributes(attrs):
    """HTML attributes with the space that goes before them ("" when there are none)."""
    html = attrs.as_html()
    return mark_safe(f" {html}" if html else "")


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
        for column in table.columns
    ]
    return [
        Row(
            record.anchor,
            mark_safe("".join(f"{start}{render(record)}</td>" for start, render in cells)),
        )
        for record in records
    ]


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
