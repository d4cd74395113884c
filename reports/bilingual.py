"""A record's text in a page of either language, marked up so that readers and screen
readers know which language each piece is in and what is the site's translation.

A Chinese page shows a record's Chinese text (the site's translation); where a record has no
Chinese text yet it shows the English, in its own lang attribute, with a visible note. Text
in the page's own language needs no markup.
"""

from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext

from whitepaper.models import html_lang


def text_html(shown, page_lang=None):
    """A Text (whitepaper.models.translation) as HTML in a page of page_lang."""
    page_lang = page_lang or html_lang()
    if shown.lang == page_lang:
        return conditional_escape(shown.text)
    html = format_html('<span lang="{}">{}</span>', shown.lang, shown.text)
    if shown.is_fallback:
        html += format_html(
            ' <span class="fallback">{}</span>', gettext("(English: not yet translated)")
        )
    return html


def field_html(record, field, page_lang=None):
    """The record's field as HTML in a page of page_lang (default: the active language)."""
    return text_html(record.text_in(field), page_lang)
