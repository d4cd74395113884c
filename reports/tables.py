"""The public tables (django-tables2).

django-tables2 owns the columns, their headings, sorting and pagination. The cells are
rendered here, in Python: each column makes a renderer for the page (``renderer(page_lang)``),
a function from a record to its cell's HTML called once per cell, with no template and no
inspection of its signature; that is what makes a table page cost a few milliseconds
(reports.table_html puts the rows together). ``render`` gives django-tables2's own rendering
path the same HTML.

Every sort ends on the primary key so that pages and downloads list tied rows in the same
order. The downloads do not use these classes' cells: ``export_fields`` lists their columns.
"""

import django_tables2 as tables
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from reports.bilingual import field_renderer, stated_text_html
from whitepaper.models import (
    CHINESE,
    IndustrySegment,
    RegionalPresence,
    Statistic,
    Tendency,
    format_measure,
    html_lang,
    public_statistic_order,
)
from whitepaper.models.base import value_at

NOT_STATED = _("not stated")


def on(of, render):
    """A cell renderer applied to a related object (``of``, a lookup path such as "region")
    of the record."""
    if not of:
        return render
    return lambda record: render(value_at(record, of))


class CellColumn(tables.Column):
    """A column whose cells come from ``renderer(page_lang)``: a function of the record
    giving the cell's HTML, made once per page so that what does not change from row to row
    (translated labels, the page's language) is looked up once."""

    def renderer(self, page_lang):
        raise NotImplementedError

    def render(self, record):
        return mark_safe(self.renderer(html_lang())(record))


class TextColumn(CellColumn):
    """A translated text field of the record (or of a related object), optionally a link to
    the record's own page."""

    def __init__(self, field, of="", link=False, **kwargs):
        kwargs.setdefault("accessor", f"{of}__{field}" if of else field)
        super().__init__(**kwargs)
        self.field, self.of, self.link = field, of, link

    def renderer(self, page_lang):
        text = on(self.of, field_renderer(self.field, page_lang))
        if not self.link:
            return text
        return lambda record: f'<a href="{escape(record.get_absolute_url())}">{text(record)}</a>'


class StatedTextColumn(CellColumn):
    """Text that stands for the source's words; on a Chinese page, the site's translation
    labelled as such beside the English verbatim."""

    def __init__(self, field, **kwargs):
        kwargs.setdefault("accessor", field)
        super().__init__(**kwargs)
        self.field = field

    def renderer(self, page_lang):
        return lambda record: stated_text_html(record, self.field, page_lang)


class PlainColumn(CellColumn):
    """A value shown as it is (a code, a number); "not stated" when there is none."""

    def __init__(self, field, of="", **kwargs):
        kwargs.setdefault("accessor", f"{of}__{field}" if of else field)
        super().__init__(**kwargs)
        self.field, self.of = field, of

    def renderer(self, page_lang):
        field, missing = self.field, escape(NOT_STATED)

        def render(obj):
            value = getattr(obj, field)
            return missing if value is None else escape(value)

        return on(self.of, render)


class ChoiceColumn(CellColumn):
    """A choice field, shown by its label in the page's language."""

    def __init__(self, field, of="", **kwargs):
        kwargs.setdefault("accessor", f"{of}__{field}" if of else field)
        super().__init__(**kwargs)
        self.field, self.of = field, of

    def renderer(self, page_lang):
        field, labels = self.field, {}

        def render(obj):
            if not labels:  # the labels in the page's language, looked up for the first row
                choices = type(obj)._meta.get_field(field).flatchoices
                labels.update((value, escape(label)) for value, label in choices)
            value = getattr(obj, field)
            return labels.get(value) or escape(value)

        return on(self.of, render)


class FigureColumn(CellColumn):
    """A statistic's value as a reader would write it ("over 80%"): the record's own, or
    that of the statistic it points to (``of``), linked to that statistic's page."""

    def __init__(self, of="", **kwargs):
        super().__init__(**kwargs)
        self.of = of

    def renderer(self, page_lang):
        language = CHINESE if page_lang == html_lang(CHINESE) else "en"
        missing = escape(NOT_STATED)

        def figure(statistic):
            return escape(
                format_measure(statistic.value, statistic.unit, statistic.qualifier, language)
            )

        if not self.of:
            return lambda record: f'<span class="figure">{figure(record)}</span>'

        def linked(record):
            statistic = value_at(record, self.of)
            if statistic is None:
                return missing
            url = escape(statistic.get_absolute_url())
            return f'<a href="{url}" class="figure">{figure(statistic)}</a>'

        return linked


