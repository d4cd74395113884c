"""What each page's card and link preview say, from what the records layer already gives.

A record's card: its figure (a kind with one: a statistic) and what it counts, or its title
and one line more; the credit of its citation (``citation.credit_parts``), so that a card and
the citation beside it agree. Its words are read as the public values give them
(``whitepaper.public.value_of``), in the page's language, so a record restored from a release
reads as that release holds it. A list's card (a table, the overview, a release) names a few
of its records the same way, with its publication's credit.
"""

from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from reports.records import citation
from reports.records.kinds import KIND_OF_MODEL
from reports.sharing.cards import Card, Row
from whitepaper.public import value_of
from whitepaper.translation import SOURCE_LANGUAGE, html_lang, language

#: How many records a list's card names.
LIST_ROWS = 4
#: og:description's length at most, in characters (the source sentence is cut with "…").
DESCRIPTION_LENGTH = 200


def text_of(record, lookup):
    """(the value at ``lookup`` in the page's language, whether it is this site's
    translation): the source's text where there is no translation yet."""
    value = value_of(type(record), lookup)
    lang = language()
    if value.is_translated and lang is not SOURCE_LANGUAGE:
        translated = value.in_language(lang).of(record)
        if translated:
            return translated, True
    return value.of(record) or "", False


def title_of(kind, record):
    """(the record's title as its search result names it, whether it is a translation):
    "Enterprises with blockchain as their main business", "Beijing", "4. New platform
    economy"."""
    shape = kind.search_shape
    named = shape.titled_by(record) if shape.titled_by else record
    text, translated = text_of(named, shape.title)
    prefix = shape.prefix(record) if shape.prefix else ""
    return f"{prefix}{text}", translated


def second_line(kind, record):
    """What a record without a figure says below its title: its value as search shows it
    (a region's combined share, a segment's stage), else its passage (a tendency's text)."""
    shape = kind.search_shape
    value = shape.value(record) if shape.value else ""
    if value:
        return capfirst(str(value))
    return capfirst(text_of(record, shape.passage)[0])


def translation_note():
    return gettext("The card’s words are this site’s translation; the source is in English.")


def record_card(kind, record, release=None, address=""):
    """A record's card, as of ``release`` (a Release, or its citation's ReleaseCited)."""
    credit = citation.credit_parts(record, release)
    figure = kind.figure(record)
    title, translated = title_of(kind, record)
    headline, caption = (figure, title) if figure else (title, second_line(kind, record))
    return Card(
        lang=html_lang(),
        kicker=str(kind.verbose_name),
        headline=headline,
        caption=caption,
        source=credit.source,
        as_of=credit.figures_as_of,
        site=credit.site,
        address=address,
        note=translation_note() if translated else "",
        is_figure=bool(figure),
    )


def record_rows(records):
    """A list's rows: each record's figure (if its kind has one) and title."""
    rows, translated = [], False
    for record in records[:LIST_ROWS]:
        kind = KIND_OF_MODEL[type(record)]
        title, is_translation = title_of(kind, record)
        translated |= is_translation
        rows.append(Row(kind.figure(record) or "", title))
    return rows, translated


def list_card(kicker, headline, records, credit, address="", caption=""):
    """The card of a page listing records (a table, the overview, a release): its title, a
    line about it, the first few records and the credit given (``credit_parts``)."""
    rows, translated = record_rows(list(records))
    return Card(
        lang=html_lang(),
        kicker=str(kicker),
        headline=str(headline),
        caption=caption,
        rows=rows,
        source=credit.source if credit else "",
        as_of=credit.figures_as_of if credit else "",
        site=credit.site if credit else "",
        address=address,
        note=translation_note() if translated else "",
        is_figure=False,
    )


#: The longest second line og:title takes after the headline, in characters.
TITLE_CAPTION_LENGTH = 90


def og_title(card):
    """The link preview's title: the figure and what it counts, then the caption; or the
    title with its caption where that is short (a region's kind, a table's count of records);
    or the title alone."""
    caption = card.caption
    if caption and (card.is_figure or len(caption) <= TITLE_CAPTION_LENGTH):
        return gettext("%(figure)s · %(label)s") % {"figure": card.headline, "label": caption}
    return card.headline


def og_description(record):
    """The source sentence (in English on every page), in quotation marks as the source's own
    words, shortened with an ellipsis where needed."""
    quote = Truncator(" ".join(record.source_quote.split())).chars(DESCRIPTION_LENGTH)
    return gettext("From the source: “%(quote)s”") % {"quote": quote}
