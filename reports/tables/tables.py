"""The public tables (django-tables2).

django-tables2 owns the columns, their headings, sorting and pagination; each column
renders its own cells (reports.tables.columns).

Every sort ends on the primary key so that pages and downloads list tied rows in the same
order. The downloads do not use these classes' cells: ``export_fields`` lists their columns,
each a public value's lookup (whitepaper.public) or (column name, lookup).
"""

import django_tables2 as tables
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.tables.columns import (
    AsOfColumn,
    ChoiceColumn,
    FigureColumn,
    PlainColumn,
    PublicationColumn,
    SourceQuoteColumn,
    StatedTextColumn,
    TextColumn,
    translation_columns,
)
from whitepaper.models import (
    IndustrySegment,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
    public_statistic_order,
)
from whitepaper.translation import TRANSLATIONS, twin, twins

#: The last columns of a download: the record's publication, its date, the publication's
#: release and the record's last edit.
RECORD_TAIL = [
    ("publication", "publication__title"),
    "as_of",
    ("published_on", "publication__release_date"),
    ("last_edited", "updated_at"),
]


class RecordTable(tables.Table):
    """Shared behaviour: each row carries its record's stable anchor for citation links."""

    class Meta:
        abstract = True
        row_attrs = {"id": lambda record: record.anchor}
        orderable = True


class StatisticTable(RecordTable):
    # Each sort reads its own index (Statistic.Meta.indexes); ties in a column with few
    # distinct values are listed in the editors' order, which the index holds after the value.
    label = TextColumn(
        "label", link=True, verbose_name=_("Figure"), order_by=public_statistic_order("label")
    )
    value = FigureColumn(verbose_name=_("Value"), order_by=public_statistic_order("value"))
    # The value says its qualifier and unit ("over 80%"): the page does not say them again
    # in columns of their own (the record pages and the downloads keep them).
    qualifier = ChoiceColumn(
        "qualifier",
        verbose_name=_("Qualifier"),
        order_by=public_statistic_order("qualifier"),
        visible=False,
    )
    unit = ChoiceColumn(
        "unit", verbose_name=_("Unit"), order_by=public_statistic_order("unit"), visible=False
    )
    category = ChoiceColumn(
        "category",
        verbose_name=_("Category"),
        order_by=public_statistic_order("category"),
        shared=True,
    )
    as_of = AsOfColumn(order_by=public_statistic_order("as_of"))
    source_quote = SourceQuoteColumn()
    publication = PublicationColumn()

    class Meta(RecordTable.Meta):
        model = Statistic
        fields = [
            "label",
            "value",
            "qualifier",
            "unit",
            "category",
            "as_of",
            "source_quote",
            "publication",
        ]

    caption = _("Statistics stated in the source")
    export_fields = [
        *("key", "label", "value", "qualifier", "unit", "category", "as_of"),
        *("source_quote", "stated_by", "note"),
        *(column for column in RECORD_TAIL if column != "as_of"),
    ]


#: A column per translation of the region's name, listed after its English name.
RegionNameTranslations = type(
    "RegionNameTranslations",
    (RecordTable,),
    {
        **translation_columns(Region, "name", of="region"),
        "Meta": type("Meta", (RecordTable.Meta,), {"abstract": True}),
    },
)


class RegionalPresenceTable(RegionNameTranslations):
    region = TextColumn(
        "name",
        of="region",
        link=True,
        verbose_name=_("Region"),
        order_by=("region__name", "pk"),
    )
    code = PlainColumn(
        "code", of="region", verbose_name=_("ISO code"), order_by=("region__code", "pk")
    )
    kind = ChoiceColumn(
        "kind", of="region", verbose_name=_("Kind"), order_by=("region__kind", "pk"), shared=True
    )
    position = PlainColumn(
        "position", verbose_name=_("Listed"), order_by=("position", "pk"), numeric=True
    )
    rank = PlainColumn(
        "rank", verbose_name=_("Rank"), order_by=("rank", "pk"), optional=True, numeric=True
    )
    company_count = PlainColumn(
        "company_count",
        verbose_name=_("Companies"),
        order_by=("company_count", "pk"),
        optional=True,
        numeric=True,
    )
    combined_share = FigureColumn(
        of="public_share",
        verbose_name=_("Share together with the other listed regions"),
        order_by=("combined_share__value", "pk"),
        optional=True,
        shared=True,
        # A withdrawn figure is not shown beside its regions (RegionalPresence.public_share).
        has_value=Q(combined_share__is_published=True),
    )
    as_of = AsOfColumn()
    source_quote = SourceQuoteColumn()
    publication = PublicationColumn()

    class Meta(RecordTable.Meta):
        model = RegionalPresence
        fields = [
            "region",
            *twins("name"),
            "code",
            "kind",
            "position",
            "rank",
            "company_count",
            "combined_share",
            "as_of",
            "source_quote",
            "publication",
        ]

    caption = _("Regions named in the source")
    export_fields = [
        ("region", "region__name"),
        *((twin("name", lang), twin("region__name", lang)) for lang in TRANSLATIONS),
        ("code", "region__code"),
        ("kind", "region__kind"),
        *("position", "rank", "company_count"),
        ("combined_share", "combined_share__value"),
        ("combined_share_qualifier", "combined_share__qualifier"),
        ("combined_share_unit", "combined_share__unit"),
        *("source_quote", "stated_by", "note"),
        *RECORD_TAIL,
    ]


class IndustrySegmentTable(RecordTable):
    name = TextColumn("name", link=True, verbose_name=_("Segment"), order_by=("name", "pk"))
    # The stage in the source's words (on a Chinese page, the site's translation, labelled).
    stage = StatedTextColumn(
        "stage_as_stated",
        verbose_name=_("Stage, as stated"),
        order_by=("stage", "pk"),
        shared=True,
    )
    description = TextColumn(
        "description",
        verbose_name=_("Description (this site’s)"),
        order_by=("description", "pk"),
        optional=True,
        stated=False,
    )
    as_of = AsOfColumn()
    source_quote = SourceQuoteColumn()
    publication = PublicationColumn()

    class Meta(RecordTable.Meta):
        model = IndustrySegment
        fields = ["name", "stage", "description", "as_of", "source_quote", "publication"]

    caption = _("Industry segments named in the source")
    export_fields = [
        ("slug", "slug"),
        ("name", "name"),
        ("stage", "stage"),
        # The code above is the site's; these are the source's words (reports.downloads.package).
        ("stage_as_stated", "stage_as_stated"),
        ("description", "description"),
        ("source_quote", "source_quote"),
        ("stated_by", "stated_by"),
        ("publication", "publication__title"),
        ("as_of", "as_of"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]


class TendencyTable(RecordTable):
    number = PlainColumn("number", verbose_name=_("No."), order_by=("number", "pk"), numeric=True)
    title = TextColumn(
        "title", link=True, verbose_name=_("Short title (this site’s)"), order_by=("title", "pk")
    )
    text = StatedTextColumn("text", verbose_name=_("Tendency as stated"), order_by=("text", "pk"))
    as_of = AsOfColumn()
    publication = PublicationColumn()

    class Meta(RecordTable.Meta):
        model = Tendency
        fields = ["number", "title", "text", "as_of", "publication"]

    caption = _("The development tendencies the source lists")
    export_fields = ["number", "title", "text", "source_quote", "stated_by", *RECORD_TAIL]
