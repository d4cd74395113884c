"""Downloads of a table view as CSV or JSON, streamed straight from the database.

Rows come from ``values_list`` on the view's own filtered and sorted queryset, in chunks, so a
download holds the same rows as the page (all of its pages) and memory does not grow with them.
"""

import csv
import datetime
import json
import zoneinfo
from decimal import Decimal
from functools import lru_cache

from django.db import connections
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    F,
    Func,
    IntegerField,
    TextField,
    Value,
)
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from whitepaper import translation
from whitepaper.spreadsheet_safety import neutralise

CHUNK_SIZE = 2000
ROWS_PER_WRITE = 500
BOM = "\ufeff"


def plain(value):
    """A value as it is written in a CSV cell: ISO dates, plain numbers, empty for none. A
    moment is given on the site's clock (settings.TIME_ZONE, with its offset), as every
    page, citation and feed gives it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value


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


def on_site_clock(utc_text):
    """ISO text in UTC (IsoUtcText) as ``plain`` writes the moment: on the site's clock."""
    if utc_text is None:
        return ""
    return moment_in(utc_text, timezone.get_current_timezone_name())


@lru_cache(maxsize=4096)
def moment_in(utc_text, zone):
    """Cached per time zone: the rows of a table share few distinct moments."""
    moment = datetime.datetime.fromisoformat(utc_text)
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).isoformat(timespec="seconds")


def raw_number(value):
    """SQLite returns int or float, PostgreSQL a Decimal: all as plain numbers."""
    return plain(value) if isinstance(value, Decimal) else value


def model_field(model, lookup):
    """The model field a values() lookup such as "publication__title" ends on."""
    *relations, name = lookup.split(LOOKUP_SEP)
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def in_language(lookup, field, code):
    """What to select for a column in a download of the given language: a translated text
    field gives its translation (the English where there is none yet), under the same column
    name, so that a program reads the files of every language alike."""
    lang = translation.language(code)
    if lang is not translation.SOURCE_LANGUAGE and translation.is_translated(
        field.model, field.name
    ):
        translated = NullIf(F(translation.twin(lookup, lang)), Value(""))
        return Coalesce(translated, F(lookup), output_field=TextField())
    return F(lookup)


def csv_column(lookup, field, vendor, language=None):
    """What to select for a CSV column, and the formatter its raw value needs (None: none).

    Dates and datetimes are written as ISO text by the query (datetimes then moved to the
    site's clock); numbers come as plain numbers, except PostgreSQL's Decimals; text goes
    through ``neutralise``.
    """
    if isinstance(field, DateTimeField):
        return IsoUtcText(lookup), on_site_clock
    if isinstance(field, DateField):
        return Cast(lookup, output_field=CharField()), None
    if isinstance(field, DecimalField):
        return F(lookup), (None if vendor == "sqlite" else raw_number)
    if isinstance(field, IntegerField | BooleanField):
        return F(lookup), None
    return in_language(lookup, field, language), neutralise


def raw_rows(queryset, columns):
    """Rows straight from the database cursor, in chunks, without Django's per-value
    converters (a server-side cursor on PostgreSQL, so memory stays flat)."""
    query = queryset.values_list(*columns).query
    sql, params = query.get_compiler(using=queryset.db).as_sql()
    cursor = connections[queryset.db].chunked_cursor()
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK_SIZE):
            yield from rows
    finally:
        cursor.close()


