"""Downloads of a table view as CSV or JSON, streamed straight from the database: renderers of
the records' Values (whitepaper.public).

A download's columns are Values, each under the name the table gives it. Rows come from the
view's own filtered and sorted queryset as raw cursor rows, in chunks, so a download holds the
same rows as the page (all of its pages) and memory does not grow with them. The database does
what it can per value (dates as ISO text, a text in the download's language, a text cell that
would run as a spreadsheet formula neutralised in CSV); Python does only what it cannot (a
moment on the site's clock, PostgreSQL's decimals as numbers).
"""

import csv
import datetime
import json
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections
from django.db.models import CharField, F, Func, TextField, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from whitepaper import public, translation
from whitepaper.spreadsheet_safety import neutralise, neutralised

CHUNK_SIZE = 2000
ROWS_PER_WRITE = 500
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    """A download's column: its name, and the Value (whitepaper.public) it gives."""

    name: str
    value: public.Value


def columns(model, fields):
    """The Columns of a table's chosen fields: each a lookup from the record, or (column
    name, lookup) where the column has a name of its own."""
    pairs = [(field, field) if isinstance(field, str) else field for field in fields]
    return [Column(name, public.value_of(model, lookup)) for name, lookup in pairs]


class IsoUtcText(Func):
    """A datetime column as ISO 8601 text in UTC to the second, written by the database, so
    that no row needs a datetime object (``on_site_clock`` moves it to the site's clock)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores datetimes in SQLite as UTC text.
        template = "strftime('%%%%Y-%%%%m-%%%%dT%%%%H:%%%%M:%%%%S+00:00', %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = (
            "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


def on_site_clock():
    """ISO text in UTC (IsoUtcText) as ``public.typed`` writes the moment: on the site's
    clock. Made once per download: the zone is the same for every row."""
    zone = timezone.get_current_timezone_name()
    return lambda utc_text: "" if utc_text is None else moment_in(utc_text, zone)


@lru_cache(maxsize=4096)
def moment_in(utc_text, zone):
    """Cached per time zone: the rows of a table share few distinct moments."""
    moment = datetime.datetime.fromisoformat(utc_text)
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).isoformat(timespec="seconds")


def in_language(value, code):
    """What to select for a Value in a download of the given language: a translated text
    gives its translation (the English where there is none yet), under the same column name,
    so that a program reads the files of every language alike."""
    lang = translation.language(code)
    if lang is translation.SOURCE_LANGUAGE or not value.is_translated:
        return F(value.name)
    translated = NullIf(F(value.in_language(lang).name), Value(""))
    return Coalesce(translated, F(value.name), output_field=TextField())


def selected(value, vendor, code, spreadsheet):
    """What to select for a Value, and the formatter its raw value needs (None: none); for a
    spreadsheet (CSV), a text neutralised."""
    if value.type == "datetime":
        return IsoUtcText(value.name), on_site_clock()
    if value.type == "date":
        return Cast(value.name, output_field=CharField()), None
    if value.type == "number":
        return F(value.name), (None if vendor == "sqlite" else public.typed)
    if value.type == "boolean":
        return F(value.name), (lambda raw: raw if raw is None else bool(raw))
    if value.type == "integer":
        return F(value.name), None
    text = in_language(value, code)
    return (neutralised(text, vendor) if spreadsheet else text), None


def raw_rows(queryset, expressions):
    """Rows straight from the database cursor, in chunks, without Django's per-value
    converters (a server-side cursor on PostgreSQL, so memory stays flat)."""
    query = queryset.values_list(*expressions).query
    sql, params = query.get_compiler(using=queryset.db).as_sql()
    cursor = connections[queryset.db].chunked_cursor()
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK_SIZE):
            yield from rows
    finally:
        cursor.close()


def rows(queryset, table_columns, code, spreadsheet):
    """The table's rows as JSON takes their values, or as a spreadsheet (CSV) does."""
    vendor = connections[queryset.db].vendor
    chosen = [selected(column.value, vendor, code, spreadsheet) for column in table_columns]
    formatters = [(index, format_) for index, (_, format_) in enumerate(chosen) if format_]
    for row in raw_rows(queryset, [expression for expression, _ in chosen]):
        if formatters:
            row = list(row)
            for index, format_ in formatters:
                row[index] = format_(row[index])
        yield row


