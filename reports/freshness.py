"""Conditional GET for public pages: an ETag that changes whenever any record changes.

Every edit, import, publish or delete writes a history row (django-simple-history), so the
newest history date across the record models is the data's version, read in one query.
"""

import hashlib

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language
from django.views.decorators.http import condition

from whitepaper.models import (
    Finding,
    IndustrySegment,
    Publication,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
)

RECORD_MODELS = [
    Publication,
    Statistic,
    Region,
    RegionalPresence,
    IndustrySegment,
    Tendency,
    Finding,
]


def data_version():
    """The time of the newest change to any record, as text ('' before any record exists)."""
    tables = [model.history.model._meta.db_table for model in RECORD_MODELS]
    union = " UNION ALL ".join(
        f"SELECT MAX(history_date) AS changed FROM {connection.ops.quote_name(table)}"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(changed) FROM ({union}) AS changes")
        (changed,) = cursor.fetchone()
    return str(changed or "")


def data_etag(request, *args, **kwargs):
    """Varies with the data, the site's release and the language of the page."""
    key = "|".join([data_version(), settings.SITE_RELEASE, get_language() or ""])
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


conditional_on_data = condition(etag_func=data_etag)
