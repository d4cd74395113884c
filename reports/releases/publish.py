"""Publishing a release: what changed since the last one, its version, its zip and its row.

The version is worked out, never chosen: major when the public columns changed, minor when
records were added or removed (published, withdrawn, deleted), patch when records were only
corrected; nothing changed, nothing is published.

Publishing never blocks readers and never leaves half a release:

- the live data is read without a lock; the data version token (whitepaper.models.version)
  is read first and checked again in the transaction that commits the release, so a release
  whose data moved while it was written is thrown away and worked out again;
- the zip is written to an unnamed temporary file, then saved once to the "releases" storage
  under a name no other release has, then the row and its records are committed last; if
  anything fails before the commit, the saved file is deleted (a kill leaves at most an
  unreferenced file, which the next publish deletes once it is an hour old);
- two publishers who start from the same release cannot both commit: the release's sequence
  is unique, and the second one starts again, finds nothing new and says so.
"""

import hashlib
import pickle
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files import File
from django.core.files.storage import storages
from django.db import IntegrityError, connections, models, transaction
from django.utils import timezone

from reports.releases import archive, outbox, snapshot
from whitepaper.models import DataVersion, Release, ReleasedRecord
from whitepaper.translation import LANGUAGE_LIST, twin, with_twins

#: How many times to start again when the data moved, or another release came first.
ATTEMPTS = 5
#: Rows written to the database at a time.
BATCH_SIZE = 1000
#: An unreferenced file in the storage younger than this may be another publisher's.
STRAY_AGE = timedelta(hours=1)
#: How many records the admin's preview lists.
PREVIEW_SIZE = 50


class DataMoved(Exception):
    """The live data changed while the release was being written."""


def storage():
    return storages["releases"]


def next_version(previous, changes):
    """(major, minor, patch) of the release that would hold these changes, or None."""
    if previous is None:
        return (1, 0, 0)
    if changes.signature != previous.columns_signature:
        return (previous.major + 1, 0, 0)
    if changes.added or changes.removed:
        return (previous.major, previous.minor + 1, 0)
    if changes.changed:
        return (previous.major, previous.minor, previous.patch + 1)
    return None


@dataclass
class Changes:
    """What changed since the last release: counts, a preview, and the rows themselves
    spooled to a temporary file so that memory stays flat. Pickled, BATCH_SIZE rows at a
    time: the file is unnamed and this process's own, pickle writes and reads a row several
    times faster than JSON, and a batch names each field once, not once a row."""

    signature: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    preview: list = field(default_factory=list)
    spool: object = None
    pending: list = field(default_factory=list)

    @property
    def total(self):
        return self.added + self.changed + self.removed

    def keep(self, row):
        counter = row["change"]
        setattr(self, counter, getattr(self, counter) + 1)
        if len(self.preview) < PREVIEW_SIZE:
            self.preview.append(row)
        self.pending.append(row)
        if len(self.pending) == BATCH_SIZE:
            self.flush()

    def flush(self):
        if self.pending:
            pickle.dump(self.pending, self.spool, pickle.HIGHEST_PROTOCOL)
            self.pending = []

    def rows(self):
        self.flush()
        self.spool.seek(0)
        while True:
            try:
                batch = pickle.load(self.spool)
            except EOFError:
                return
            yield from batch


def released_digests():
    """{identity: digest} of every record in the last release (its rows and those of every
    release before it, in order). Read release by release, each from the index that begins
    with the release: no join and no sort of a million rows."""
    digests = {}
    for release_id in Release.objects.order_by("sequence").values_list("pk", flat=True):
        rows = (
            ReleasedRecord.objects.filter(release_id=release_id)
            .order_by()
            .values_list("content_type_id", "object_id", "change", "digest")
        )
        for content_type_id, object_id, change, digest in rows.iterator(chunk_size=10000):
            key = snapshot.identity(content_type_id, object_id)
            if change == ReleasedRecord.Change.REMOVED:
                digests.pop(key, None)
            else:
                digests[key] = digest
    return digests


def released_states(identities):
    """{identity: the record's last released row} for these records."""
    by_type = {}
    for key in identities:
        by_type.setdefault(key & 0xFFFF, []).append(key >> 16)
    latest = {}
    for content_type_id, object_ids in by_type.items():
        for start in range(0, len(object_ids), BATCH_SIZE):
            rows = (
                ReleasedRecord.objects.filter(
                    content_type_id=content_type_id,
                    object_id__in=object_ids[start : start + BATCH_SIZE],
                )
                .exclude(change=ReleasedRecord.Change.REMOVED)
                .order_by("release__sequence")
            )
            for row in rows:
                latest[snapshot.identity(row.content_type_id, row.object_id)] = row
    return latest


def row_of(live, change, old):
    return {
        "content_type_id": live.content_type_id,
        "object_id": live.object_id,
        "publication_slug": live.publication_slug,
        "url_key": live.url_key,
        **live.labels,
        "change": change,
        "digest": live.digest,
        "old": old,
        "new": live.fields,
    }


def compare_chunk(chunk, released, changes):
    moved = [s for s in chunk if released.get(s.identity, s.digest) != s.digest]
    before = released_states([s.identity for s in moved]) if moved else {}
    for live in chunk:
        digest = released.pop(live.identity, None)
        if digest is None:
            changes.keep(row_of(live, ReleasedRecord.Change.ADDED, None))
        elif digest != live.digest:
            old = before[live.identity].new
            changes.keep(row_of(live, ReleasedRecord.Change.CHANGED, old))


