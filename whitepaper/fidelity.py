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
    for field in getattr(record, "NUMBERS_IN_QUOTE", ()):
        number = getattr(record, field)
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


def is_valid(record, field, value):
    """Whether the value passes its field's own validation (an invalid number, say a
    negative count, gets that message alone)."""
    try:
        record._meta.get_field(field).clean(value, record)
    except ValidationError:
        return False
    return True


def refuse_mismatches(record):
    """Raise a ValidationError naming each mismatched field, unless the editor confirmed."""
    if getattr(record, CONFIRMED, False):
        return
    errors = mismatches(record)
    if errors:
        raise ValidationError(errors)
