"""Hot search keywords: the ones staff list, then the most searched queries.

A search that found something adds one to its query's count for the day (SearchCount): the
query lower-cased with its spaces collapsed, the page's language, the day, the count, and
nothing else. A query is popular when it was searched on at least POPULAR_MIN_DAYS different
days of the last POPULAR_DAYS days; the most searched come first. Staff hide any term with a
hot keyword that is not shown.
"""

import logging
from datetime import timedelta

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from whitepaper.models import HotKeyword, SearchCount
from whitepaper.search.words import normalise_query

logger = logging.getLogger(__name__)

HOT_KEYWORDS_SHOWN = 10
POPULAR_DAYS = 30
POPULAR_MIN_DAYS = 3


#: How long a search waits to write its count on SQLite while another write (an import, a
#: rebuild of the index) holds the database: a count is never worth keeping a reader waiting.
COUNT_WAIT_MS = 200


def count_search(normalised_query, language):
    """One more search of this query today: a single insert-or-increment. Returns whether
    it was counted: a search is answered whether or not its count could be written.

    On SQLite the count is written without waiting for the disk (synchronous=NORMAL for this
    one statement) and waits at most COUNT_WAIT_MS for the write lock: every search writes,
    and writes take turns, so an fsync each would make searches queue behind one another,
    and a long write elsewhere must not hold them up. A power cut may lose the last few
    counts; it cannot corrupt the database (WAL), and record edits keep synchronous=FULL."""
    table = connection.ops.quote_name(SearchCount._meta.db_table)
    relaxed = connection.vendor == "sqlite" and not connection.in_atomic_block
    try:
        with connection.cursor() as cursor:
            if relaxed:  # settings of the connection, like its init_command, not queries
                connection.connection.execute("PRAGMA synchronous=NORMAL")
                connection.connection.execute(f"PRAGMA busy_timeout={COUNT_WAIT_MS}")
            try:
                # Its own savepoint: a failed count leaves any transaction around it usable.
                with transaction.atomic():
                    cursor.execute(
                        f"INSERT INTO {table} (query, language, day, count) "
                        "VALUES (%s, %s, %s, 1) ON CONFLICT (query, language, day) "
                        f"DO UPDATE SET count = {table}.count + 1",
                        [normalised_query, language, timezone.localdate()],
                    )
            finally:
                if relaxed:
                    connection.connection.execute("PRAGMA synchronous=FULL")
                    connection.connection.execute(f"PRAGMA busy_timeout={sqlite_busy_ms()}")
    except DatabaseError:
        logger.warning("A search was not counted: the database was busy.", exc_info=True)
        return False
    return True


def sqlite_busy_ms():
    """The busy timeout the settings give SQLite connections, in milliseconds."""
    return int(1000 * connection.settings_dict.get("OPTIONS", {}).get("timeout", 5))


#: How many popular queries to consider before leaving out the hidden and the curated ones.
POPULAR_CONSIDERED = 100


def hot_keywords(language):
    """The keywords to show on a page in this language, at most HOT_KEYWORDS_SHOWN: those
    staff list (in their order), then the popular queries, most searched first, less any
    that staff hide. One query."""
    since = timezone.localdate() - timedelta(days=POPULAR_DAYS - 1)
    sql = (
        "SELECT keyword, shown, 0, position, id "
        f"FROM {HotKeyword._meta.db_table} WHERE language = %s "
        "UNION ALL "
        "SELECT query, %s, 1, -searches, 0 FROM ("
        "SELECT query, SUM(count) AS searches "
        f"FROM {SearchCount._meta.db_table} WHERE language = %s AND day >= %s "
        "GROUP BY query HAVING COUNT(*) >= %s "
        "ORDER BY searches DESC, query LIMIT %s) AS popular "
        "ORDER BY 3, 4, 5, 1"
    )
    parameters = [language, True, language, since, POPULAR_MIN_DAYS, POPULAR_CONSIDERED]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
    hidden = {normalise_query(text) for text, shown, *_ in rows if not shown}
    shown = []
    seen = set()
    for text, *_ in rows:
        key = normalise_query(text)
        if key not in hidden and key not in seen:
            seen.add(key)
            shown.append(text)
    return shown[:HOT_KEYWORDS_SHOWN]
