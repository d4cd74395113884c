"""The white paper's records, one module per kind.

Every record keeps the sentence it came from (``source_quote``) so that a reader can check
it, and records shown to the public carry an ``is_published`` flag that staff control. Each
kind of a publication's records is a PublicationRecord (models.base) that says once what is
its own; importing its module here is what adds it to the site.
"""

from whitepaper.choices import Category, Qualifier, StatedBy, Unit
from whitepaper.formatting import format_measure, format_number
from whitepaper.models.base import (
    NaturalKeyManager,
    PublicationRecord,
    PublicRecord,
    PublishedQuerySet,
    TimeStamped,
)
from whitepaper.models.correction import Correction
from whitepaper.models.finding import Finding
from whitepaper.models.following import Notification, Subscription
from whitepaper.models.publication import (
    OVERVIEW_LIMIT,
    Publication,
    record_models,
    record_relations,
    relation_of,
)
from whitepaper.models.region import Region, RegionalPresence
from whitepaper.models.release import Release, ReleasedRecord
from whitepaper.models.search import QUERY_MAX_LENGTH, HotKeyword, SearchCount, SearchDocument
from whitepaper.models.segment import IndustrySegment
from whitepaper.models.statistic import (
    PUBLIC_STATISTIC_INDEXES,
    Statistic,
    public_statistic_order,
)
from whitepaper.models.tendency import Tendency
from whitepaper.models.version import DataVersion
from whitepaper.translation import HTML_LANG, Text, Translatable, html_lang

#: Every kind of a publication's records, in the order the site lists them.
PUBLICATION_RECORDS = record_models()
#: Every model whose public fields readers see and the corrections log follows: the
#: publication, the regions, and the publication's records.
RECORD_MODELS = [Publication, Region, *PUBLICATION_RECORDS]

__all__ = [
    "HTML_LANG",
    "OVERVIEW_LIMIT",
    "PUBLICATION_RECORDS",
    "PUBLIC_STATISTIC_INDEXES",
    "QUERY_MAX_LENGTH",
    "RECORD_MODELS",
    "Category",
    "Correction",
    "DataVersion",
    "Finding",
    "HotKeyword",
    "IndustrySegment",
    "NaturalKeyManager",
    "Notification",
    "PublicRecord",
    "Publication",
    "PublicationRecord",
    "PublishedQuerySet",
    "Qualifier",
    "Region",
    "RegionalPresence",
    "Release",
    "ReleasedRecord",
    "SearchCount",
    "SearchDocument",
    "StatedBy",
    "Statistic",
    "Subscription",
    "Tendency",
    "Text",
    "TimeStamped",
    "Translatable",
    "Unit",
    "format_measure",
    "format_number",
    "html_lang",
    "public_statistic_order",
    "record_models",
    "record_relations",
    "relation_of",
]
