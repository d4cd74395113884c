"""Template tags for records in two languages (see reports.bilingual)."""

from django import template
from django.utils.html import format_html

from reports.bilingual import field_html, stated_text_html

register = template.Library()


@register.simple_tag(takes_context=True)
def text(context, record, field):
    """{% text statistic "label" %}: the field in the page's language, marked up."""
    return field_html(record, field, context.get("page_lang"))


@register.simple_tag
def plain(record, field):
    """{% plain statistic "label" %}: the field's text in the page's language, no markup
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
    return format_html('<span lang="en">{}</span>', text)
