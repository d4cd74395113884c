"""A value as a reader would write it, in the language of the page: "456 enterprises",
"over 80%", "456家企业", "超过80%"."""

from decimal import Decimal

from django.utils.translation import gettext, ngettext

from whitepaper.models.choices import Qualifier, Unit


def format_number(value):
    """80.00 -> "80", 12.50 -> "12.5": the value as a reader would write it."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


def format_amount(number, unit):
    """The number with its unit: "456 enterprises", "80%" (in the active language)."""
    count = 1 if number == "1" else 2
    if unit == Unit.ENTERPRISES:
        text = ngettext("%(number)s enterprise", "%(number)s enterprises", count)
    elif unit == Unit.STARTUPS:
        text = ngettext("%(number)s startup", "%(number)s startups", count)
    else:
        text = gettext("%(number)s%%")
    return text % {"number": number}


def format_measure(value, unit, qualifier):
    """The value with its unit and qualifier, e.g. "over 80%" or "456 enterprises"."""
    amount = format_amount(format_number(value), unit)
    qualifier = Qualifier(qualifier)
    if qualifier == Qualifier.MORE_THAN:
        return gettext("over %(amount)s") % {"amount": amount}
    if qualifier == Qualifier.AT_LEAST:
        return gettext("at least %(amount)s") % {"amount": amount}
    if qualifier == Qualifier.ABOUT:
        return gettext("about %(amount)s") % {"amount": amount}
    if qualifier == Qualifier.LESS_THAN:
        return gettext("under %(amount)s") % {"amount": amount}
    return amount
