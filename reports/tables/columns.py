"""The columns of the public tables (django-tables2), each rendering its own cells.

Each column makes a renderer for the page (``renderer(page_lang)``): a function from a
record to its cell's HTML, called once per cell with no template and no inspection of its
signature, with whatever does not change from row to row (translated labels, the page's
language) looked up once. That is what makes a table page cost a few milliseconds
(reports.tables.html puts the rows together). ``render`` gives django-tables2's own rendering
path the same HTML.
"""

import django_tables2 as tables
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from reports.records.bilingual import field_renderer, stated_text_html
from whitepaper.lookups import value_at
from whitepaper.models import format_measure, html_lang
from whitepaper.translation import CODE_OF_TAG, SOURCE_LANGUAGE, TRANSLATIONS, twin

NOT_STATED = _("not stated")
# A lazy translation given to escape() stays lazy, and is translated again each time it is
# formatted: the renderers translate theirs once per page, with str().


def on(of, render):
    """A cell renderer applied to a related object (``of``, a lookup path such as "region")
    of the record."""
    if not of:
        return render
    return lambda record: render(value_at(record, of))


class CellColumn(tables.Column):
    """A column whose cells come from ``renderer(page_lang)``: a function of the record
    giving the cell's HTML, made once per page so that what does not change from row to row
    (translated labels, the page's language) is looked up once.

    What a view shows of the column is worked out for the whole view (reports.tables.layout):

    - ``optional``: left out when no row of the view has a value (``has_value``, a Q; by
      default "not null, not empty" of the column's accessor). A ``stated`` column stands
      for something the source may state, and the page then says that the source does not
      state it for these rows; the site's own text (``stated=False``) is left out silently.
    - ``shared``: said once above the table when every row of the view has the same value.

    A ``numeric`` column (counts, positions) is aligned on its digits, heading included.
    """

    #: Rows in a run that share this column's value are put under one heading row that
    #: says it once (reports.tables.html), instead of a cell in each row.
    groups_rows = False

    def __init__(
        self,
        *args,
        optional=False,
        shared=False,
        has_value=None,
        stated=True,
        numeric=False,
        **kwargs,
    ):
        if numeric:
            kwargs.setdefault("attrs", {"td": {"class": "number"}})
        super().__init__(*args, **kwargs)
        self.optional, self.shared, self.numeric = optional, shared, numeric
        self.has_value, self.stated = has_value, stated

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
        field, missing = self.field, escape(str(NOT_STATED))

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
                labels.update((value, escape(str(label))) for value, label in choices)
            value = getattr(obj, field)
            return labels.get(value) or escape(value)

        return on(self.of, render)


def translation_columns(model, field, of):
    """A column per translation of a text field of a related object (``of``, of the given
    model: the region's name), by twin column name, in the translation's lang."""
    return {
        twin(field, lang): PlainColumn(
            twin(field, lang),
            of=of,
            verbose_name=capfirst(model._meta.get_field(twin(field, lang)).verbose_name),
            order_by=(twin(f"{of}__{field}", lang), "pk"),
            attrs={"td": {"lang": lang.tag}},
        )
        for lang in TRANSLATIONS
    }


class FigureColumn(CellColumn):
    """A statistic's value as a reader would write it ("over 80%"): the record's own, or
    that of the statistic it points to (``of``), linked to that statistic's page."""

    def __init__(self, of="", **kwargs):
        super().__init__(**kwargs)
        self.of = of

    def renderer(self, page_lang):
        language = CODE_OF_TAG[page_lang]
        missing = escape(str(NOT_STATED))

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
    """The date the record describes, ISO formatted, where its own source sentence gives
    one; "not stated" otherwise."""

    def __init__(self, field="as_of", **kwargs):
        kwargs.setdefault("verbose_name", _("As of"))
        kwargs.setdefault("order_by", (field, "pk"))
        kwargs.setdefault("attrs", {"td": {"class": "date"}})
        kwargs.setdefault("shared", True)
        kwargs.setdefault("optional", True)
        super().__init__(accessor=field, **kwargs)
        self.path = field

    def renderer(self, page_lang):
        missing = escape(str(NOT_STATED))

        def render(record):
            value = value_at(record, self.path)
            return missing if value is None else value.isoformat()

        return render


class SourceQuoteColumn(CellColumn):
    """The verbatim source sentence, in a blockquote a reader can copy. Always English.

    Several records often come from one sentence: the table says it once above them."""

    groups_rows = True

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Source sentence"))
        kwargs.setdefault("accessor", "source_quote")
        # Not sortable: ordering by a whole sentence tells a reader nothing, and an index on
        # long text would cost more than it gives.
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def renderer(self, page_lang):
        return lambda record: (
            f'<blockquote class="source-quote" lang="{SOURCE_LANGUAGE.tag}">'
            f"“{escape(record.source_quote)}”</blockquote>"
        )


class PublicationColumn(CellColumn):
    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Publication"))
        kwargs.setdefault("accessor", "publication")
        kwargs.setdefault("order_by", ("publication__release_date", "publication__title", "pk"))
        kwargs.setdefault("shared", True)
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
