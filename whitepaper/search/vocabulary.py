"""The words readers search with, read from the site's glossary (docs/glossary.md): the words
of the source with their Chinese, and the words readers type for them.

Each row of those two tables is a set of forms that find the same records, in either
language: its English cell and its Chinese cell, each a list separated by commas ("/" pairs
the parts of the two cells in order: upstream / downstream, 上游 / 下游). What is in brackets
is a note, not a form. The Chinese forms are also words the segmenter must know
(whitepaper.search.words), so that 区块链 is one word wherever it is written.
"""

import re
from functools import cache
from itertools import chain

from django.conf import settings

GLOSSARY = settings.BASE_DIR / "docs" / "glossary.md"
SECTIONS = ("## Words of the source", "## Words readers search with")
NOTE = re.compile(r"\([^)]*\)|（[^）]*）")
CHINESE = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")


def table_rows(text):
    """The cells of the body rows of the tables under SECTIONS: the rows after a table's
    header and divider."""
    rows, in_section, row_number = [], False, 0
    for line in text.splitlines():
        if line.startswith("#"):
            in_section = line.strip() in SECTIONS
        row_number = row_number + 1 if line.startswith("|") else 0
        if in_section and row_number > 2:
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def parts(cell):
    """A cell's parts ("/"), each a list of its forms (","); notes in brackets left out."""
    cell = NOTE.sub("", cell)
    return [
        [form.strip() for form in re.split("[,、，]", part) if form.strip()]
        for part in cell.split("/")
    ]


@cache
def synonym_rows():
    """Every set of forms that search as one, as tuples of the forms as written."""
    rows = []
    for english, chinese, *_ in table_rows(GLOSSARY.read_text(encoding="utf-8")):
        english, chinese = parts(english), parts(chinese)
        if len(english) != len(chinese):
            english, chinese = [list(chain(*english))], [list(chain(*chinese))]
        rows.extend(tuple(a + b) for a, b in zip(english, chinese, strict=True))
    return rows


def chinese_words():
    """The glossary's Chinese words, for the segmenter's dictionary."""
    return sorted({form for row in synonym_rows() for form in row if CHINESE.match(form)})