def find_changes(progress=None):
    """Compare every live public record with the last release."""
    changes = Changes(
        signature=snapshot.columns_signature(),
        # Closed by the caller (publish) or when collected; unnamed, so a kill leaves nothing.
        spool=tempfile.TemporaryFile(),  # noqa: SIM115
    )
    released = released_digests()
    chunk = []
    for count, live in enumerate(snapshot.live_records(), start=1):
        chunk.append(live)
        if len(chunk) == snapshot.CHUNK_SIZE:
            compare_chunk(chunk, released, changes)
            chunk = []
        if progress and count % 10000 == 0:
            progress(count)
    compare_chunk(chunk, released, changes)
    gone = released_states(list(released))
    for key in sorted(released):
        row = gone[key]
        changes.keep(
            {
                "content_type_id": row.content_type_id,
                "object_id": row.object_id,
                "publication_slug": row.publication_slug,
                "url_key": row.url_key,
                **{name: getattr(row, name) for name in with_twins(["label"], ReleasedRecord)},
                "change": ReleasedRecord.Change.REMOVED,
                "digest": 0,
                "old": row.new,
                "new": None,
            }
        )
    return changes


def write_zip(version, created_at):
    """The zip in an unnamed temporary file, with its SHA-256 and size."""
    zipped = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the caller)
    archive.write_release_zip(zipped, version, created_at)
    zipped.seek(0)
    hasher = hashlib.sha256()
    while block := zipped.read(1024 * 1024):
        hasher.update(block)
    size = zipped.tell()
    zipped.seek(0)
    return zipped, hasher.hexdigest(), size


def sweep_strays():
    """Delete files in the release storage that no release names, once they are old enough
    not to be another publisher's (left by a publisher killed before its commit)."""
    files = storage()
    try:
        _, names = files.listdir("")
    except FileNotFoundError:
        return
    known = set(Release.objects.values_list("file_name", flat=True))
    for name in names:
        if name not in known and files.get_modified_time(name) < timezone.now() - STRAY_AGE:
            files.delete(name)


@dataclass
class Outcome:
    release: Release | None
    changes: Changes


def publish(notes, progress=None):
    """Publish a release of the live data, with its notes ({language code: text}; English
    required), or nothing when nothing changed since the last one. Returns an Outcome (its
    release None when nothing was published)."""
    sweep_strays()
    for _attempt in range(ATTEMPTS):
        try:
            return attempt_publish(notes, progress)
        except (DataMoved, IntegrityError):
            continue
    raise DataMoved("The data kept changing while the release was written; try again.")


def attempt_publish(notes, progress):
    token = DataVersion.current()
    created_at = timezone.now()
    previous = Release.objects.latest_release()
    changes = find_changes(progress)
    try:
        parts = next_version(previous, changes)
        if parts is None:
            return Outcome(None, changes)
        version = ".".join(map(str, parts))
        zipped, sha256, size = write_zip(version, created_at)
        with zipped:
            # A unique name: a file is saved once and never overwritten.
            name = storage().save(
                f"blockchain-white-paper-data-{version}-{uuid.uuid4().hex[:12]}.zip",
                File(zipped),
            )
        try:
            release = commit(
                token,
                previous,
                changes,
                parts,
                created_at=created_at,
                **{twin("notes", lang): notes.get(lang.code, "") for lang in LANGUAGE_LIST},
                file_name=name,
                sha256=sha256,
                size=size,
            )
        except BaseException:
            storage().delete(name)
            raise
        return Outcome(release, changes)
    finally:
        changes.spool.close()


@transaction.atomic
def commit(token, previous, changes, parts, **fields):
    """The release's row, its records and the e-mails it owes its followers, last, in one
    transaction."""
    if DataVersion.current() != token:
        raise DataMoved
    DataVersion.advance()  # pages show the new release at once
    major, minor, patch = parts
    release = Release.objects.create(
        sequence=previous.sequence + 1 if previous else 1,
        major=major,
        minor=minor,
        patch=patch,
        added=changes.added,
        changed=changes.changed,
        removed=changes.removed,
        columns_signature=changes.signature,
        data_version=DataVersion.current(),
        **fields,
    )
    insert_records(release, changes.rows())
    outbox.owe(release)
    return release


def insert_records(release, rows):
    """Insert the release's records, BATCH_SIZE at a time, as plain values with
    executemany, each JSON column prepared by its field for the database. (bulk_create
    builds a model instance per row and an INSERT per hundred: at a million records that
    was most of the time of publishing.)"""
    fields = [field for field in ReleasedRecord._meta.concrete_fields if not field.primary_key]
    connection = connections[ReleasedRecord.objects.db]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(ReleasedRecord._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    names = [field.attname for field in fields]
    prepared = [
        (index, field) for index, field in enumerate(fields) if isinstance(field, models.JSONField)
    ]
    with connection.cursor() as cursor:
        batch = []
        for row in rows:
            row["release_id"] = release.pk
            values = [row[name] for name in names]
            for index, field in prepared:
                values[index] = field.get_db_prep_save(values[index], connection)
            batch.append(values)
            if len(batch) == BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
