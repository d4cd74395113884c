"""The public tables: one for each kind of record that names its table (reports.record_kinds).

The URLs, the navigation, the sitemap, the overview's table links and the dataset package all
read TABLES. A kind gets a table by naming its table and filter classes and its titles.
"""

from dataclasses import dataclass

from django.urls import reverse

from reports.record_kinds import KINDS, RecordKind


@dataclass(frozen=True)
class TableEntry:
    """One public table: its page at /<slug>/, its downloads at /<slug>.csv and .json."""

    kind: RecordKind

    @property
    def model(self):
        return self.kind.model

    @property
    def slug(self):
        return self.kind.slug

    @property
    def title(self):
        return self.kind.table_title

    @property
    def nav_label(self):
        return self.kind.nav_label

    @property
    def intro(self):
        return self.kind.intro

    @property
    def table_class(self):
        return self.kind.table_class

    @property
    def filterset_class(self):
        return self.kind.filterset_class

    @property
    def export_fields(self):
        return self.table_class.export_fields

    def queryset(self):
        return self.model.objects.for_table()

    def page_url(self):
        return reverse(f"reports:{self.slug}")

    def download_url(self, fmt):
        return reverse(f"reports:{self.slug}_{fmt}")


#: Every public table, in the order the site lists the kinds.
TABLES = tuple(TableEntry(kind) for kind in KINDS if kind.table_class is not None)
TABLE_OF_MODEL = {table.model: table for table in TABLES}
