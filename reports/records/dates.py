"""How the site says a record's date: a month's end, which is how the source dates its figures
("by the end of March 2018"), as "end of March 2018"; any other day as a date."""

import calendar

from django.utils.formats import date_format
from django.utils.translation import gettext


def is_month_end(day):
    return day.day == calendar.monthrange(day.year, day.month)[1]


def as_of_text(day):
    """A month's last day as "end of" that month (the month and year as the language writes
    them); any other day as the language's date; in the page's language."""
    if is_month_end(day):
        return gettext("end of %(month)s") % {"month": date_format(day, "YEAR_MONTH_FORMAT")}
    return date_format(day, "DATE_FORMAT")
