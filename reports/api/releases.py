"""The releases: every numbered, unchanging version of the data (newest first), one by its
version, and the records each added, changed or removed, as the pages /releases/ and
/releases/<version>/ give them.

A release's records are its ReleasedRecord rows: each with its public fields before and
after (reports.releases.publish), so a program sees exactly what a correction changed.
"""

import datetime
from typing import Any, Literal

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from ninja import Path, Query, Router
from ninja.decorators import decorate_view
from pydantic import Field

from reports.api.http import conditional, json_response, list_response
from reports.api.parameters import list_parameters
from reports.api.problems import LIST_ANSWERS, RECORD_ANSWERS, problem
from reports.api.representation import Links, translated
from reports.api.schemas import PageURLs, Strict, TranslatedText, list_schema
from reports.releases.changes import record_url
from whitepaper.models import Release, ReleasedRecord
from whitepaper.models.release import VERSION_PATTERN
from whitepaper.public import typed

router = Router(tags=["Releases"])

NO_RELEASE = "No release has this version: the list /api/v1/releases gives those there are."
VERSION = Path(
    ...,
    pattern=f"^{VERSION_PATTERN}$",
    max_length=32,
    example="1.0.0",
    description="The release's version, as in its page's address (\"1.0.1\").",
)


class ReleaseFile(Strict):
    """The release's zip: every public table in both languages as CSV and JSON, with
    datapackage.json, a README in both languages and CITATION.cff. It never changes."""

    url: str = Field(description="The zip's address.")
    size: int = Field(description="Its size in bytes.")
    sha256: str = Field(description="Its SHA-256, in hexadecimal (also its ETag).")


class ReleaseSchema(Strict):
    """A release: a numbered, dated, unchanging version of every public record."""

    version: str = Field(
        description="Its version (SemVer, worked out from the changes: patch for corrections, "
        "minor for records added, removed, published or withdrawn, major when the public "
        "columns change)."
    )
    published_at: datetime.datetime = Field(description="When it was published.")
    notes: TranslatedText = Field(description="The editors' release notes.")
    added: int = Field(description="How many records it added, since the release before it.")
    changed: int = Field(description="How many records it changed.")
    removed: int = Field(description="How many records it removed.")
    file: ReleaseFile = Field(description="Its zip.")
    url: PageURLs = Field(description="The release's page, with every change it made.")
    api_url: str = Field(description="The release in this API.")
    changes_url: str = Field(description="The records it added, changed or removed, here.")


class ReleasedChange(Strict):
    """A record a release added, changed or removed, with its public fields before and after
    (as the release's files give them)."""

    record_kind: str = Field(description="The kind of record (its model's name).")
    record: TranslatedText = Field(description="The record's label as of this release.")
    change: Literal[tuple(ReleasedRecord.Change.values)] = Field(
        description="What the release did to it."
    )
    publication: str | None = Field(description="The slug of its publication.")
    key: str | None = Field(description="Its key in its page's address.")
    record_url: PageURLs | None = Field(
        description="The record's page; null for a record the release removed."
    )
    changed_fields: list[str] = Field(description="The public fields whose value changed.")
    old: dict[str, Any] | None = Field(
        description="Its public values before the release, every language's text under its "
        "own name (`label_zh`), a related record by the values that name it (`region__code`, "
        "`combined_share__key`); null for a record it added."
    )
    new: dict[str, Any] | None = Field(
        description="Its public fields after the release; null for a record it removed."
    )


def release(found, links):
    version = {"version": found.version}
    return {
        "version": found.version,
        "published_at": typed(found.created_at),  # on the site's clock
        "notes": translated(found, "notes"),
        "added": found.added,
        "changed": found.changed,
        "removed": found.removed,
        "file": {
            "url": links.absolute(found.download_url()),
            "size": found.size,
            "sha256": found.sha256,
        },
        "url": links.pages(found.get_absolute_url()),
        "api_url": links.absolute(reverse("api:release", kwargs=version)),
        "changes_url": links.absolute(reverse("api:release_changes", kwargs=version)),
    }


def released_change(row, links):
    content_type = ContentType.objects.get_for_id(row.content_type_id)
    removed = row.change == ReleasedRecord.Change.REMOVED
    url = "" if removed else record_url(row)
    old, new = row.old or {}, row.new or {}
    return {
        "record_kind": content_type.model,
        "record": translated(row, "label"),
        "change": row.change,
        "publication": row.publication_slug or None,
        "key": row.url_key or None,
        "record_url": links.pages(url) if url else None,
        "changed_fields": [
            name for name in new if row.old is not None and old.get(name) != new.get(name)
        ],
        "old": row.old,
        "new": row.new,
    }


@router.get(
    "/releases",
    response={200: list_schema(ReleaseSchema), **LIST_ANSWERS},
    url_name="releases",
    operation_id="list_releases",
    summary="List releases",
    description="Every release of the data, newest first (the page /releases/), in pages of "
    "`limit`.",
)
@decorate_view(conditional)
def list_releases(request, params: Query[list_parameters("Release")]):
    return list_response(request, Release.objects.newest_first(), params, release)


@router.get(
    "/releases/{version}",
    response={200: ReleaseSchema, **RECORD_ANSWERS},
    url_name="release",
    operation_id="get_release",
    summary="One release",
    description="A release by its version, with its zip's address, size and SHA-256.",
)
@decorate_view(conditional)
def get_release(request, version: str = VERSION):
    found = Release.objects.by_version(version)
    if found is None:
        return problem(404, NO_RELEASE)
    return json_response(release(found, Links(request)))


@router.get(
    "/releases/{version}/changes",
    response={200: list_schema(ReleasedChange), **RECORD_ANSWERS},
    url_name="release_changes",
    operation_id="list_release_changes",
    summary="What a release changed",
    description="The records a release added, changed or removed since the release before it "
    "(the first release adds every record), each with its public fields before and after, "
    "in pages of `limit`.",
)
@decorate_view(conditional)
def list_release_changes(
    request, params: Query[list_parameters("ReleasedChange")], version: str = VERSION
):
    found = Release.objects.by_version(version)
    if found is None:
        return problem(404, NO_RELEASE)
    return list_response(request, found.records.order_by("pk"), params, released_change)
