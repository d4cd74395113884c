"""The public tables, one declarative entry each.

The URLs, the navigation, the sitemap, the overview's table links and the dataset package all
read this list. Adding a table is one entry here, its table class (tables.py), its filter
class (filters.py) and its three routes (urls.py).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports import filters, tables
from whitepaper.models import IndustrySegment, RegionalPresence, Statistic, Tendency


@dataclass(frozen=True)
class TableEntry:
    """One public table: its page at /<slug>/, its downloads at /<slug>.csv and .json."""

    slug: str
    title: str
    nav_label: str
    intro: str
    model: type
    table_class: type
    filterset_class: type

    @property
    def export_fields(self):
        return self.table_class.export_fields

    def queryset(self):
        return self.model.objects.for_table()

    def page_url(self):
        return reverse(f"reports:{self.slug}")

    def download_url(self, fmt):
        return reverse(f"reports:{self.slug}_{fmt}")


STATISTICS = TableEntry(
    slug="statistics",
    title=_("Statistics"),
    nav_label=_("Statistics"),
    intro=_(
        "Every figure the source states, with its unit, its qualifier and the sentence it "
        "comes from. A figure the source gives as a bound (“over …”) is stored and shown as "
        "a bound."
    ),
    model=Statistic,
    table_class=tables.StatisticTable,
    filterset_class=filters.StatisticFilter,
)

REGIONS = TableEntry(
    slug="regions",
    title=_("Regions"),
    nav_label=_("Regions"),
    intro=_(
        "The regions the source names as leading, in the order it lists them. Where it gives "
        "one share for several regions together, each region links to that figure; a share, "
        "rank or count for one region is shown only where the source states it."
    ),
    model=RegionalPresence,
    table_class=tables.RegionalPresenceTable,
    filterset_class=filters.RegionalPresenceFilter,
)

SEGMENTS = TableEntry(
    slug="segments",
    title=_("Industry segments"),
    nav_label=_("Segments"),
    intro=_(
        "Where the source says blockchain is used along the industry chain, and the other "
        "industries it names, each with the sentence it comes from."
    ),
    model=IndustrySegment,
    table_class=tables.IndustrySegmentTable,
    filterset_class=filters.IndustrySegmentFilter,
)

TENDENCIES = TableEntry(
    slug="tendencies",
    title=_("Development tendencies"),
    nav_label=_("Tendencies"),
    intro=_("The development tendencies the source lists, as it states them."),
    model=Tendency,
    table_class=tables.TendencyTable,
    filterset_class=filters.TendencyFilter,
)

TABLES = (STATISTICS, REGIONS, SEGMENTS, TENDENCIES)
