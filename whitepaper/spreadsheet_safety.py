"""Spreadsheet safety for every export path: the public CSVs, the dataset package, the admin.

A text cell that starts with one of FORMULA_TRIGGERS runs as a formula when opened in Excel,
LibreOffice or Google Sheets. Such text is prefixed with an apostrophe: by ``neutralise`` for a
value in Python, by ``neutralised`` for a column the database reads (the streamed downloads,
where a million rows would otherwise each take a Python call per text cell). Numbers,
including negative numbers, are never changed.
"""

from django.db.models import Case, TextField, Value, When
from django.db.models.functions import Concat, Left
from django.db.models.lookups import In

FORMULA_TRIGGERS = frozenset(("=", "+", "-", "@", "\t", "\r", "\n", "\0"))


def neutralise(value):
    if isinstance(value, str) and value[:1] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def neutralised(text, vendor):
    """The text expression as ``neutralise`` gives its value, computed by the database.
    (PostgreSQL's text cannot hold NUL, nor can a query's parameter.)"""
    triggers = sorted(FORMULA_TRIGGERS - ({"\0"} if vendor == "postgresql" else set()))
    return Case(
        When(In(Left(text, 1), triggers), then=Concat(Value("'"), text)),
        default=text,
        output_field=TextField(),
    )
