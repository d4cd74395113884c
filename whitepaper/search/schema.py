"""The full-text index beside SearchDocument, one kind per database.

The documents hold terms already made (whitepaper.search.words: Chinese cut into words,
English stemmed, stop words left out), so each database only splits them on spaces:

SQLite: an FTS5 table with external content (it indexes SearchDocument's title and body
without keeping a second copy of the text), unicode61 tokens, kept in step by three triggers
on SearchDocument.

PostgreSQL: a generated tsvector column (title terms weighted A, body terms D, the simple
configuration, which neither stems nor drops a word) with a GIN index.

Either way the database keeps the index current from SearchDocument's rows, whoever writes
them. A later migration that changes SearchDocument must keep this in mind: on SQLite a
table remake drops the triggers (call create_triggers again); on PostgreSQL a column the
generated column reads cannot change type until the generated column is dropped.

Migration 0006 creates the index with create() below, and 0017_search_words moves a database
to this SQL: change it only together with a new migration that moves existing databases.
"""

DOCUMENTS = "whitepaper_searchdocument"
FTS = "whitepaper_search_fts"

SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, body, content='{DOCUMENTS}', "
    "content_rowid='id', tokenize='unicode61')"
)
SQLITE_TRIGGERS = {
    f"{FTS}_insert": f"AFTER INSERT ON {DOCUMENTS} BEGIN "
    f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    f"{FTS}_delete": f"AFTER DELETE ON {DOCUMENTS} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    f"{FTS}_update": f"AFTER UPDATE ON {DOCUMENTS} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body); END",
}

POSTGRES_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'D')"
)


def postgres_create(vector):
    return [
        f"ALTER TABLE {DOCUMENTS} ADD COLUMN vector tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX whitepaper_search_vector ON {DOCUMENTS} USING gin (vector)",
    ]


POSTGRES_DROP = [
    "DROP INDEX IF EXISTS whitepaper_search_vector",
    f"ALTER TABLE {DOCUMENTS} DROP COLUMN IF EXISTS vector",
]


def create_triggers(cursor):
    for name, body in SQLITE_TRIGGERS.items():
        cursor.execute(f"CREATE TRIGGER {name} {body}")


def drop_triggers(cursor):
    for name in SQLITE_TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def create(connection, sqlite_table=SQLITE_TABLE, postgres_vector=POSTGRES_VECTOR):
    """The index (another SQL given: an earlier version of it, see 0017_search_words)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(sqlite_table)
            create_triggers(cursor)
        elif connection.vendor == "postgresql":
            for statement in postgres_create(postgres_vector):
                cursor.execute(statement)


def drop(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            drop_triggers(cursor)
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
        elif connection.vendor == "postgresql":
            for statement in POSTGRES_DROP:
                cursor.execute(statement)
