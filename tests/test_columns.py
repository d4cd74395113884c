"""The tables' cell renderers (reports.tables.columns): made once per page, each cell plain text."""

import pytest
from django.utils import translation
from django.utils.functional import Promise

from reports.tables.catalogue import TABLES
from whitepaper.models import html_lang

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("entry", TABLES, ids=lambda entry: entry.slug)
def test_every_cell_is_text_not_a_lazy_translation(whitepaper, entry, language):
    """A lazy translation in a cell would be translated again each time the row is put
    together (three times a row for a table's choice columns): a renderer translates its
    labels once, for the page."""
    with translation.override(language):
        table = entry.table_class(entry.queryset())
        records = list(entry.queryset())
        assert records
        for column in table.columns:
            render = column.column.renderer(html_lang(language))
            for record in records:
                cell = render(record)
                assert isinstance(cell, str) and not isinstance(cell, Promise), column.name
