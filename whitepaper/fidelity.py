"""Fidelity to the source: every record's quote is in its publication's source text; every
number, date and phrase a record gives as the source's is in its own quote; and who the
record says states it is someone the source lets it say (whitepaper.attribution).

Called from each record model's clean(), so the admin, the CSV import and load_whitepaper
(which calls full_clean) are all guarded. An editor who knows better (the source writes the
number in words, say) ticks a confirmation in the admin, which sets the transient instance
attribute CONFIRMED and requires a public note saying why.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from whitepaper.attribution import problems as attribution_problems
from whitepaper.formatting import format_number

#: Set on an instance (by the admin form) when the editor confirmed a mismatch on purpose.
CONFIRMED = "_confirm_mismatch"
#: Marks an omission in a quote: the parts around it must appear in order.
ELLIPSIS = "…"

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
WHITESPACE = re.compile(r"\s+")
MONTHS = "|".join(calendar.month_name[1:])
#: The ways an English source dates something: "the end of March 2018", "March 31, 2018",
#: "31 March 2018". A month's end is its last day; a date without a year dates nothing.
END_OF_MONTH = re.compile(rf"\bend\s+of\s+({MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(rf"\b({MONTHS})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)
#: Where a number is part of a date rather than a figure: the dates above, and a month with
#: its year ("March 2018") or its day ("May 20").
MONTH_YEAR = re.compile(rf"\b({MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b({MONTHS})\s+(\d{{1,2}})\b", re.IGNORECASE)
DATE_PATTERNS = (END_OF_MONTH, MONTH_DAY_YEAR, DAY_MONTH_YEAR, MONTH_YEAR, MONTH_DAY)

QUOTE_NOT_IN_SOURCE = _(
    "This quote does not appear verbatim in the publication’s source text (spacing aside; "
    "“…” marks an omission). Copy it from the source, or tick “confirm mismatch” and say why "
    "in the public note."
)
NUMBER_NOT_IN_QUOTE = _(
    "%(number)s does not appear as a number in this record’s source quote. Check the figure "
    "and the quote, or tick “confirm mismatch” and say why in the public note."
)

DATE_NOT_IN_QUOTE = _(
    "This record’s source quote does not give the date %(date)s. Leave “as of” empty where "
    "the quote gives no date, or tick “confirm mismatch” and say why in the public note."
)
NO_SOURCE_TEXT = _(
    "Its publication has no source text yet, so this record’s quote cannot be checked: paste "
    "the source text on the publication’s page first, or leave the record unpublished."
)
PUBLICATION_WITHOUT_SOURCE = _(
    "Paste the source text before publishing: the quotes of the publication and of its "
    "records are checked against it."
)
PLACE_NOT_IN_QUOTE = _(
    "These words do not appear verbatim in this record’s source quote. Copy the words that "
    "give this record’s figure from the quote, for example “456 enterprises”."
)
PLACE_WITHOUT_ONE_NUMBER = _(
    "Copy words of the source quote that contain one number, this record’s figure (for "
    "example “456 enterprises”); these contain %(count)s."
)
PLACE_IS_A_DATE = _(
    "In this record’s source quote, %(number)s is part of the date “%(date)s”, not a figure. "
    "Copy the words that give this record’s figure."
)
PLACE_OF_ANOTHER_RECORD = _(
    "In this record’s source quote, “%(words)s” gives the figure of another record, "
    "“%(other)s”. Copy the words that give this record’s own figure."
)
VALUE_NOT_AT_PLACE = _(
    "%(value)s is not this record’s figure: where it stands, the source quote says "
    "“%(words)s” (%(number)s). Check the figure, or tick “confirm mismatch” and say why in "
    "the public note."
)
VALUE_IS_A_DATE = _(
    "%(value)s is part of the date “%(date)s” in this record’s source quote, not a figure: "
    "where this record’s figure stands, the quote says “%(words)s” (%(number)s)."
)
WORDS_NOT_IN_QUOTE = _(
    "These words are given as the source’s but do not appear verbatim in this record’s "
    "source quote. Copy them from the quote, or tick “confirm mismatch” and say why in the "
    "public note."
)


def quote_parts(quote):
    """The parts of a quote that must appear in the source, in order."""
    return [part.strip() for part in quote.split(ELLIPSIS) if part.strip()]


def part_pattern(part):
    """A regex matching the part whatever the whitespace between its characters."""
    characters = WHITESPACE.sub("", part)
    return re.compile(r"\s*".join(re.escape(character) for character in characters))


def find_quote(source, quote):
    """The (start, end) spans in ``source`` of each part of ``quote``, in order, or None.

    Matching ignores whitespace; each part is looked for after the end of the previous one.
    """
    spans = []
    position = 0
    parts = quote_parts(quote)
    if not parts:
        return None
    for part in parts:
        match = part_pattern(part).search(source, position)
        if match is None:
            return None
        spans.append(match.span())
        position = match.end()
    return spans


def find_all(source, text):
    """Every (start, end) span where ``text`` occurs in ``source``, whitespace aside."""
    if not WHITESPACE.sub("", text):
        return []
    return [match.span() for match in part_pattern(text).finditer(source)]


def numbers_in(text):
    """The numbers written in a text, thousands separators allowed: {Decimal("456"), ...}."""
    numbers = set()
    for written in NUMBER.findall(text or ""):
        try:
            numbers.add(Decimal(written.replace(",", "")))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
    return numbers


def number_in_quote(number, quote):
    return number is not None and Decimal(number) in numbers_in(quote)


def month_number(name):
    return list(calendar.month_name).index(name.capitalize())


def dates_in(text):
    """The dates an English text gives: {date(2018, 3, 31), ...} for "by the end of March
    2018"."""
    dates = set()
    for month, year in END_OF_MONTH.findall(text or ""):
        month, year = month_number(month), int(year)
        dates.add(datetime.date(year, month, calendar.monthrange(year, month)[1]))
    for month, day, year in MONTH_DAY_YEAR.findall(text or ""):
        dates.add(valid_date(int(year), month_number(month), int(day)))
    for day, month, year in DAY_MONTH_YEAR.findall(text or ""):
        dates.add(valid_date(int(year), month_number(month), int(day)))
    return dates - {None}