class Lines(list):
    """What csv.writer writes to: a list of its lines, joined once per piece. (A StringIO
    that is emptied and refilled turns slow: after the first seek it stores every character
    in four bytes.)"""

    write = list.append

    def take(self):
        text = "".join(self)
        self.clear()
        return text


def csv_lines(queryset, table_columns, bom, code=None):
    """The CSV text in pieces of ROWS_PER_WRITE rows."""
    lines = Lines([BOM] if bom else [])
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow([column.name for column in table_columns])
    for count, row in enumerate(rows(queryset, table_columns, code, spreadsheet=True), start=1):
        writer.writerow(row)
        if count % ROWS_PER_WRITE == 0:
            yield lines.take()
    yield lines.take()


def json_items(records):
    """JSON objects as a list's items are written, with ", " between them."""
    return json.dumps(records, ensure_ascii=False)[1:-1]


def json_chunks(queryset, table_columns, meta, code=None):
    """The JSON text: the meta, then the rows in pieces of ROWS_PER_WRITE rows."""
    names = [column.name for column in table_columns]
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "rows": ['
    records, separator = [], ""
    for row in rows(queryset, table_columns, code, spreadsheet=False):
        records.append(dict(zip(names, row, strict=True)))
        if len(records) == ROWS_PER_WRITE:
            yield separator + json_items(records)
            records, separator = [], ", "
    if records:
        yield separator + json_items(records)
    yield "]}\n"


def csv_and_json(queryset, table_columns, meta, code=None):
    """The CSV (as csv_lines, without a BOM) and the JSON (as json_chunks) of a table from
    one read of its rows: (CSV text, JSON text) in pieces of ROWS_PER_WRITE rows. For a
    writer that needs both at once (a release's zip): the rows are the costly part, so the
    CSV's text cells are neutralised here rather than by a second read."""
    names = [column.name for column in table_columns]
    texts = [index for index, column in enumerate(table_columns) if column.value.type == "string"]
    lines = Lines()
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow(names)
    records = []
    json_text = '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "rows": ['
    separator = ""
    for row in rows(queryset, table_columns, code, spreadsheet=False):
        records.append(dict(zip(names, row, strict=True)))
        cells = list(row)
        for index in texts:
            cells[index] = neutralise(cells[index])
        writer.writerow(cells)
        if len(records) == ROWS_PER_WRITE:
            yield lines.take(), json_text + separator + json_items(records)
            records, json_text, separator = [], "", ", "
    if records:
        json_text += separator + json_items(records)
    yield lines.take(), json_text + "]}\n"


def download_filename(table_name, filters, extension, code=None):
    """e.g. statistics_category-startups.csv; in a translation, the language's tag comes
    last. (No date: the rows' dates are their own, where the source gives one.)"""
    parts = [table_name]
    parts += [slugify(f"{key}-{value}")[:60] for key, value in sorted(filters.items()) if value]
    if not translation.is_source_language(code):
        parts.append(translation.html_lang(code))
    return "_".join(parts) + "." + extension


def site_translation(table_columns, code):
    """Names the columns of a download that hold this site's translation: the translation
    columns beside the English ones (a region's name in each translation), and in a
    download in a translation the translated text columns too (the source is in English)."""
    translated_download = not translation.is_source_language(code)
    names = [
        column.name
        for column in table_columns
        if column.value.is_translation or (translated_download and column.value.is_translated)
    ]
    return {"language": translation.html_lang(code), "by": "this site", "columns": names}


def csv_response(queryset, table_columns, filename, bom=True, code=None):
    response = StreamingHttpResponse(
        csv_lines(queryset, table_columns, bom, code), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(queryset, table_columns, filename, meta, code=None):
    response = StreamingHttpResponse(
        json_chunks(queryset, table_columns, meta, code),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
