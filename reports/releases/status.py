"""Where the live data stands against the releases: which release a page, a record or a
citation matches, whether a record changed after the release it is cited at, and a record
as a release holds it."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports.caching.keys import data_version
from reports.records.citation import ReleaseCited, site_day
from reports.releases import changes, snapshot
from whitepaper.lookups import value_at
from whitepaper.models import Publication, Release, ReleasedRecord
from whitepaper.public import flat, restore, values_of

NOT_IN_RELEASE = _("This release holds no record at this address.")


@dataclass
class LiveStatus:
    release: Release | None  # the newest release
    matches: bool  # the live data is that release's


def live_status(request):
    """The newest release, and whether the live data is still exactly that release (the data
    version token has not moved since it was published)."""
    release = Release.objects.latest_release()
    return LiveStatus(
        release, release is not None and release.data_version == data_version(request)
    )


def release_record_url(release, record):
    """The record's page as the release holds it."""
    return reverse(
        f"reports:release_{record.KIND}",
        kwargs={
            "version": release.version,
            "slug": record.publication.slug,
            "key": value_at(record, record.URL_KEY),
        },
    )


def cited(request, release, record=None):
    """The release a citation names, with the record as of it where there is one."""
    if release is None:
        return None
    record_url = release_record_url(release, record) if record is not None else ""
    return ReleaseCited(
        release.version,
        request.build_absolute_uri(release.get_absolute_url()),
        site_day(release.created_at),
        request.build_absolute_uri(record_url) if record_url else "",
    )


def is_as_released(record, row):
    """Whether the live record is what the row holds (its public values' digest)."""
    return snapshot.digest(flat(record, values_of(type(record)))) == row.digest


@dataclass
class RecordReleases:
    history: list  # ReleasedRecord rows, oldest first, with ``values``
    release: Release | None  # the newest release holding the record
    unreleased: bool  # the live record differs from it


def record_releases(record):
    """The record in each release that changed it, the newest release that holds it and
    whether it has changed since."""
    history = changes.record_history(record)
    last = history[-1] if history else None
    if last is None or last.new is None:
        return RecordReleases(history, None, True)
    newest = Release.objects.latest_release()
    return RecordReleases(history, newest, not is_as_released(record, last))


@dataclass
class RecordAsOf:
    """A record as a release holds it, read from what the release stored (never from the
    live record), and what became of it after."""

    release: Release
    record: object  # an unsaved record holding the release's values
    row: ReleasedRecord  # the row the values come from
    later: ReleasedRecord | None  # the first later release that changed or removed it
    unreleased: bool  # changed (or withdrawn) since, in no release yet
    live_url: str  # its live page, "" when it is no longer public

    @property
    def later_url(self):
        """The record as the later release that changed it holds it ("" if none did, or it
        removed the record)."""
        later = self.later
        if later is None or later.new is None:
            return ""
        return reverse(
            f"reports:release_{type(self.record).KIND}",
            kwargs={
                "version": later.release.version,
                "slug": later.publication_slug,
                "key": later.url_key,
            },
        )


def record_as_of(kind, release, slug, key):
    """The record of this kind at this address as the release holds it; Http404 if the
    release holds none there."""
    row = ReleasedRecord.objects.as_of(release, kind.model, slug, key)
    if row is None:
        raise Http404(NOT_IN_RELEASE)
    publication = publication_as_of(release, slug)
    record = restore(kind.model, row.new, publication=publication)
    later = ReleasedRecord.objects.after(row)
    live = (
        kind.model.objects.published()
        .select_related(*kind.model.RECORD_PAGE_RELATED)
        .filter(pk=row.object_id)
        .first()
    )
    unreleased = later is None and (live is None or not is_as_released(live, row))
    live_url = live.get_absolute_url() if live is not None else ""
    return RecordAsOf(release, record, row, later, unreleased, live_url)


def held_records(release, model, publication):
    """The records of this kind of the publication (restored, as ``record_as_of`` gives one)
    as the release holds them, in the order they were first added (a release keeps no
    editors' order). Reads the rows up to the release for this publication only."""
    rows = (
        ReleasedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            publication_slug=publication.slug,
            release__sequence__lte=release.sequence,
        )
        .order_by("object_id", "-release__sequence")
        .values_list("object_id", "new")
    )
    newest = {}
    for object_id, values in rows:
        newest.setdefault(object_id, values)
    return [
        restore(model, values, publication=publication)
        for _object_id, values in sorted(newest.items())
        if values is not None
    ]


def publication_as_of(release, slug):
    """The publication as the release holds it; Http404 if it holds none with this slug."""
    row = ReleasedRecord.objects.as_of(release, Publication, slug, slug)
    if row is None:
        raise Http404(NOT_IN_RELEASE)
    return restore(Publication, row.new)