def valid_date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def date_spans(text):
    """The (start, end, words) of every date an English text writes."""
    return sorted(
        {
            (match.start(), match.end(), match.group(0))
            for pattern in DATE_PATTERNS
            for match in pattern.finditer(text or "")
        }
    )


def date_around(text, start, end):
    """The words of the date the span is part of, or None."""
    return next((words for a, b, words in date_spans(text) if a <= start and end <= b), None)


def number_spans(text):
    """(start, end, Decimal) of every number written in a text."""
    return [
        (match.start(), match.end(), Decimal(match.group(0).replace(",", "")))
        for match in NUMBER.finditer(text or "")
    ]


@dataclass(frozen=True)
class Place:
    """Where a figure stands in its quote: the words an editor copied ("456 enterprises")
    and the one number in them, by its position in the quote."""

    words: str
    start: int
    end: int
    number: Decimal


def place_in(quote, words):
    """The figure's place in the quote, or a message saying why the words give none."""
    found = find_all(quote, words)
    if not found:
        return PLACE_NOT_IN_QUOTE
    start, end = found[0]
    numbers = [span for span in number_spans(quote) if start <= span[0] and span[1] <= end]
    if len(numbers) != 1:
        return PLACE_WITHOUT_ONE_NUMBER % {"count": len(numbers)}
    number_start, number_end, number = numbers[0]
    date = date_around(quote, number_start, number_end)
    if date:
        return PLACE_IS_A_DATE % {"number": format_number(number), "date": date}
    return Place(words.strip(), number_start, number_end, number)


def others_at(record, place, field, words_field):
    """Another record of the kind, quoting the same sentence of the same publication (as
    stored: records of one sentence share its quote), whose figure stands at the same place;
    None if there is none."""
    if not getattr(record, "publication_id", None):
        return None
    others = (
        type(record)
        ._default_manager.filter(
            publication_id=record.publication_id, source_quote=record.source_quote
        )
        .exclude(pk=record.pk)
    )
    for other in others:
        theirs = place_in(other.source_quote, getattr(other, words_field) or "")
        if isinstance(theirs, Place) and theirs.start == place.start:
            return other
    return None


