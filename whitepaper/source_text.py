"""A source text's paragraphs and the web page lines in it, numbered once: the source reader
gives paragraph n the anchor "p-n" (reports.records.source_text), and a paragraph found by the
site search opens the reader there (whitepaper.search.documents)."""

import re
from functools import lru_cache

from whitepaper.fidelity import find_all

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_spans(text):
    """The (start, end) of each paragraph: text between blank lines, without the spacing
    around it."""
    spans = []
    start = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            offset = start + (len(chunk) - len(chunk.lstrip()))
            spans.append((offset, offset + len(stripped)))
        if match:
            start = match.end()
    return spans


def page_line_spans(text, page_lines):
    """Where each line of ``page_lines`` (one a line) occurs in the text."""
    spans = []
    for line in page_lines.splitlines():
        if line.strip():
            spans.extend(find_all(text, line.strip()))
    return spans


@lru_cache(maxsize=64)
def article_paragraphs(text, page_lines=""):
    """(number, text) of each paragraph that is not wholly web page lines (a menu, a button):
    the report's own paragraphs, a link run into one included, numbered as the reader numbers
    every paragraph. Kept per text: search results show paragraphs page after page."""
    lines = sorted(page_line_spans(text, page_lines))
    return tuple(
        (number, text[start:end])
        for number, (start, end) in enumerate(paragraph_spans(text), start=1)
        if uncovered(text, start, end, lines).strip()
    )


def uncovered(text, start, end, spans):
    """The text of [start, end) that none of the spans (in order) covers."""
    kept = []
    for span_start, span_end in spans:
        if span_start > start:
            kept.append(text[start : min(span_start, end)])
        start = max(start, span_end)
    return "".join(kept) + text[start:end]