class AsOfColumn(CellColumn):
    """The date the figure describes, ISO formatted."""

    def __init__(self, field="publication__data_as_of", **kwargs):
        kwargs.setdefault("verbose_name", _("As of"))
        kwargs.setdefault("order_by", (field, "pk"))
        kwargs.setdefault("attrs", {"td": {"class": "date"}})
        super().__init__(accessor=field, **kwargs)
        self.path = field

    def renderer(self, page_lang):
        return lambda record: value_at(record, self.path).isoformat()


class SourceQuoteColumn(CellColumn):
    """The verbatim source sentence, in a blockquote a reader can copy. Always English."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Source sentence"))
        kwargs.setdefault("accessor", "source_quote")
        # Not sortable: ordering by a whole sentence tells a reader nothing, and an index on
        # long text would cost more than it gives.
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def renderer(self, page_lang):
        return lambda record: (
            f'<blockquote class="source-quote" lang="en">“{escape(record.source_quote)}”</blockquote>'
        )


class PublicationColumn(CellColumn):
    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Publication"))
        kwargs.setdefault("accessor", "publication")
        kwargs.setdefault("order_by", ("publication__release_date", "publication__title", "pk"))
        super().__init__(**kwargs)

    def renderer(self, page_lang):
        title = field_renderer("title", page_lang)
        links = {}

        def render(record):
            publication = record.publication
            if publication.pk not in links:
                url = escape(publication.get_absolute_url())
                links[publication.pk] = f'<a href="{url}">{title(publication)}</a>'
            return links[publication.pk]

        return render


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
    qualifier = ChoiceColumn(
        "qualifier", verbose_name=_("Qualifier"), order_by=public_statistic_order("qualifier")
    )
    unit = ChoiceColumn("unit", verbose_name=_("Unit"), order_by=public_statistic_order("unit"))
    category = ChoiceColumn(
        "category", verbose_name=_("Category"), order_by=public_statistic_order("category")
    )
    as_of = AsOfColumn("as_of", order_by=public_statistic_order("as_of"))
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
        ("key", "key"),
        ("label", "label"),
        ("value", "value"),
        ("qualifier", "qualifier"),
        ("unit", "unit"),
        ("category", "category"),
        ("as_of", "as_of"),
        ("source_quote", "source_quote"),
        ("stated_by", "stated_by"),
        ("note", "note"),
        ("publication", "publication__title"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]


class RegionalPresenceTable(RecordTable):
    region = TextColumn(
        "name",
        of="region",
        link=True,
        verbose_name=_("Region"),
        order_by=("region__name", "pk"),
    )
    name_zh = PlainColumn(
        "name_zh",
        of="region",
        verbose_name=_("Chinese name"),
        order_by=("region__name_zh", "pk"),
        attrs={"td": {"lang": "zh-Hans"}},
    )
    code = PlainColumn(
        "code", of="region", verbose_name=_("ISO code"), order_by=("region__code", "pk")
    )
    kind = ChoiceColumn(
        "kind", of="region", verbose_name=_("Kind"), order_by=("region__kind", "pk")
    )
    position = PlainColumn("position", verbose_name=_("Listed"), order_by=("position", "pk"))
    rank = PlainColumn("rank", verbose_name=_("Rank"), order_by=("rank", "pk"))
    company_count = PlainColumn(
        "company_count", verbose_name=_("Companies"), order_by=("company_count", "pk")
    )
    combined_share = FigureColumn(
        of="public_share",
        verbose_name=_("Share together with the other listed regions"),
        order_by=("combined_share__value", "pk"),
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

    caption = _("Regions named in the source")
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
        ("stated_by", "stated_by"),
        ("note", "note"),
        ("publication", "publication__title"),
        ("as_of", "publication__data_as_of"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]


class IndustrySegmentTable(RecordTable):
    name = TextColumn("name", link=True, verbose_name=_("Segment"), order_by=("name", "pk"))
    stage = ChoiceColumn("stage", verbose_name=_("Stage"), order_by=("stage", "pk"))
    description = TextColumn(
        "description",
        verbose_name=_("Description (this site’s)"),
        order_by=("description", "pk"),
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
        ("description", "description"),
        ("source_quote", "source_quote"),
        ("stated_by", "stated_by"),
        ("publication", "publication__title"),
        ("as_of", "publication__data_as_of"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]


class TendencyTable(RecordTable):
    number = PlainColumn("number", verbose_name=_("No."), order_by=("number", "pk"))
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
    export_fields = [
        ("number", "number"),
        ("title", "title"),
        ("text", "text"),
        ("source_quote", "source_quote"),
        ("stated_by", "stated_by"),
        ("publication", "publication__title"),
        ("as_of", "publication__data_as_of"),
        ("published_on", "publication__release_date"),
        ("last_edited", "updated_at"),
    ]
