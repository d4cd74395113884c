"""What a reader sees of the changes a release made, or of the changes between two releases.

A release's own changes are its ReleasedRecord rows. Between two releases a and b, a record
is compared as it was in a (the ``old`` of its first row after a) and as it is in b (the
``new`` of its last row up to b): the rows read are those of the releases in between only,
so comparing two releases costs what changed between them, not the size of the data.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst

from whitepaper.lookups import field_at
from whitepaper.models import Publication, PublicationRecord, ReleasedRecord
from whitepaper.models.correction import page_model

#: Records listed on a page of a release or of a comparison.
PAGE_SIZE = 50


@dataclass
class FieldChange:
    label: str
    old: object
    new: object


@dataclass
class RecordChange:
    """One record added, changed or removed, as a page lists it."""

    row: ReleasedRecord  # the last row (its labels and key as of the newer release)
    change: str
    fields: list  # FieldChange, for a changed record

    @property
    def url(self):
        """The record's page, unless the record was removed."""
        if self.change == ReleasedRecord.Change.REMOVED:
            return ""
        return record_url(self.row)

    @property
    def kind(self):
        return kind_name(self.row.content_type_id)

    @property
    def released_url(self):
        """The record as the row's release holds it; the release itself for a removed
        record, or a kind that has no page of its own."""
        model = model_of(self.row.content_type_id)
        release = self.row.release
        if self.change == ReleasedRecord.Change.REMOVED or model is None or model is Publication:
            return release.get_absolute_url()
        return as_released(model, release.version, self.row.publication_slug, self.row.url_key)


def model_of(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def as_released(model, version, slug, key):
    """The page of a record as a release holds it."""
    kwargs = {"version": version, "slug": slug, "key": key}
    return reverse(f"reports:release_{page_model(model).KIND}", kwargs=kwargs)


def kind_name(content_type_id):
    model = model_of(content_type_id)
    return capfirst(model._meta.verbose_name) if model else ""


def record_url(row):
    """The record's page, or '' for a kind that has none or a key that no page has."""
    model = model_of(row.content_type_id)
    try:
        if model is Publication:
            return reverse("reports:publication", kwargs={"slug": row.url_key})
        if model is None or not issubclass(model, PublicationRecord):
            return ""
        return reverse(
            f"reports:{model.KIND}", kwargs={"slug": row.publication_slug, "key": row.url_key}
        )
    except NoReverseMatch:
        return ""


def field_label(model, lookup):
    try:
        return capfirst(field_at(model, lookup).verbose_name)
    except LookupError:
        return lookup


def field_changes(content_type_id, old, new):
    model = model_of(content_type_id)
    return [
        FieldChange(field_label(model, name), old.get(name), new.get(name))
        for name in new
        if old.get(name) != new.get(name)
    ]


def record_change(first, last):
    """The net change from before ``first`` to after ``last`` (rows of one record), or
    None when the record is as it was."""
    old, new = first.old, last.new
    if old is None and new is None:
        return None
    if old is None:
        return RecordChange(last, ReleasedRecord.Change.ADDED, [])
    if new is None:
        return RecordChange(last, ReleasedRecord.Change.REMOVED, [])
    fields = field_changes(last.content_type_id, old, new)
    return RecordChange(last, ReleasedRecord.Change.CHANGED, fields) if fields else None


def release_page(release, number):
    """A page of the records this release added, changed or removed."""
    rows = release.records.order_by("content_type_id", "object_id")
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    page.changes = [change for row in page.object_list if (change := record_change(row, row))]
    return page


def comparison_page(older, newer, number):
    """A page of the records that differ between two releases (older first)."""
    rows = ReleasedRecord.objects.filter(
        release__sequence__gt=older.sequence, release__sequence__lte=newer.sequence
    )
    records = (
        rows.order_by("content_type_id", "object_id")
        .values_list("content_type_id", "object_id")
        .distinct()
    )
    page = Paginator(records, PAGE_SIZE).get_page(number)
    wanted = set(page.object_list)
    found = {}
    listed = rows.filter(object_id__in={object_id for _, object_id in wanted}).order_by(
        "release__sequence"
    )
    for row in listed:
        key = (row.content_type_id, row.object_id)
        if key in wanted:
            found.setdefault(key, []).append(row)
    page.changes = [
        change
        for key in page.object_list
        if (change := record_change(found[key][0], found[key][-1]))
    ]
    return page


def record_history(record):
    """The record in each release that added, changed or removed it, oldest first: each
    with the values of the fields that ever changed (the figure over time)."""
    rows = list(ReleasedRecord.objects.of_record(record))
    varying = []
    for row in rows:
        if row.old is not None and row.new is not None:
            varying += [name for name in row.new if row.old.get(name) != row.new.get(name)]
    varying = list(dict.fromkeys(varying))
    model = type(record)
    for row in rows:
        row.values = [
            FieldChange(field_label(model, name), None, row.new.get(name))
            for name in varying
            if row.new is not None
        ]
    return rows
