"""The public tables (django-tables2).

Every column that renders HTML has a ``value_*`` twin giving the plain value, and every sort
ends on the primary key so that pages and downloads list tied rows in the same order.
"""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from whitepaper.models import (
    IndustrySegment,
    RegionalPresence,
    Statistic,
    Tendency,
    public_statistic_order,
)


class SourceQuoteColumn(tables.Column):
    """The verbatim source sentence, in a blockquote a reader can copy."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Source sentence"))
        kwargs.setdefault("accessor", "source_quote")
        # Not sortable: ordering by a whole sentence tells a reader nothing, and an index on
        # long text would cost more than it gives.
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def render(self, value):
        return format_html('<blockquote class="source-quote">“{}”</blockquote>', value)

    def value(self, value):
        return value


class AsOfColumn(tables.Column):
    """The date the figure describes, ISO formatted (a plain column: django-tables2's
    DateColumn compiles a template for every cell)."""

    def __init__(self, accessor="publication__data_as_of", **kwargs):
        kwargs.setdefault("verbose_name", _("As of"))
        kwargs.setdefault("order_by", (accessor, "pk"))
        kwargs.setdefault("attrs", {"td": {"class": "date"}})
        super().__init__(accessor=accessor, **kwargs)

    def render(self, value):
        return value.isoformat()


class PublicationColumn(tables.Column):
    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Publication"))
        kwargs.setdefault("accessor", "publication")
        kwargs.setdefault("order_by", ("publication__release_date", "publication__title", "pk"))
        super().__init__(**kwargs)

    def render(self, value):
        return format_html('<a href="{}">{}</a>', value.get_absolute_url(), value.title)

    def value(self, value):
        return value.title


class RecordTable(tables.Table):
    """Shared behaviour: each row carries its record's stable anchor for citation links."""

    class Meta:
        abstract = True
        row_attrs = {"id": lambda record: record.anchor}
        orderable = True


class StatisticTable(RecordTable):
    # Each sort reads its own index (Statistic.Meta.indexes); ties in a column with few
    # distinct values are listed in the editors' order, which the index holds after the value.
    label = tables.Column(verbose_name=_("Figure"), order_by=public_statistic_order("label"))
    value = tables.Column(verbose_name=_("Value"), order_by=public_statistic_order("value"))
    qualifier = tables.Column(
        verbose_name=_("Qualifier"), order_by=public_statistic_order("qualifier")
    )
    unit = tables.Column(verbose_name=_("Unit"), order_by=public_statistic_order("unit"))
    category = tables.Column(
        verbose_name=_("Category"), order_by=public_statistic_order("category")
    )
    as_of = AsOfColumn(accessor="as_of", order_by=public_statistic_order("as_of"))
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

    caption = _("Statistics stated in the white paper")
    export_fields = [
        ("key", "key"),
        ("label", "label"),
        ("value", "value"),
        ("qualifier", "qualifier"),
        ("unit", "unit"),
        ("category", "category"),
        ("as_of", "as_of"),
        ("source_quote", "source_quote"),
        ("publication", "publication__title"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]

    def render_value(self, record):
        return format_html('<span class="figure">{}</span>', record.display_value)

    def value_value(self, record):
        return record.value


class RegionalPresenceTable(RecordTable):
    region = tables.Column(
        verbose_name=_("Region"), accessor="region__name", order_by=("region__name", "pk")
    )
    name_zh = tables.Column(
        verbose_name=_("Chinese name"),
        accessor="region__name_zh",
        order_by=("region__name_zh", "pk"),
    )
    code = tables.Column(
        verbose_name=_("ISO code"), accessor="region__code", order_by=("region__code", "pk")
    )
    kind = tables.Column(
        verbose_name=_("Kind"), accessor="region__kind", order_by=("region__kind", "pk")
    )
    position = tables.Column(verbose_name=_("Listed"), order_by=("position", "pk"))
    rank = tables.Column(verbose_name=_("Rank"), order_by=("rank", "pk"), default=_("not stated"))
    company_count = tables.Column(
        verbose_name=_("Companies"), order_by=("company_count", "pk"), default=_("not stated")
    )
    combined_share = tables.Column(
        verbose_name=_("Share together with the other listed regions"),
        order_by=("combined_share__value", "pk"),
        default=_("not stated"),
    )
    as_of = AsOfColumn()
    source_quote = SourceQuoteColumn()
    publication = PublicationColumn()

    class Meta(RecordTable.Meta):
        model = RegionalPresence
        fields = [
            "region",
            "name_zh",
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

    caption = _("Regions named in the white paper")
    export_fields = [
        ("region", "region__name"),
        ("name_zh", "region__name_zh"),
        ("code", "region__code"),
        ("kind", "region__kind"),
        ("position", "position"),
        ("rank", "rank"),
        ("company_count", "company_count"),
        ("combined_share", "combined_share__value"),
        ("combined_share_qualifier", "combined_share__qualifier"),
        ("combined_share_unit", "combined_share__unit"),
        ("source_quote", "source_quote"),
        ("publication", "publication__title"),
        ("as_of", "publication__data_as_of"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]

    def render_kind(self, record):
        return record.region.get_kind_display()

    def value_kind(self, record):
        return record.region.kind

    def render_combined_share(self, value):
        return format_html(
            '<a href="{}" class="figure">{}</a>', value.get_absolute_url(), value.display_value
        )

    def value_combined_share(self, value):
        return value.value


class IndustrySegmentTable(RecordTable):
    name = tables.Column(verbose_name=_("Segment"), order_by=("name", "pk"))
    stage = tables.Column(verbose_name=_("Stage"), order_by=("stage", "pk"))
    description = tables.Column(
        verbose_name=_("What the source says"), order_by=("description", "pk"), default=""
    )
    as_of = AsOfColumn()
    source_quote = SourceQuoteColumn()
    publication = PublicationColumn()

    class Meta(RecordTable.Meta):
        model = IndustrySegment
        fields = ["name", "stage", "description", "as_of", "source_quote", "publication"]

    caption = _("Industry segments named in the white paper")
    export_fields = [
        ("slug", "slug"),
        ("name", "name"),
        ("stage", "stage"),
        ("description", "description"),
        ("source_quote", "source_quote"),
        ("publication", "publication__title"),
        ("as_of", "publication__data_as_of"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]


class TendencyTable(RecordTable):
    number = tables.Column(verbose_name=_("No."), order_by=("number", "pk"))
    title = tables.Column(verbose_name=_("Short title (editor's)"), order_by=("title", "pk"))
    text = tables.Column(verbose_name=_("Tendency as stated"), order_by=("text", "pk"))
    as_of = AsOfColumn()
    publication = PublicationColumn()

    class Meta(RecordTable.Meta):
        model = Tendency
        fields = ["number", "title", "text", "as_of", "publication"]

    caption = _("The six development tendencies")
    export_fields = [
        ("number", "number"),
        ("title", "title"),
        ("text", "text"),
        ("source_quote", "source_quote"),
        ("publication", "publication__title"),
        ("as_of", "publication__data_as_of"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]
