"""A value as a reader would write it, in the language of the page: "456 enterprises",
"over 80%", "456家企业", "超过80%"."""

from decimal import Decimal
from functools import lru_cache

from django.utils.translation import get_language, gettext, ngettext, override

from whitepaper.choices import Qualifier, Unit
from whitepaper.translation import SOURCE_LANGUAGE


def format_number(value):
    """80.00 -> "80", 12.50 -> "12.5": the value as a reader would write it."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


@lru_cache(maxsize=8)
def measure_patterns(language):
    """The translated patterns of a language, looked up once: (unit, is_one) -> "%(number)s
    enterprises"; qualifier -> "over %(amount)s". Pages format many values; translating the
    same few patterns for each would cost more than the formatting."""
    with override(language):
        units = {}
        for count, is_one in ((1, True), (2, False)):
            units[Unit.ENTERPRISES, is_one] = ngettext(
                "%(number)s enterprise", "%(number)s enterprises", count
            )
            units[Unit.STARTUPS, is_one] = ngettext(
                "%(number)s startup", "%(number)s startups", count
            )
            units[Unit.PERCENT, is_one] = gettext("%(number)s%%")
        qualifiers = {
            Qualifier.EXACT: "%(amount)s",
            Qualifier.MORE_THAN: gettext("over %(amount)s"),
            Qualifier.AT_LEAST: gettext("at least %(amount)s"),
            Qualifier.ABOUT: gettext("about %(amount)s"),
            Qualifier.LESS_THAN: gettext("under %(amount)s"),
        }
    return units, qualifiers


def format_measure(value, unit, qualifier, language=None):
    """The value with its unit and qualifier, e.g. "over 80%" or "456 enterprises", in the
    given (or the active) language."""
    units, qualifiers = measure_patterns(language or get_language() or SOURCE_LANGUAGE.code)
    number = format_number(value)
    amount = units[unit, number == "1"] % {"number": number}
    return qualifiers[qualifier] % {"amount": amount}
