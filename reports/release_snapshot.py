"""What a release holds of each public record: its public fields, as plain JSON values, and a
64-bit digest of them.

The kinds are the publications and every kind with a page (record_kinds.KINDS); the fields
are each model's PUBLIC_FIELDS, a relation followed to what a reader sees of it (a region's
own public fields, a statistic's natural key). Comparing the digests of the live records
with those of the last release tells what changed; the signature of the columns tells
whether the columns themselves changed (a major release).
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignKey

from reports.record_kinds import KINDS
from whitepaper.models import Publication, format_number
from whitepaper.translation import LANGUAGE_LIST, twin

#: Records read from the database at a time.
CHUNK_SIZE = 2000


def public_lookups(model):
    """The lookups of a model's public fields, a relation followed: to all the public
    fields of a model that has no publication of its own (a presence's region), else to
    the related record's natural key."""
    lookups = []
    for name in model.PUBLIC_FIELDS:
        field = model._meta.get_field(name)
        if not isinstance(field, ForeignKey):
            lookups.append(name)
            continue
        related = field.related_model
        own_fields = not any(f.name == "publication" for f in related._meta.fields)
        targets = related.PUBLIC_FIELDS if own_fields else related.NATURAL_KEY
        lookups += [f"{name}__{target}" for target in targets]
    return lookups


def value_at(record, lookup):
    """The value at the end of a lookup such as "combined_share__key" (None past an empty
    relation)."""
    value = record
    for name in lookup.split("__"):
        value = getattr(value, name)
        if value is None:
            return None
    return value


def plain(value):
    """A field's value as JSON keeps it exactly: numbers as written, dates in ISO 8601."""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def digest(fields):
    """A signed 64-bit hash of the fields (what a BigIntegerField stores)."""
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), signed=True)


@dataclass(frozen=True)
class Source:
    """One kind of record in a release."""

    model: type

    @property
    def lookups(self):
        return public_lookups(self.model)

    def queryset(self):
        """The public records with only the columns a release reads (fewer columns to load
        and convert: this is most of the cost of publishing)."""
        lookups = self.lookups
        related = [lookup.rsplit("__", 1)[0] for lookup in lookups if "__" in lookup]
        columns = [*lookups, *(f"{name}__slug" for name in self.label_relations())]
        return (
            self.model.objects.published()
            .select_related(*related, *self.label_relations())
            .only(*columns)
            .order_by("pk")
        )

    def label_relations(self):
        return [] if self.model is Publication else ["publication"]

    def url_key(self, record):
        return record.slug if self.model is Publication else str(value_at(record, record.URL_KEY))

    def publication_slug(self, record):
        return record.slug if self.model is Publication else record.publication.slug


SOURCES = [Source(Publication), *(Source(kind.model) for kind in KINDS)]


@dataclass
class Snapshot:
    """One live public record as a release would hold it."""

    content_type_id: int
    object_id: int
    publication_slug: str
    url_key: str
    labels: dict  # the record's name by column: "label" and each of its twins
    fields: dict
    digest: int

    @property
    def identity(self):
        return identity(self.content_type_id, self.object_id)


def identity(content_type_id, object_id):
    """One int per record (a dict of a million of them stays small)."""
    return (object_id << 16) | content_type_id


def live_records():
    """Every public record now, as Snapshots, a chunk at a time."""
    for source in SOURCES:
        content_type_id = ContentType.objects.get_for_model(source.model).pk
        lookups = source.lookups
        for record in source.queryset().iterator(chunk_size=CHUNK_SIZE):
            fields = {lookup: plain(value_at(record, lookup)) for lookup in lookups}
            yield Snapshot(
                content_type_id=content_type_id,
                object_id=record.pk,
                publication_slug=source.publication_slug(record),
                url_key=source.url_key(record),
                labels={
                    twin("label", lang): record.log_label(lang)[:300] for lang in LANGUAGE_LIST
                },
                fields=fields,
                digest=digest(fields),
            )


def columns_signature():
    """A hash of every kind's public columns: it changes when a column is added, removed
    or renamed."""
    columns = [[source.model._meta.label, source.lookups] for source in SOURCES]
    return hashlib.sha256(json.dumps(columns).encode()).hexdigest()
