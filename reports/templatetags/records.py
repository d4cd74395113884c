"""Template tags for records in two languages (see reports.records.bilingual)."""

from django import template
from django.utils.html import format_html, format_html_join

from reports.records.bilingual import field_html, labelled_field_html, stated_text_html
from reports.records.dates import as_of_text
from whitepaper.public import typed
from whitepaper.translation import SOURCE_LANGUAGE, TRANSLATIONS, twin

register = template.Library()


@register.simple_tag(takes_context=True)
def text(context, record, field):
    """{% text statistic "label" %}: the field in the page's language, marked up."""
    return field_html(record, field, context.get("page_lang"))


@register.simple_tag(takes_context=True)
def labelled_text(context, record, field):
    """{% labelled_text finding "text" %}: the field as {% text %} gives it, labelled as the
    site's translation where it is one (a statement in this site's words, in Chinese)."""
    return labelled_field_html(record, field, context.get("page_lang"))


@register.simple_tag
def plain_text(record, field):
    """{% plain_text statistic "label" %}: the field's text in the page's language, no markup
    (for attributes, titles and other places that take text only)."""
    return record.text_in(field).text


@register.simple_tag(takes_context=True)
def stated_text(context, record, field):
    """{% stated_text tendency "text" %}: text that stands for the source's words. On a
    Chinese page the site's translation is labelled as such, with the English verbatim
    beside it."""
    return stated_text_html(record, field, context.get("page_lang"))


@register.filter
def in_english(text):
    """{{ publication.source_title|in_english }}: English words inside a sentence of the
    page, in their own lang attribute (for a Chinese page's screen readers and fonts)."""
    return format_html('<span lang="{}">{}</span>', SOURCE_LANGUAGE.tag, text)


@register.simple_tag(takes_context=True)
def translations(context, record, field):
    """{% translations region "name" %}: on a page in the source's language, the field's
    translations that exist, each in its lang attribute, comma-separated (a region's name in
    Chinese beside the English one); nothing on a page in a translation."""
    if context.get("page_lang") != SOURCE_LANGUAGE.tag:
        return ""
    return format_html_join(
        ", ",
        '<span lang="{}">{}</span>',
        (
            (lang.tag, getattr(record, twin(field, lang)))
            for lang in TRANSLATIONS
            if getattr(record, twin(field, lang))
        ),
    )


@register.filter
def machine_time(moment):
    """{{ record.updated_at|machine_time }}: the moment on the site's clock for a datetime
    attribute, to the second (HTML allows at most three digits of a fraction), as the
    downloads write it."""
    return typed(moment)


@register.simple_tag
def as_of(day):
    """{% as_of record.as_of %}: the date a record describes as the site says it ("end of
    March 2018"), in the page's language (reports.records.dates)."""
    return as_of_text(day)
