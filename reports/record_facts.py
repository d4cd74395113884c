"""The pieces of a record's page: a fact (a name and its value as HTML), in either language,
and who states the record. reports.record_kinds puts them together for each kind."""

from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from reports.bilingual import field_html, text_html
from whitepaper.models import StatedBy, Text


class Fact:
    """A term and its value (HTML) in a page's description list."""

    def __init__(self, label, html):
        self.label = capfirst(label)
        self.html = conditional_escape(html)


def verbose_name(model, field):
    return model._meta.get_field(field).verbose_name


def english_html(text):
    """Text in English (the source's language), with its lang attribute on a Chinese page."""
    return text_html(Text(text, "en", is_translation=False, is_fallback=False))


def chinese_html(record, field):
    """A Chinese twin (the site's translation) as it is, or a note that there is none."""
    value = getattr(record, field)
    if value:
        return format_html('<span lang="zh-Hans">{}</span>', value)
    return format_html('<span class="hint">{}</span>', gettext("not translated yet"))


def link_html(url, html):
    return format_html('<a href="{}">{}</a>', url, html)


def field_fact(record, field):
    """The record's field with its verbose name, as stored: a Chinese twin in Chinese (or a
    note that there is none), anything else in English, on pages of either language."""
    model = type(record)
    if field.endswith("_zh"):
        html = chinese_html(record, field)
    else:
        html = english_html(str(getattr(record, field)))
    return Fact(verbose_name(model, field), html)


def notes(record):
    """The record's note and its Chinese twin, if it has a note."""
    if not getattr(record, "note", ""):
        return []
    return [field_fact(record, "note"), field_fact(record, "note_zh")]


def stated_by_fact(record):
    """Whose statement the record is; the person's name and role when the report quotes
    someone."""
    publication = record.publication
    if not record.stated_by:
        html = format_html('<span class="hint">{}</span>', gettext("not recorded"))
    else:
        html = conditional_escape(record.get_stated_by_display())
    if record.stated_by == StatedBy.QUOTED_PERSON and publication.quoted_person:
        html = format_html(
            "{}: {}, {}",
            html,
            english_html(publication.quoted_person),
            field_html(publication, "quoted_person_role"),
        )
    return Fact(verbose_name(type(record), "stated_by"), html)
