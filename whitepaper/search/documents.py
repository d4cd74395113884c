"""What each kind of record gives the index, and how the index is kept current.

One SearchDocument per published record, and one per paragraph of a publication's source
text (whitepaper.source_text). Its title column holds the terms of the record's label, name or
title (in every language); its body holds every other word a reader sees with the record,
its kind's name included ("development tendency", 发展趋势). A record's document is written
when the record is saved and removed when it is unpublished or deleted, in the same
transaction (post_save and post_delete), so an edit is searchable at once.

A publication's own state (published or not) is applied when searching, not here: records of
an unpublished publication keep their documents, and reappear the moment it is published.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils import translation

from whitepaper.lookups import value_at
from whitepaper.models import (
    Publication,
    Region,
    SearchDocument,
    format_number,
    record_models,
)
from whitepaper.search.words import index_text
from whitepaper.source_text import article_paragraphs
from whitepaper.translation import LANGUAGE_LIST, with_twins

#: The kind of a paragraph of a publication's source text; every other kind is a model's KIND.
PARAGRAPH = "paragraph"
PUBLICATION = Publication.KIND
#: The models whose records the index holds, each with its SEARCH_TITLE, SEARCH_BODY and
#: SEARCH_NUMBER: the publications and every kind of their records.
SEARCHED_MODELS = (*record_models(), Publication)

#: Document ids: the kind's number (its model's SEARCH_NUMBER) times KIND_OFFSET, plus the
#: record's key (for a paragraph: its publication's id times PARAGRAPHS_PER_PUBLICATION,
#: plus its number). The kinds with the fewest records come first: a search of one kind seeks to
#: its range in the index's lists, and FTS5 seeks past a long run of other documents slowly
#: (measured: 0.7 ms to skip a million statistics for each phrase, against 0.1 ms to reach a
#: range before them).
KIND_OFFSET = 10**15
PARAGRAPHS_PER_PUBLICATION = 10**6
PARAGRAPH_NUMBER = 6
KIND_NUMBERS = {
    **{model.KIND: model.SEARCH_NUMBER for model in SEARCHED_MODELS},
    PARAGRAPH: PARAGRAPH_NUMBER,
}
#: The kinds in the order of their ids.
KINDS_IN_ID_ORDER = sorted(KIND_NUMBERS, key=KIND_NUMBERS.get)
#: A paragraph of the source text counts half as much as a record saying the same.
WEIGHTS = {PARAGRAPH: 0.5}


def kind_range(kind):
    """The first and last document id of a kind."""
    number = KIND_NUMBERS[kind]
    return number * KIND_OFFSET, (number + 1) * KIND_OFFSET - 1


def document_id(kind, key):
    return KIND_NUMBERS[kind] * KIND_OFFSET + key


def paragraph_range(publication_id):
    start = document_id(PARAGRAPH, publication_id * PARAGRAPHS_PER_PUBLICATION)
    return start, start + PARAGRAPHS_PER_PUBLICATION - 1


@dataclass(frozen=True)
class Source:
    """A kind of record and the fields (lookups) of its title and its body, translations
    included."""

    model: type

    @property
    def kind(self):
        return self.model.KIND

    @property
    def title(self):
        return with_twins(self.model.SEARCH_TITLE, self.model)

    @property
    def body(self):
        return with_twins(self.model.SEARCH_BODY, self.model)

    @property
    def publication(self):
        return "pk" if self.model is Publication else "publication_id"

    @property
    def fields(self):
        return ("pk", self.publication, *self.title, *self.body)

    @cached_property
    def names(self):
        """The kind's names, singular and plural, in every language."""
        meta = self.model._meta
        names = set()
        for lang in LANGUAGE_LIST:
            with translation.override(lang.code):
                names.update((str(meta.verbose_name), str(meta.verbose_name_plural)))
        return sorted(names)


SOURCES = tuple(Source(model) for model in SEARCHED_MODELS)
SOURCE_OF_MODEL = {source.model: source for source in SOURCES}


def as_text(value):
    if isinstance(value, Decimal):
        return format_number(value)
    return "" if value is None else str(value)


#: SearchDocument's columns, in the order document_values gives them.
COLUMNS = ("id", "kind", "record_id", "publication_id", "weight", "title", "body")


def document_values(source, values):
    """The document of one record as a row of COLUMNS, from its values in the order of
    source.fields."""
    pk, publication_id, *texts = values
    titles = [as_text(value) for value in texts[: len(source.title)]]
    bodies = [as_text(value) for value in texts[len(source.title) :]]
    return (
        document_id(source.kind, pk),
        source.kind,
        pk,
        publication_id,
        WEIGHTS.get(source.kind, 1.0),
        index_text(titles),
        index_text([*bodies, *source.names]),
    )


def paragraph_documents(publication_id, source_text, page_lines):
    """The documents of a publication's source text, one per paragraph of the report (not
    of the web page around it), as rows of COLUMNS."""
    paragraphs = article_paragraphs(source_text, page_lines)[: PARAGRAPHS_PER_PUBLICATION - 1]
    first = publication_id * PARAGRAPHS_PER_PUBLICATION
    return [
        (
            document_id(PARAGRAPH, first + number),
            PARAGRAPH,
            number,
            publication_id,
            WEIGHTS[PARAGRAPH],
            "",
            index_text([text]),
        )
        for number, text in paragraphs
    ]


def as_document(row):
    return SearchDocument(**dict(zip(COLUMNS, row, strict=True)))


def reindex(record):
    """Write (or remove) the document of one record, as it is now."""
    source = SOURCE_OF_MODEL[type(record)]
    if record.is_published:
        values = [value_at(record, field) for field in source.fields]
        as_document(document_values(source, values)).save()
    else:
        SearchDocument.objects.filter(id=document_id(source.kind, record.pk)).delete()
    if isinstance(record, Publication):
        reindex_paragraphs(record)


def reindex_paragraphs(publication):
    SearchDocument.objects.filter(id__range=paragraph_range(publication.pk)).delete()
    if publication.is_published:
        rows = paragraph_documents(
            publication.pk, publication.source_text, publication.source_page_lines
        )
        SearchDocument.objects.bulk_create([as_document(row) for row in rows])


def unindex(record):
    source = SOURCE_OF_MODEL[type(record)]
    SearchDocument.objects.filter(id=document_id(source.kind, record.pk)).delete()
    if isinstance(record, Publication):
        SearchDocument.objects.filter(id__range=paragraph_range(record.pk)).delete()


def record_saved(sender, instance, raw=False, **kwargs):
    # A restore (loaddata) brings the documents with it.
    if not raw:
        reindex(instance)


def record_deleted(sender, instance, **kwargs):
    unindex(instance)


def region_saved(sender, instance, raw=False, **kwargs):
    """A region's names are in the documents of its presences."""
    if not raw:
        for presence in instance.presences.select_related("region"):
            reindex(presence)


def connect():
    """Keep the index current: called once, from WhitepaperConfig.ready()."""
    from django.db.models.signals import post_delete, post_save

    for source in SOURCES:
        uid = f"search-{source.kind}"
        post_save.connect(record_saved, sender=source.model, dispatch_uid=uid)
        post_delete.connect(record_deleted, sender=source.model, dispatch_uid=uid)
    post_save.connect(region_saved, sender=Region, dispatch_uid="search-region-names")
