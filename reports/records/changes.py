"""The public corrections log as readers see it: on /changes/, in its Atom feed and on each
record's page (whitepaper.models.Correction holds the rows)."""

from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from reports.records.bilingual import text_html, translation_label_html
from whitepaper.models import Correction, Text, html_lang
from whitepaper.public import typed
from whitepaper.translation import SOURCE_LANGUAGE, language, twin_of

#: Rows a page of /changes/ lists, and entries in the feed.
PAGE_SIZE = 50


def record_name(record):
    """How the corrections log names the record, in the reader's language where it can."""
    return record.log_label(language()) or record.log_label(SOURCE_LANGUAGE)


def value_text(change, value):
    """An old or new value as a reader reads it: a choice by its label (in the page's
    language), a translation in its language, anything else as the English it is."""
    field = change.field
    if field is not None and field.choices:
        return Text(str(dict(field.flatchoices).get(value, value)), html_lang(), False, False)
    translated = twin_of(change.record_model, change.field_name) if field is not None else None
    lang = translated[1] if translated else SOURCE_LANGUAGE
    return Text(value, lang.tag, False, False)


def value_html(change, value):
    if value == "":
        return format_html('<span class="hint">{}</span>', gettext("(empty)"))
    return text_html(value_text(change, value))


def summary(change):
    """What happened, in words: "<field>: <old value> → <new value>", a withdrawal or a
    deletion."""
    if change.kind == Correction.Kind.WITHDRAWN:
        return gettext("Withdrawn: no longer published on this site.")
    if change.kind == Correction.Kind.DELETED:
        return gettext("Deleted from this site.")
    return gettext("%(field)s: %(old)s → %(new)s") % {
        "field": capfirst(change.field_label),
        "old": value_text(change, change.old_value).text or gettext("(empty)"),
        "new": value_text(change, change.new_value).text or gettext("(empty)"),
    }


def change_json(correction):
    """An entry of the log as the record page's JSON and the API give it."""
    return {
        "id": str(correction.uuid),
        "changed_at": typed(correction.changed_at),  # on the site's clock
        "kind": correction.kind,
        "field": correction.field_name,
        "old_value": correction.old_value,
        "new_value": correction.new_value,
        "note": correction.public_note,
        "is_minor": correction.is_minor,
    }


def change_html(change):
    """What a correction changed, as HTML in the reader's language: "<field>: <old> → <new>"
    with each value in its own language, a translation labelled as the site's; or a
    withdrawal or a deletion."""
    if change.kind != Correction.Kind.CHANGED:
        return summary(change)
    translated = (
        translation_label_html()
        if change.field is not None and twin_of(change.record_model, change.field_name)
        else ""
    )
    return format_html(
        "{}: {} → {}{}",
        capfirst(change.field_label),
        value_html(change, change.old_value),
        value_html(change, change.new_value),
        translated,
    )
