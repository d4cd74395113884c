"""Downloads of a table view as CSV or JSON, streamed straight from the database.

Rows come from ``values_list`` on the view's own filtered and sorted queryset, in chunks, so a
download holds the same rows as the page (all of its pages) and memory does not grow with them.
"""

import csv
import datetime
import json
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils.text import slugify

from whitepaper.spreadsheet_safety import neutralise

CHUNK_SIZE = 2000
BOM = "\ufeff"


def plain(value):
    """A value as it is written in a CSV cell: ISO dates, plain numbers, empty for none."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value


def csv_cell(value):
    """A value as a safe CSV cell. Neutralised before formatting, so numbers stay numbers."""
    return plain(neutralise(value))


def typed(value):
    """A value as JSON: numbers stay numbers, dates become ISO strings."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return plain(value)
    return value


def export_rows(queryset, fields):
    lookups = [lookup for _, lookup in fields]
    return queryset.values_list(*lookups).iterator(chunk_size=CHUNK_SIZE)


class _Echo:
    """A file-like object whose write() returns what it was given, for csv.writer."""

    def write(self, value):
        return value


def csv_lines(queryset, fields, bom):
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    header = writer.writerow([name for name, _ in fields])
    yield (BOM + header) if bom else header
    for row in export_rows(queryset, fields):
        yield writer.writerow([csv_cell(value) for value in row])


def json_chunks(queryset, fields, meta):
    names = [name for name, _ in fields]
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "rows": ['
    separator = ""
    for row in export_rows(queryset, fields):
        record = {name: typed(value) for name, value in zip(names, row, strict=True)}
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ", "
    yield "]}\n"


def download_filename(table_name, filters, as_of, extension):
    """e.g. statistics_category-startups_2018-03-31.csv"""
    parts = [table_name]
    parts += [slugify(f"{key}-{value}")[:60] for key, value in sorted(filters.items()) if value]
    if as_of:
        parts.append(as_of.isoformat())
    return "_".join(parts) + "." + extension


def csv_response(queryset, fields, filename, bom=True):
    response = StreamingHttpResponse(
        csv_lines(queryset, fields, bom), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(queryset, fields, filename, meta):
    response = StreamingHttpResponse(
        json_chunks(queryset, fields, meta), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
