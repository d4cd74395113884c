"""The query parameters of the lists, derived from the public tables: the same filters
(reports.tables.filters) and sort orders (reports.tables.tables) under the same names, plus ``limit`` and
the cursor ``after``.

Each is a pydantic model that ninja reads from the query string and describes in the OpenAPI
description, with the choices each filter offers on its table page.
"""

from typing import Literal

import django_filters
from pydantic import BaseModel, ConfigDict, Field, create_model

from reports.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from reports.api.schemas import choices_text, english
from reports.tables.pagination import MAX_SEEK_KEY_LENGTH

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
CURSOR_PATTERN = r"^[-A-Za-z0-9_]+$"


class Parameters(BaseModel):
    """Query parameters. Each is optional, and none is ever null: a parameter a client does
    not send keeps its default (so the description has no null a query string cannot say)."""

    model_config = ConfigDict(extra="ignore")


def filter_parameter(name, filter_):
    """A table's filter as an optional query parameter of the same name."""
    label = english(filter_.label)
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        return str, Field(
            None,
            pattern=SLUG_PATTERN,
            max_length=100,
            description=f"{label}: its slug. Lists the records of that publication only "
            "(nothing for a publication that is not published, as on the table page).",
        )
    if isinstance(filter_, django_filters.ChoiceFilter) and callable(filter_.extra["choices"]):
        # Choices read from the records (a segment's stage): a code, whichever the records have.
        return str, Field(
            None,
            pattern=SLUG_PATTERN,
            max_length=30,
            description=f"{label}: a code the published records have, as the table page's menu "
            "lists them (a code no record has is refused).",
        )
    if isinstance(filter_, django_filters.ChoiceFilter):
        choices = filter_.extra["choices"]
        return Literal[tuple(value for value, _ in choices)], Field(
            None, description=f"{label}. {choices_text(choices)}."
        )
    return str, Field(
        None,
        max_length=filter_.extra.get("max_length"),
        description=f"{label}: records whose text contains this, in English or Chinese "
        "(as the table page's search box).",
    )


def sort_names(table):
    """The columns a table page sorts by, as its ?sort= takes them."""
    shown = table.table_class(table.model.objects.none())
    return [column.name for column in shown.columns if column.orderable]


def paging_fields(sorts):
    fields = {
        "limit": (
            int,
            Field(
                DEFAULT_LIMIT,
                ge=1,
                le=MAX_LIMIT,
                description=f"How many records a page holds, at most {MAX_LIMIT}.",
            ),
        ),
        "after": (
            str,
            Field(
                None,
                pattern=CURSOR_PATTERN,
                max_length=MAX_SEEK_KEY_LENGTH,
                description="The cursor of the next page: take it from the previous page's "
                "`next` or Link header, with the same filters and sort.",
            ),
        ),
    }
    if sorts:
        values = tuple(value for name in sorts for value in (name, f"-{name}"))
        fields["sort"] = (
            Literal[values],
            Field(
                None,
                description="The column to sort by, as on the table page; a leading `-` "
                "sorts descending. Without it, the table's default order.",
            ),
        )
    return fields


def list_parameters(name, table=None, publication_filter=None):
    """The query parameters of a list: a table's filters and sorts, or (a kind without a
    table) only the publication."""
    fields = {}
    if table is not None:
        for filter_name, filter_ in table.filterset_class.base_filters.items():
            fields[filter_name] = filter_parameter(filter_name, filter_)
    elif publication_filter is not None:
        fields["publication"] = filter_parameter("publication", publication_filter)
    sorts = sort_names(table) if table is not None else ()
    fields.update(paging_fields(sorts))
    return create_model(f"{name}Parameters", __base__=Parameters, **fields)
