"""What a release holds of each public record: its public values (whitepaper.public), typed
as JSON keeps them, and a 64-bit digest of them.

The kinds are the publications and every kind with a page (reports.records.kinds.KINDS), each
with every public value in every language, a relation followed to what names the related
record. Comparing the digests of the live records with those of the last release tells what
changed; the signature of the values' names tells whether the columns themselves changed (a
major release).
"""

import hashlib
import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from reports.records.kinds import KINDS
from whitepaper.models import Publication, PublicRecord
from whitepaper.public import typed, values_of
from whitepaper.translation import LANGUAGE_LIST, twin

#: Records read from the database at a time.
CHUNK_SIZE = 2000
#: The values whose database value ``typed`` changes (the others are JSON as they are).
CONVERTED = {"number", "date", "datetime"}


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
        return [value.name for value in values_of(self.model)]

    def queryset(self):
        """The public records, by primary key."""
        return self.model.objects.published().order_by("pk")

    def columns(self):
        """What a release reads of each record, as value lookups: its primary key, its
        public fields, its name in each language (as the corrections log names it), its URL
        key and its publication's slug. Plain values, not model instances: building a
        million instances was most of the cost of publishing."""
        own = self.model is Publication
        return [
            "pk",
            *self.lookups,
            *(twin(self.model.LOG_LABEL, lang) for lang in LANGUAGE_LIST),
            "slug" if own else self.model.URL_KEY,
            "slug" if own else "publication__slug",
        ]

    def chunks(self):
        """The records' value rows (in ``columns()`` order), CHUNK_SIZE at a time: a keyset
        on the primary key, so that each chunk is a short query of its own (no read held
        open for the whole pass) and memory stays flat however many records there are."""
        queryset = self.queryset().values_list(*self.columns())
        last = None
        while True:
            page = queryset if last is None else queryset.filter(pk__gt=last)
            rows = list(page[:CHUNK_SIZE])
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def converted_columns(self):
        """The positions, in a row, of the values that ``typed`` changes."""
        return [
            position
            for position, value in enumerate(values_of(self.model), start=1)
            if value.type in CONVERTED
        ]

    def names_itself(self):
        """Whether the kind names its records its own way (a tendency: its number and its
        title), not by its LOG_LABEL column alone: then a release asks the records."""
        return self.model.log_label is not PublicRecord.log_label

    def own_labels(self, object_ids):
        """{object id: {label column: the record's name in that language}}, from the
        records themselves (for a kind that names itself; such kinds hold few records)."""
        records = self.model.objects.filter(pk__in=object_ids)
        return {
            record.pk: {column: record.log_label(lang)[:300] for column, lang in LABELS}
            for record in records
        }


SOURCES = [Source(Publication), *(Source(kind.model) for kind in KINDS)]
#: The label columns of a released record, with their languages.
LABELS = [(twin("label", lang), lang) for lang in LANGUAGE_LIST]


class Snapshot:
    """One live public record as a release would hold it. Its fields and digest are worked
    out at once; the rest (its key, its names), which a release needs only of the records it
    adds or changes, when asked."""

    __slots__ = ("content_type_id", "digest", "fields", "object_id", "own_labels", "row")

    def __init__(self, content_type_id, row, fields, own_labels=None):
        self.content_type_id = content_type_id
        self.object_id = row[0]
        self.row = row  # in Source.columns() order
        self.fields = fields
        self.digest = digest(fields)
        self.own_labels = own_labels

    @property
    def identity(self):
        return identity(self.content_type_id, self.object_id)

    @property
    def labels(self):
        """The record's name by column: "label" and each of its twins."""
        if self.own_labels is not None:
            return self.own_labels
        start = 1 + len(self.fields)
        names = self.row[start : start + len(LABELS)]
        return {column: str(name)[:300] for (column, _), name in zip(LABELS, names, strict=True)}

    @property
    def url_key(self):
        return str(self.row[-2])

    @property
    def publication_slug(self):
        return self.row[-1]


def identity(content_type_id, object_id):
    """One int per record (a dict of a million of them stays small)."""
    return (object_id << 16) | content_type_id


def live_records():
    """Every public record now, as Snapshots, a chunk at a time."""
    for source in SOURCES:
        content_type_id = ContentType.objects.get_for_model(source.model).pk
        lookups = source.lookups
        end = 1 + len(lookups)
        converted = source.converted_columns()
        for rows in source.chunks():
            own = source.own_labels([row[0] for row in rows]) if source.names_itself() else {}
            for row in rows:
                values = list(row[1:end])
                for position in converted:
                    values[position - 1] = typed(values[position - 1])
                fields = dict(zip(lookups, values, strict=True))
                yield Snapshot(content_type_id, row, fields, own.get(row[0]))


def columns_signature():
    """A hash of every kind's public columns: it changes when a column is added, removed
    or renamed."""
    columns = [[source.model._meta.label, source.lookups] for source in SOURCES]
    return hashlib.sha256(json.dumps(columns).encode()).hexdigest()
