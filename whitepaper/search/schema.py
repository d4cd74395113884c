"""The full-text index beside SearchDocument, one kind per database.

SQLite: an FTS5 table with external content (it indexes SearchDocument's title and body
without keeping a second copy of the text), porter stemming over unicode61 words, kept in
step by three triggers on SearchDocument.

PostgreSQL: a generated tsvector column (title words weighted A, body words D, english
configuration) with a GIN index.

Either way the database keeps the index current from SearchDocument's rows, whoever writes
them. A later migration that changes SearchDocument must keep this in mind: on SQLite a
table remake drops the triggers (call create_triggers again); on PostgreSQL a column the
generated column reads cannot change type until the generated column is dropped.

Migration 0006 creates the index with create() below: change this SQL only together with a
new migration that moves existing databases to it.
"""

DOCUMENTS = "whitepaper_searchdocument"
FTS = "whitepaper_search_fts"

SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, body, content='{DOCUMENTS}', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
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
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, body), 'D')"
)
POSTGRES_CREATE = [
    f"ALTER TABLE {DOCUMENTS} ADD COLUMN vector tsvector "
    f"GENERATED ALWAYS AS ({POSTGRES_VECTOR}) STORED",
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


def create(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(SQLITE_TABLE)
            create_triggers(cursor)
        elif connection.vendor == "postgresql":
            for statement in POSTGRES_CREATE:
                cursor.execute(statement)


def drop(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            drop_triggers(cursor)
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
        elif connection.vendor == "postgresql":
            for statement in POSTGRES_DROP:
                cursor.execute(statement)
