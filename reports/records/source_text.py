"""The source text as a reader sees it: its paragraphs, the passages that records quote, and
the lines of the captured web page that are not the report's own text.

The text is never changed: it is cut into pieces at paragraph breaks and at the edges of
every quoted passage and every web page line, and each piece knows which records quote it
(several records may quote one sentence, and quotes may overlap) and whether it is web page
text. Quotes are found as whitepaper.fidelity finds them (whitespace aside, "…" separating
parts), so what the fidelity guard accepts is what the reader marks.
"""

from dataclasses import dataclass
from itertools import pairwise

from whitepaper.fidelity import find_quote
from whitepaper.source_text import page_line_spans, paragraph_spans


@dataclass(frozen=True)
class Piece:
    """A stretch of text and the records whose quotes cover all of it (none: unquoted)."""

    text: str
    quoted_by: tuple


@dataclass(frozen=True)
class Run:
    """Consecutive pieces that are all web page text, or all the report's text."""

    is_page_line: bool
    pieces: tuple


@dataclass(frozen=True)
class Paragraph:
    number: int  # from 1, in the order of the text: the reader's anchor is "p-<number>"
    runs: tuple

    @property
    def anchor(self):
        return f"p-{self.number}"

    @property
    def text(self):
        return "".join(piece.text for run in self.runs for piece in run.pieces)

    @property
    def is_page_line(self):
        return all(run.is_page_line for run in self.runs)

    @property
    def is_quoted(self):
        return any(piece.quoted_by for run in self.runs for piece in run.pieces)


@dataclass(frozen=True)
class Reading:
    paragraphs: tuple
    #: Records whose quotes were not found in the text (shown apart, never marked).
    unfound: tuple


def quote_spans(text, quoted):
    """(start, end, record) for each part of each record's quote found in the text, and the
    records whose quotes were not found. ``quoted`` is [(quote, record), ...]."""
    spans, unfound = [], []
    for quote, record in quoted:
        found = find_quote(text, quote) if quote else None
        if found is None:
            unfound.append(record)
            continue
        spans.extend((start, end, record) for start, end in found)
    return spans, unfound


def covering(spans, start, end):
    """The records of the spans that cover [start, end), each once, in their order."""
    records = []
    for span_start, span_end, record in spans:
        if span_start <= start and end <= span_end and not any(record is r for r in records):
            records.append(record)
    return tuple(records)


def grouped(items, key):
    """Consecutive items with the same key: [(key, [item, ...]), ...]."""
    groups = []
    for item in items:
        if groups and groups[-1][0] == key(item):
            groups[-1][1].append(item)
        else:
            groups.append((key(item), [item]))
    return groups


def paragraph(number, text, start, end, quotes, page_lines):
    cuts = {start, end}
    for span_start, span_end, *_record in [*quotes, *((s, e) for s, e in page_lines)]:
        cuts.update(cut for cut in (span_start, span_end) if start < cut < end)
    edges = sorted(cuts)
    stretches = [
        (
            a,
            b,
            covering(quotes, a, b),
            any(s <= a and b <= e for s, e in page_lines),
        )
        for a, b in pairwise(edges)
    ]
    runs = []
    for is_page_line, in_run in grouped(stretches, key=lambda stretch: stretch[3]):
        pieces = tuple(
            Piece(text[group[0][0] : group[-1][1]], quoted_by)
            for quoted_by, group in grouped(in_run, key=lambda stretch: stretch[2])
        )
        runs.append(Run(is_page_line, pieces))
    return Paragraph(number, tuple(runs))


def read(text, quoted=(), page_lines=""):
    """The text cut into paragraphs, each into runs and pieces (see the module docstring).

    ``quoted``: [(quote, record), ...] in the order the records should be listed.
    ``page_lines``: the publication's web page lines, one a line.
    """
    quotes, unfound = quote_spans(text, quoted)
    lines = page_line_spans(text, page_lines)
    paragraphs = tuple(
        paragraph(number, text, start, end, quotes, lines)
        for number, (start, end) in enumerate(paragraph_spans(text), start=1)
    )
    return Reading(paragraphs, tuple(unfound))


def passages(text, quote, page_lines=""):
    """The paragraphs that hold a quote, with the quote (only) marked: its context on a
    record's page. Empty if the quote is not in the text."""
    marker = object()
    reading = read(text, [(quote, marker)], page_lines)
    return [paragraph for paragraph in reading.paragraphs if paragraph.is_quoted]
