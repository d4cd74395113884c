"""Rebuild the whole index from the records: after data written without model saves (raw
SQL, fill_benchmark, queryset.update()), or to apply a change of the indexing rules.

The rebuild is one transaction: readers keep searching the old index until it commits, and
nobody ever sees a half-built one. Records are read in batches by primary key (a keyset, so
memory stays flat however many there are) and written with executemany. On SQLite the FTS5
triggers are set aside meanwhile and the index is built in one pass at the end ('rebuild'),
which is faster than a million single inserts and leaves a compact index.
"""

from django.db import connection, transaction

from whitepaper.models import SearchDocument
from whitepaper.search import schema
from whitepaper.search.documents import (
    COLUMNS,
    PUBLICATION,
    SOURCES,
    document_values,
    paragraph_documents,
)

BATCH_SIZE = 5000


def batches(source, size):
    """The published records of a source, as value rows in source.fields order, in batches.
    A publication's rows end with its source text and its web page lines."""
    extra = ("source_text", "source_page_lines") if source.kind == PUBLICATION else ()
    queryset = source.model._default_manager.filter(is_published=True).order_by("pk")
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        rows = list(page.values_list(*source.fields, *extra)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def documents_of(source, rows):
    if source.kind != PUBLICATION:
        return [document_values(source, row) for row in rows]
    documents = []
    for row in rows:
        *values, source_text, page_lines = row
        documents.append(document_values(source, values))
        documents.extend(paragraph_documents(values[0], source_text, page_lines))
    return documents


def insert(cursor, documents):
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", documents)


def count_records():
    return sum(
        source.model._default_manager.filter(is_published=True).count() for source in SOURCES
    )


def rebuild(progress=None, batch_size=BATCH_SIZE):
    """Replace every document; call progress(done, total) after each batch of records.
    Returns the number of documents written."""
    total = count_records()
    done = written = 0
    sqlite = connection.vendor == "sqlite"
    with transaction.atomic(), connection.cursor() as cursor:
        if sqlite:
            schema.drop_triggers(cursor)
            cursor.execute(f"INSERT INTO {schema.FTS}({schema.FTS}) VALUES ('delete-all')")
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(schema.DOCUMENTS)}")
        for source in SOURCES:
            for rows in batches(source, batch_size):
                documents = documents_of(source, rows)
                insert(cursor, documents)
                done += len(rows)
                written += len(documents)
                if progress:
                    progress(done, total)
        if sqlite:
            cursor.execute(f"INSERT INTO {schema.FTS}({schema.FTS}) VALUES ('rebuild')")
            schema.create_triggers(cursor)
    return written


def build_if_missing(**kwargs):
    """After migrate: build the index of a database that has records but no index yet (a
    site that existed before search). Cheap when there is nothing to do."""
    if schema.DOCUMENTS not in connection.introspection.table_names():
        return  # migrated back to before search
    if SearchDocument.objects.exists():
        return
    if any(source.model._default_manager.filter(is_published=True).exists() for source in SOURCES):
        rebuild()
