"""Spreadsheet safety for every export path: the public CSVs, the dataset package, the admin.

A text cell that starts with one of FORMULA_TRIGGERS runs as a formula when opened in Excel,
LibreOffice or Google Sheets. ``neutralise`` prefixes such text with an apostrophe; numbers,
including negative numbers, are never changed.
"""

FORMULA_TRIGGERS = frozenset(("=", "+", "-", "@", "\t", "\r", "\n", "\0"))


def neutralise(value):
    if isinstance(value, str) and value[:1] in FORMULA_TRIGGERS:
        return "'" + value
    return value