def typed(value):
    """A value as JSON: numbers stay numbers, dates become ISO strings."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return plain(value)
    return value


def export_rows(queryset, fields, language=None):
    columns = [
        in_language(lookup, model_field(queryset.model, lookup), language) for _, lookup in fields
    ]
    return queryset.values_list(*columns).iterator(chunk_size=CHUNK_SIZE)


class Lines(list):
    """What csv.writer writes to: a list of its lines, joined once per piece. (A StringIO
    that is emptied and refilled turns slow: after the first seek it stores every character
    in four bytes.)"""

    write = list.append

    def take(self):
        text = "".join(self)
        self.clear()
        return text


def json_formatter(field, vendor):
    """The formatter a column's raw value needs in JSON (None: none): what ``typed`` does to
    the values Django converts, done to the raw ones."""
    if isinstance(field, DecimalField) and vendor != "sqlite":
        return typed
    if isinstance(field, DateTimeField):
        return lambda value: value if value is None else on_site_clock(value)
    if isinstance(field, BooleanField):
        return lambda value: value if value is None else bool(value)
    return None


def raw_columns(queryset, fields, language=None):
    """What to select for each column, and the (index, formatter) pairs its raw values need
    in CSV and in JSON."""
    vendor = connections[queryset.db].vendor
    model_fields = [model_field(queryset.model, lookup) for _, lookup in fields]
    columns, csv_formatters = zip(
        *(
            csv_column(lookup, field, vendor, language)
            for (_, lookup), field in zip(fields, model_fields, strict=True)
        ),
        strict=True,
    )
    json_formatters = [json_formatter(field, vendor) for field in model_fields]
    return (
        columns,
        [(index, formatter) for index, formatter in enumerate(csv_formatters) if formatter],
        [(index, formatter) for index, formatter in enumerate(json_formatters) if formatter],
    )


def formatted(row, formatters):
    if not formatters:
        return row
    row = list(row)
    for index, formatter in formatters:
        row[index] = formatter(row[index])
    return row


def csv_lines(queryset, fields, bom, language=None):
    """The CSV text in pieces of ROWS_PER_WRITE rows."""
    columns, csv_formatters, _ = raw_columns(queryset, fields, language)
    lines = Lines([BOM] if bom else [])
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow([name for name, _ in fields])
    for count, row in enumerate(raw_rows(queryset, columns), start=1):
        writer.writerow(formatted(row, csv_formatters))
        if count % ROWS_PER_WRITE == 0:
            yield lines.take()
    yield lines.take()


def json_chunks(queryset, fields, meta, language=None):
    names = [name for name, _ in fields]
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "rows": ['
    separator = ""
    for row in export_rows(queryset, fields, language):
        record = {name: typed(value) for name, value in zip(names, row, strict=True)}
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ", "
    yield "]}\n"


def csv_and_json(queryset, fields, meta, language=None):
    """The CSV (as csv_lines, without a BOM) and the JSON (as json_chunks) of a table from
    one read of its rows: (CSV text, JSON text) in pieces of ROWS_PER_WRITE rows. For a
    writer that needs both at once (a release's zip): the rows are the costly part."""
    columns, csv_formatters, json_formatters = raw_columns(queryset, fields, language)
    names = [name for name, _ in fields]
    lines = Lines()
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow(names)
    records = []
    json_text = '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "rows": ['
    separator = ""
    for count, row in enumerate(raw_rows(queryset, columns), start=1):
        writer.writerow(formatted(row, csv_formatters))
        records.append(dict(zip(names, formatted(row, json_formatters), strict=True)))
        if count % ROWS_PER_WRITE == 0:
            # A list's items are written with ", " between them, as json_chunks writes rows.
            yield (
                lines.take(),
                json_text + separator + json.dumps(records, ensure_ascii=False)[1:-1],
            )
            records, json_text, separator = [], "", ", "
    if records:
        json_text += separator + json.dumps(records, ensure_ascii=False)[1:-1]
    yield lines.take(), json_text + "]}\n"


def download_filename(table_name, filters, extension, code=None):
    """e.g. statistics_category-startups.csv; in a translation, the language's tag comes
    last. (No date: the rows' dates are their own, where the source gives one.)"""
    parts = [table_name]
    parts += [slugify(f"{key}-{value}")[:60] for key, value in sorted(filters.items()) if value]
    if not translation.is_source_language(code):
        parts.append(translation.html_lang(code))
    return "_".join(parts) + "." + extension


def site_translation(model, fields, code):
    """Names the columns of a download that hold this site's translation: the translation
    columns beside the English ones (a region's name in each translation), and in a
    download in a translation the translated text columns too (the source is in English)."""
    translated_download = not translation.is_source_language(code)
    columns = []
    for name, lookup in fields:
        field = model_field(model, lookup)
        if translation.twin_of(field.model, field.name) or (
            translated_download and translation.is_translated(field.model, field.name)
        ):
            columns.append(name)
    return {"language": translation.html_lang(code), "by": "this site", "columns": columns}


def csv_response(queryset, fields, filename, bom=True, language=None):
    response = StreamingHttpResponse(
        csv_lines(queryset, fields, bom, language), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(queryset, fields, filename, meta, language=None):
    response = StreamingHttpResponse(
        json_chunks(queryset, fields, meta, language),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