def place_problems(record):
    """{field: message}: each figure must be the number at its place in the quote (the
    words its FIGURE_PLACES field copies), and no other record's figure may stand there."""
    errors = {}
    quote = getattr(record, "source_quote", "") or ""
    for field, words_field in getattr(record, "FIGURE_PLACES", {}).items():
        value = getattr(record, field)
        words = getattr(record, words_field) or ""
        if value is None or not words.strip() or not is_valid(record, field, value):
            continue
        place = place_in(quote, words)
        if not isinstance(place, Place):
            errors[words_field] = place
            continue
        other = others_at(record, place, field, words_field)
        if other is not None:
            errors[words_field] = PLACE_OF_ANOTHER_RECORD % {
                "words": place.words,
                "other": str(other),
            }
        if Decimal(value) == place.number:
            continue
        shown = {
            "value": format_number(value),
            "words": place.words,
            "number": format_number(place.number),
        }
        if not number_in_quote(value, quote):
            errors[field] = NUMBER_NOT_IN_QUOTE % {"number": format_number(value)}
        elif date := next(
            (
                date_around(quote, start, end)
                for start, end, number in number_spans(quote)
                if number == Decimal(value) and date_around(quote, start, end)
            ),
            None,
        ):
            errors[field] = VALUE_IS_A_DATE % {**shown, "date": date}
        else:
            errors[field] = VALUE_NOT_AT_PLACE % shown
    return errors


def source_text_of(record):
    """The source text a record's quote must be in: its publication's (or its own)."""
    if hasattr(record, "source_text"):
        return record.source_text
    if not getattr(record, "publication_id", None):
        return ""
    return record.publication.source_text


def mismatches(record):
    """{field: message} for what the record states that its sources do not show."""
    errors = {}
    quote = getattr(record, "source_quote", "") or ""
    source = source_text_of(record)
    if quote and source and find_quote(source, quote) is None:
        errors["source_quote"] = QUOTE_NOT_IN_SOURCE
    errors.update(place_problems(record))
    for field in getattr(record, "NUMBERS_IN_QUOTE", ()):
        number = getattr(record, field)
        if field in errors:
            continue
        if number is None or not is_valid(record, field, number):
            continue
        if not number_in_quote(number, quote):
            errors[field] = NUMBER_NOT_IN_QUOTE % {"number": format_number(number)}
    as_of = getattr(record, "as_of", None)
    if isinstance(as_of, datetime.date) and as_of not in dates_in(quote):
        errors["as_of"] = DATE_NOT_IN_QUOTE % {"date": as_of.isoformat()}
    for field in getattr(record, "WORDS_FROM_QUOTE", ()):
        words = getattr(record, field)
        if words and find_quote(quote, words) is None:
            errors[field] = WORDS_NOT_IN_QUOTE
    errors.update(attribution_problems(record))
    return errors


def unverifiable(record):
    """{field: message} for a published record whose quote cannot be checked because there
    is no source text to check it against: its publication's (or, for a publication, its
    own). No confirmation lets such a record be published."""
    if not getattr(record, "is_published", False):
        return {}
    if hasattr(record, "source_text"):
        return {} if record.source_text.strip() else {"source_text": PUBLICATION_WITHOUT_SOURCE}
    if getattr(record, "publication_id", None) and not record.publication.source_text.strip():
        return {"is_published": NO_SOURCE_TEXT}
    return {}


QUOTES_NOT_IN_NEW_TEXT = _(
    "The quotes of these records are not in this text: %(records)s. Correct their quotes "
    "first, or keep the text as it was."
)


def quotes_left_out(publication, records_of):
    """{field: message} when a publication's source text is changed so that the quotes of
    some of its records are no longer in it. ``records_of`` gives the publication's records
    of every kind (read only when the text changed)."""
    text = publication.source_text
    if not publication.pk or not text.strip():
        return {}
    stored = type(publication)._default_manager.filter(pk=publication.pk)
    if stored.filter(source_text=text).exists():
        return {}
    missing = [
        str(record)
        for record in records_of(publication)
        if record.source_quote and find_quote(text, record.source_quote) is None
    ]
    if not missing:
        return {}
    return {"source_text": QUOTES_NOT_IN_NEW_TEXT % {"records": "; ".join(missing[:10])}}


def is_valid(record, field, value):
    """Whether the value passes its field's own validation (an invalid number, say a
    negative count, gets that message alone)."""
    try:
        record._meta.get_field(field).clean(value, record)
    except ValidationError:
        return False
    return True


def refuse_mismatches(record):
    """Raise a ValidationError naming each mismatched field, unless the editor confirmed;
    and, confirmed or not, naming a published record with no source text to check."""
    errors = {} if getattr(record, CONFIRMED, False) else mismatches(record)
    errors.update(unverifiable(record))
    if errors:
        raise ValidationError(errors)
