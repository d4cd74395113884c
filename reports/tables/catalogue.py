"""The public tables: the kinds of record (reports.records.kinds) that have a table, each with
its table and filter classes, its label in the navigation and its introduction.

The URLs, the navigation, the sitemap, the overview's table links, the dataset package and the
API's lists all read TABLES.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports.records.kinds import KIND_OF_MODEL, KINDS, RecordKind
from reports.tables import filters, tables
from whitepaper.models import (
    RECORD_MODELS,
    IndustrySegment,
    RegionalPresence,
    Statistic,
    Tendency,
)
from whitepaper.models.correction import page_model


@dataclass(frozen=True)
class TableEntry:
    """One public table: its page at /<slug>/, its downloads at /<slug>.csv and .json."""

    kind: RecordKind
    table_class: type
    filterset_class: type
    nav_label: str
    intro: str

    @property
    def model(self):
        return self.kind.model

    @property
    def slug(self):
        return self.kind.slug

    @property
    def title(self):
        return self.kind.title

    def queryset(self):
        return self.model.objects.for_table()

    def page_url(self):
        return reverse(f"reports:{self.slug}")

    def download_url(self, fmt):
        return reverse(f"reports:{self.slug}_{fmt}")

    def feed_url(self):
        return reverse(f"reports:{self.slug}_feed")

    def record_models(self):
        """The kinds of record whose changes are this table's (a region's own with the
        regions' table)."""
        return [model for model in RECORD_MODELS if page_model(model) is self.model]


TABLE_OF_MODEL = {
    entry.model: entry
    for entry in (
        TableEntry(
            KIND_OF_MODEL[Statistic],
            tables.StatisticTable,
            filters.StatisticFilter,
            _("Statistics"),
            _(
                "Every figure the source states, with its unit, its qualifier and the sentence "
                "it comes from. A figure the source gives as a bound (“over …”) is stored and "
                "shown as a bound."
            ),
        ),
        TableEntry(
            KIND_OF_MODEL[RegionalPresence],
            tables.RegionalPresenceTable,
            filters.RegionalPresenceFilter,
            _("Regions"),
            _(
                "The regions the source names as leading, in the order it lists them. Where it "
                "gives one share for several regions together, each region links to that figure; "
                "a share, rank or count for one region is shown only where the source states it."
            ),
        ),
        TableEntry(
            KIND_OF_MODEL[IndustrySegment],
            tables.IndustrySegmentTable,
            filters.IndustrySegmentFilter,
            _("Segments"),
            _(
                "Where the source says blockchain is used along the industry chain, and the other "
                "industries it names, each with the sentence it comes from."
            ),
        ),
        TableEntry(
            KIND_OF_MODEL[Tendency],
            tables.TendencyTable,
            filters.TendencyFilter,
            _("Tendencies"),
            _("The development tendencies the source lists, as it states them."),
        ),
    )
}
#: Every public table, in the order the site lists the kinds.
TABLES = tuple(TABLE_OF_MODEL[kind.model] for kind in KINDS if kind.model in TABLE_OF_MODEL)
