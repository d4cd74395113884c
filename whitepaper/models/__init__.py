"""The white paper's records, one module per kind.

Every record keeps the sentence it came from (``source_quote``) so that a reader can check
it, and records shown to the public carry an ``is_published`` flag that staff control.
"""

from whitepaper.models.base import NaturalKeyManager, PublishedQuerySet, TimeStamped
from whitepaper.models.choices import Category, Qualifier, StatedBy, Unit
from whitepaper.models.correction import Correction
from whitepaper.models.finding import Finding
from whitepaper.models.formatting import format_measure, format_number
from whitepaper.models.publication import OVERVIEW_LIMIT, RECORD_RELATIONS, Publication
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
from whitepaper.models.translation import (
    CHINESE,
    HTML_LANG,
    Text,
    Translatable,
    html_lang,
    is_chinese,
)
from whitepaper.models.version import DataVersion

#: Every kind of record, in the order the site lists them.
RECORD_MODELS = [
    Publication,
    Statistic,
    Region,
    RegionalPresence,
    IndustrySegment,
    Tendency,
    Finding,
]

__all__ = [
    "CHINESE",
    "HTML_LANG",
    "OVERVIEW_LIMIT",
    "PUBLIC_STATISTIC_INDEXES",
    "QUERY_MAX_LENGTH",
    "RECORD_MODELS",
    "RECORD_RELATIONS",
    "Category",
    "Correction",
    "DataVersion",
    "Finding",
    "HotKeyword",
    "IndustrySegment",
    "NaturalKeyManager",
    "Publication",
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
    "Tendency",
    "Text",
    "TimeStamped",
    "Translatable",
    "Unit",
    "format_measure",
    "format_number",
    "html_lang",
    "is_chinese",
    "public_statistic_order",
]
