"""Where the live data stands against the releases: which release a page, a record or a
citation matches, or that there are changes not released yet."""

from dataclasses import dataclass

from reports.caching.keys import data_version
from reports.records.citation import ReleaseCited
from reports.releases import changes, snapshot
from whitepaper.models import Release
from whitepaper.public import flat, values_of


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


def cited(request, release):
    if release is None:
        return None
    return ReleaseCited(release.version, request.build_absolute_uri(release.get_absolute_url()))


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
    fields = flat(record, values_of(type(record)))
    return RecordReleases(history, newest, snapshot.digest(fields) != last.digest)
