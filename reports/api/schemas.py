"""The shapes of the API's answers, for its OpenAPI description, derived from the models.

Each kind of record's schema is made from its public fields (whitepaper.public: one field per
text, the translated ones as an object with a text per language), each described by the
field's own verbose name and help text, the words the record pages and the admin use. Nothing
here lists the kinds or a model's fields by hand: a field added to a model's PUBLIC_FIELDS
appears in the description and in the answers (reports.api.representation) together.

The views build their answers themselves (reports.api.representation) and return them as
they are; Schemathesis checks the answers against these schemas (tests/test_api_schemathesis.py).
"""

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from whitepaper.models import HTML_LANG, Correction, Publication, PublicationRecord, StatedBy
from whitepaper.public import fields_of
from whitepaper.translation import SITE_TRANSLATION_TAGS, in_source_language

LANGUAGE_TAGS = tuple(HTML_LANG.values())


def english(text):
    """A lazily translated label in English, the language of the description."""
    with in_source_language():
        return str(text)


def choices_text(choices):
    return "; ".join(f"`{value}`: {english(label)}" for value, label in choices)


def describe(field):
    """A model field in the words of its pages: its verbose name, and its help text."""
    text = english(field.verbose_name).capitalize()
    if field.help_text:
        text += f". {english(field.help_text)}"
    if field.choices:
        text += f" One of: {choices_text(field.choices)}."
    return text


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def by_language(name, annotation, what):
    """An object with one member per language of the site, keyed by its BCP 47 tag."""
    members = {tag: (annotation, Field(description=f"{what} ({tag}).")) for tag in LANGUAGE_TAGS}
    return create_model(name, __base__=Strict, **members)


TranslatedText = create_model(
    "TranslatedText",
    __base__=by_language("Texts", str | None, "The text in this language, or null if none yet"),
    site_translation=(
        list[Literal[SITE_TRANSLATION_TAGS]],
        Field(
            description="The languages in which the text is this site's own translation "
            "(the source is in English)."
        ),
    ),
    __doc__="A text in every language of the site. The source is in English: the other "
    "languages are this site's translation, listed in `site_translation`.",
)
PageURLs = by_language("PageURLs", str, "The page in this language")


#: The Python type of each type of value (whitepaper.public), for the schemas.
PYTHON_TYPES = {
    "number": float,
    "integer": int,
    "datetime": datetime.datetime,
    "date": datetime.date,
    "boolean": bool,
    "string": str,
}


def annotation_of(public_field):
    """The JSON type of a public field's value (reports.api.representation)."""
    field = public_field.field
    if public_field.is_translated:
        kind = TranslatedText
    elif field.choices:
        kind = Literal[tuple(value for value, _label in field.choices)]
    else:
        kind = PYTHON_TYPES[public_field.values[0].type]
    return kind | None if field.null else kind


class StatedByModel(Strict):
    """Whose statement the record is, as the source text attributes it."""

    code: Literal[tuple(StatedBy.values)] = Field(description=choices_text(StatedBy.choices))
    quoted_person: str | None = Field(
        description="The person the report quotes, as the source names them (when the "
        "record is theirs)."
    )
    quoted_person_role: TranslatedText | None = Field(
        description="What the source calls the person quoted."
    )
    author: str = Field(
        description="Whom a citation of the record names as its author, as the site's "
        "citations do: the white paper's publisher, the source article (or the site that "
        "published it), the person quoted, or the web page around the article."
    )
    via: str = Field(
        description="How the statement reaches the reader, as the citations say it: "
        "`as reported in` (the white paper's statements, and a person's view the article "
        "reports: never a quote), `in` (the article's own words) or `on the web page of` the "
        "article."
    )


def fields_schema(name, model, doc=""):
    """A schema with the model's public fields, one per text."""
    fields = {}
    for public_field in fields_of(model):
        field = public_field.field
        if field.name == "stated_by":
            fields[field.name] = (
                StatedByModel | None,
                Field(description=f"{describe(field)} Null when not recorded."),
            )
        elif public_field.is_relation:
            nested = fields_schema(
                f"{name}{field.related_model.__name__}",
                field.related_model,
                doc=english(field.related_model._meta.verbose_name).capitalize(),
            )
            fields[field.name] = (
                nested | None if field.null else nested,
                Field(description=describe(field)),
            )
        else:
            fields[field.name] = (annotation_of(public_field), Field(description=describe(field)))
    if hasattr(model, "display_value"):
        fields["display_value"] = (
            TranslatedText,
            Field(description="The value with its unit and qualifier, as a reader writes it."),
        )
    if issubclass(model, PublicationRecord):
        fields["url"] = (PageURLs, Field(description="The record's own page."))
    return create_model(name, __base__=Strict, __doc__=doc, **fields)


