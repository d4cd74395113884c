"""A search result as a reader sees it: the record's title and value in the page's language,
a short passage where the query's words occur, the words marked, and the record's link.

Every text is escaped before the matched words are wrapped in <mark>, so a record holding
markup shows it as text.
"""

from dataclasses import dataclass, replace

from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

from reports.records.bilingual import text_html, translation_label_html
from reports.records.kinds import KINDS, SearchShape
from whitepaper.search.documents import PARAGRAPH, PUBLICATION
from whitepaper.search.words import match_spans
from whitepaper.translation import LANGUAGE_LIST, SOURCE_LANGUAGE, Text, html_lang, language, twin

#: Group headings on the search page, by kind.
KIND_LABELS = {
    **{kind.model.KIND: kind.search_label for kind in KINDS},
    PUBLICATION: gettext_lazy("Publications"),
    PARAGRAPH: gettext_lazy("Source text"),
}
SNIPPET_LENGTH = 220
SNIPPET_BEFORE = 60


def highlight(text, spans):
    """The text, escaped, with each span (whitepaper.search.words.match_spans) in <mark>."""
    parts = []
    last = 0
    for start, end in spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def shown_html(shown, spans, language, label_translation=False):
    """A Text as HTML in a page of the language (reports.records.bilingual), its spans marked. A
    passage in the site's translation (a tendency's Chinese text, say) is labelled as such;
    a title is the site's own name for the record in either language."""
    html = text_html(replace(shown, text=highlight(shown.text, spans)), html_lang(language))
    if label_translation and shown.is_translation:
        html += translation_label_html()
    return html


def excerpt(text, spans):
    """About SNIPPET_LENGTH characters of the text around its first match, and the spans
    that fall within it, moved to their places in it."""
    if len(text) <= SNIPPET_LENGTH:
        return text, spans
    start = max(0, spans[0][0] - SNIPPET_BEFORE) if spans else 0
    if start:
        space = text.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        end = space if space > start else end
    lead = "…" if start else ""
    shift = len(lead) - start
    kept = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return lead + text[start:end] + ("…" if end < len(text) else ""), kept


def english(text):
    return Text(text, SOURCE_LANGUAGE.tag, is_translation=False, is_fallback=False)


def other_languages(record, field, code):
    """The field in each language the page is not in, a translation marked as such."""
    page = language(code)
    return [
        Text(
            getattr(record, twin(field, lang)),
            lang.tag,
            is_translation=lang is not SOURCE_LANGUAGE,
            is_fallback=False,
        )
        for lang in LANGUAGE_LIST
        if lang is not page
    ]


@dataclass
class Result:
    kind: str
    title: str
    title_html: str
    value: str
    snippet: str
    snippet_html: str
    #: The snippet is this site's translation (of the source's English or its own wording).
    snippet_is_translation: bool
    url: str
    score: float


#: How each kind shows as a result: the kinds of records as they say, and the publication.
SHAPES = {
    **{kind.model.KIND: kind.search_shape for kind in KINDS},
    PUBLICATION: SearchShape(
        "title", "summary", value=lambda r: formats.date_format(r.release_date, "DATE_FORMAT")
    ),
}


def describe(record, kind, language):
    """(title Text, title prefix, value, passages to quote from) of a record of a kind: the
    passage in the page's language, the source quote, then the other language's texts."""
    if kind == PARAGRAPH:
        number = gettext("paragraph %(number)s of its source text") % {"number": record.number}
        return record.publication.text_in("title", language), "", number, [english(record.text)]
    shape = SHAPES[kind]
    titled = shape.titled_by(record) if shape.titled_by else record
    texts = [
        record.text_in(shape.passage, language),
        english(record.source_quote),
        *other_languages(titled, shape.title, language),
        *other_languages(record, shape.passage, language),
    ]
    return (
        titled.text_in(shape.title, language),
        shape.prefix(record) if shape.prefix else "",
        shape.value(record) if shape.value else "",
        texts,
    )


def passage(texts, groups):
    """(Text, spans) of the first passage where the query's words occur, else of the first
    passage there is, else (None, [])."""
    texts = [text for text in texts if text.text]
    for text in texts:
        spans = match_spans(text.text, groups)
        if spans:
            cut, spans = excerpt(text.text, spans)
            return replace(text, text=cut), spans
    if texts:
        return replace(texts[0], text=excerpt(texts[0].text, [])[0]), []
    return None, []


def result(hit, record, groups, language):
    """A hit and its record as a reader sees it on a page of the language."""
    title, prefix, value, texts = describe(record, hit.kind, language)
    title_spans = match_spans(title.text, groups)
    found, spans = passage(texts, groups)
    return Result(
        kind=hit.kind,
        title=prefix + title.text,
        title_html=format_html("{}{}", prefix, shown_html(title, title_spans, language)),
        value=str(value),
        snippet=found.text if found else "",
        snippet_html=shown_html(found, spans, language, label_translation=True) if found else "",
        snippet_is_translation=bool(found and found.is_translation),
        url=record.get_absolute_url(),
        score=hit.score,
    )


@dataclass
class Group:
    kind: str
    label: str
    results: list


def grouped(results):
    """The results of a page by kind, the kind of the best result first."""
    groups = {}
    for item in results:
        groups.setdefault(item.kind, Group(item.kind, KIND_LABELS[item.kind], [])).results.append(
            item
        )
    return list(groups.values())
