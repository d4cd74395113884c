"""A record's text in a page of either language, marked up so that readers and screen
readers know which language each piece is in and what is the site's translation.

A Chinese page shows a record's Chinese text (the site's translation); where a record has no
Chinese text yet it shows the English, in its own lang attribute, with a visible note. Text
in the page's own language needs no markup.
"""

from django.utils.html import conditional_escape, escape, format_html
from django.utils.translation import gettext

from whitepaper.translation import CODE_OF_TAG, SOURCE_LANGUAGE, html_lang, language, twin


def text_html(shown, page_lang=None):
    """A Text (whitepaper.translation) as HTML in a page of page_lang."""
    page_lang = page_lang or html_lang()
    if not shown.text:
        return ""
    if shown.lang == page_lang:
        return conditional_escape(shown.text)
    html = format_html('<span lang="{}">{}</span>', shown.lang, shown.text)
    if shown.is_fallback:
        html += format_html(
            ' <span class="fallback">{}</span>', gettext("(English: not yet translated)")
        )
    return html


def translation_label_html():
    """The label that marks a text as this site's translation, wherever one is shown."""
    return format_html(
        ' <span class="translation-label">{}</span>', gettext("(this site’s translation)")
    )


def field_html(record, field, page_lang=None):
    """The record's field as HTML in a page of page_lang (default: the active language)."""
    return text_html(record.text_in(field), page_lang)


def labelled_field_html(record, field, page_lang=None):
    """field_html, labelled as the site's translation where the text shown is one."""
    shown = record.text_in(field)
    html = text_html(shown, page_lang)
    if html and shown.is_translation:
        html += translation_label_html()
    return html


def field_renderer(field, page_lang):
    """A function giving a record's field as HTML in a page of page_lang: the same HTML as
    field_html, for rendering many records of one page (no lookups per record)."""
    lang = language(CODE_OF_TAG[page_lang])
    if lang is SOURCE_LANGUAGE:
        return lambda record: escape(getattr(record, field))
    translated = twin(field, lang)
    fallback = format_html(
        ' <span class="fallback">{}</span>', gettext("(English: not yet translated)")
    )

    def render(record):
        text = getattr(record, translated)
        if text:
            return escape(text)
        english = getattr(record, field)
        if not english:
            return ""
        return format_html('<span lang="{}">{}</span>{}', SOURCE_LANGUAGE.tag, english, fallback)

    return render


def stated_text_html(record, field, page_lang=None):
    """Text that stands for the source's own words (a tendency as stated): on an English
    page the text; on a Chinese page the site's translation, labelled as such, with the
    English verbatim beside it in its own lang attribute."""
    shown = record.text_in(field)
    if not shown.is_translation:
        return text_html(shown, page_lang)
    return format_html(
        '<span lang="{}">{}</span>{}<span class="verbatim"><span class="verbatim-label">{}</span> '
        '<q lang="{}">{}</q></span>',
        shown.lang,
        shown.text,
        translation_label_html(),
        gettext("The source, verbatim:"),
        SOURCE_LANGUAGE.tag,
        getattr(record, field),
    )
