"""The pieces of a record's page: a fact (a name and its value as HTML), in either language,
and who states the record. reports.records.kinds puts them together for each kind."""

from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from reports.records.bilingual import field_html, text_html
from whitepaper.models import StatedBy, Text
from whitepaper.translation import SOURCE_LANGUAGE, twin_of, twins, with_twins


class Fact:
    """A term and its value (HTML) in a page's description list."""

    def __init__(self, label, html):
        self.label = capfirst(label)
        self.html = conditional_escape(html)


def verbose_name(model, field):
    return model._meta.get_field(field).verbose_name


def english_html(text):
    """Text in English (the source's language), with its lang attribute on a Chinese page."""
    return text_html(Text(text, SOURCE_LANGUAGE.tag, is_translation=False, is_fallback=False))


def translation_html(record, field, lang):
    """A twin column (the site's translation) as it is, in its language, or a note that
    there is none."""
    value = getattr(record, field)
    if value:
        return format_html('<span lang="{}">{}</span>', lang.tag, value)
    return format_html('<span class="hint">{}</span>', gettext("not translated yet"))


def link_html(url, html):
    return format_html('<a href="{}">{}</a>', url, html)


def field_fact(record, field):
    """The record's field with its verbose name, as stored: a twin in its language (or a
    note that there is none), anything else in English, on pages of every language."""
    model = type(record)
    translated = twin_of(model, field)
    if translated is not None:
        html = translation_html(record, field, translated[1])
    else:
        html = english_html(str(getattr(record, field)))
    return Fact(verbose_name(model, field), html)


def address_fact(record, field):
    """The record's stable name in its page's address (its key or slug), in plain words."""
    return Fact(gettext("Name in the page’s address"), english_html(getattr(record, field)))


def field_facts(record, field):
    """The facts of a field and of each of its translations."""
    return [field_fact(record, name) for name in with_twins([field], type(record))]


def translation_facts(record, field):
    """The facts of each translation of a field (its twins)."""
    return [field_fact(record, name) for name in twins(field)]


def notes(record):
    """The record's note and its translations, if it has a note."""
    if not getattr(record, "note", ""):
        return []
    return field_facts(record, "note")


def stated_by_fact(record):
    """Whose statement the record is ("Source: white paper, via a news report"); the
    person's name and role where the news report gives their view."""
    publication = record.publication
    if not record.stated_by:
        html = format_html('<span class="hint">{}</span>', gettext("not recorded"))
    elif record.stated_by == StatedBy.QUOTED_PERSON and publication.quoted_person:
        html = format_html(
            gettext("{person}, {role}, via a news report"),
            person=english_html(publication.quoted_person),
            role=field_html(publication, "quoted_person_role"),
        )
    else:
        html = conditional_escape(record.get_stated_by_display())
    return Fact(gettext("Source"), html)
