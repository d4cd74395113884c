"""A value as a reader would write it: "456 enterprises", "over 80%"."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from whitepaper.models.choices import Qualifier, Unit

#: The words shown before a value, e.g. "over 80%".
QUALIFIER_PREFIX = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: _("over"),
    Qualifier.AT_LEAST: _("at least"),
    Qualifier.ABOUT: _("about"),
    Qualifier.LESS_THAN: _("under"),
}


def format_number(value):
    """80.00 -> "80", 12.50 -> "12.5": the value as a reader would write it."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


def format_measure(value, unit, qualifier):
    """The value with its unit and qualifier, e.g. "over 80%" or "456 enterprises"."""
    number = format_number(value)
    amount = f"{number}%" if unit == Unit.PERCENT else f"{number} {Unit(unit).label}"
    prefix = QUALIFIER_PREFIX[Qualifier(qualifier)]
    return f"{prefix} {amount}" if prefix else amount