class PublicationRef(Strict):
    """The publication a record belongs to."""

    slug: str = Field(description=describe(Publication._meta.get_field("slug")))
    title: TranslatedText = Field(description=describe(Publication._meta.get_field("title")))
    url: PageURLs = Field(description="The publication's page.")
    api_url: str = Field(description="The publication in this API.")


class Dates(Strict):
    """The record's dates, ISO 8601."""

    data_as_of: datetime.date | None = Field(
        description="The date the record describes, only where its own source sentence gives "
        "one; null otherwise."
    )
    published: datetime.date = Field(description="The publication's release date.")
    last_edited: datetime.datetime = Field(description="When the record was last edited here.")


class Change(Strict):
    """A change to a published record after its first publication (the corrections log)."""

    id: str = Field(description="The change's stable identifier (a UUID).")
    changed_at: datetime.datetime = Field(description="When the change was saved.")
    kind: Literal[tuple(Correction.Kind.values)] = Field(
        description=choices_text(Correction.Kind.choices)
    )
    field: str = Field(description="The field that changed (empty for a withdrawal).")
    old_value: str = Field(description="The field's value before, as text.")
    new_value: str = Field(description="The field's value after, as text.")
    note: str = Field(description="The editors' public note.")
    is_minor: bool = Field(description="A minor change (a typo or formatting fix).")


class LoggedChange(Change):
    """An entry of the corrections log, with the record it is about."""

    record_kind: str = Field(description="The kind of record (its model's name).")
    record: TranslatedText = Field(description="The record's label when it was changed.")
    record_url: PageURLs | None = Field(description="The record's page, null if not public now.")
    publication: str | None = Field(description="The publication's slug, if it still exists.")


def record_schemas(kind):
    """(item schema, detail schema) of one kind of record."""
    model = kind.model
    name = model.__name__
    item = fields_schema(
        name,
        model,
        doc=english(model._meta.verbose_name).capitalize() + ", as its page shows it.",
    )
    item = create_model(
        name,
        __base__=item,
        record_kind=(Literal[kind.url_name], Field(description="The kind of record.")),
        publication=(PublicationRef, Field(description="The publication stating it.")),
        api_url=(str, Field(description="The record in this API.")),
        dates=(Dates, Field(description="Its dates.")),
    )
    detail = create_model(
        f"{name}Detail",
        __base__=item,
        changes=(list[Change], Field(description="Its public changes, newest first.")),
    )
    return item, detail


def publication_schema():
    item = fields_schema(
        "Publication",
        Publication,
        doc="A publication: the white paper as this site holds it, with its dates and source.",
    )
    return create_model(
        "Publication",
        __base__=item,
        url=(PageURLs, Field(description="The publication's page.")),
        api_url=(str, Field(description="The publication in this API.")),
    )


def list_schema(item):
    """A page of a list: its items and the address of the next page."""
    return create_model(
        f"{item.__name__}List",
        __base__=Strict,
        results=(list[item], Field(description="The records of this page, in order.")),
        next=(
            str | None,
            Field(description="The next page (also in the Link header), null on the last."),
        ),
    )


class SearchResult(Strict):
    kind: str = Field(description="The kind of record, or `paragraph` of a source text.")
    title: str = Field(description="The record's title in the language searched.")
    value: str | None = Field(description="Its value as a reader writes it, if it has one.")
    url: str = Field(description="Its page (a paragraph: the source reader at the paragraph).")
    snippet: str = Field(description="A passage where the words occur.")
    snippet_site_translation: bool = Field(
        description="The snippet is this site's translation (the source is in English), "
        "not the source's words."
    )
    score: float = Field(
        description="Relevance, higher first: 1 or more with every word searched, less than 1 "
        "with all of them but one."
    )


class SearchResults(Strict):
    """The results of a search, as /search.json gives them."""

    query: str = Field(description="The query as searched.")
    count: int = Field(description="How many results (up to a bound: see the next field).")
    count_is_lower_bound: bool = Field(description="More results than counted.")
    page: int = Field(description="This page's number.")
    pages: int = Field(description="How many pages of results.")
    words_not_found: list[str] = Field(
        description="Words of the query that no record has, left out of the search."
    )
    results: list[SearchResult]


class Problem(Strict):
    """An error, as RFC 9457 problem details (application/problem+json)."""

    type: str = Field(description="`about:blank`: the status says what kind of error.")
    title: str = Field(description="The status's name.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What was wrong, and what to do.")
