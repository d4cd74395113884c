"""Releases: numbered, dated, unchanging versions of the public data.

A release is a zip of every public table (written once, never rewritten; its file is in the
"releases" storage) and, in the database, the records that the release added, changed or
removed compared with the release before it (ReleasedRecord). The first release lists every
record as added, so the records of any release can be worked out from the rows up to it, and
two releases are compared from the rows between them, whatever the size of the data.

The rows are written by reports.releases.publish, never edited: a correction makes a new
release.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from whitepaper.translation import Translatable

#: A version as written in URLs and citations: "1.0.1".
VERSION_PATTERN = r"[0-9]{1,9}\.[0-9]{1,9}\.[0-9]{1,9}"


def version_parts(version):
    """(major, minor, patch) of "1.0.1"; ValueError if it is not such a version."""
    parts = version.split(".")
    if len(parts) != 3 or not all(part.isdigit() and len(part) < 10 for part in parts):
        raise ValueError(version)
    return tuple(int(part) for part in parts)


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-sequence")

    def latest_release(self):
        """The newest release, or None."""
        return self.newest_first().first()

    def by_version(self, version):
        """The release with this version ("1.0.1"), or None (also for a malformed one)."""
        try:
            major, minor, patch = version_parts(version)
        except ValueError:
            return None
        return self.filter(major=major, minor=minor, patch=patch).first()


class Release(Translatable, models.Model):
    #: 1 for the first release, one more for each next one: two publishers who start from
    #: the same release cannot both commit theirs (the unique constraint refuses the second).
    sequence = models.PositiveIntegerField(_("sequence"), unique=True)
    major = models.PositiveIntegerField(_("major version"))
    minor = models.PositiveIntegerField(_("minor version"))
    patch = models.PositiveIntegerField(_("patch version"))
    created_at = models.DateTimeField(_("created"))
    notes = models.TextField(_("release notes"))
    file_name = models.CharField(_("file"), max_length=255, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    added = models.PositiveIntegerField(_("records added"), default=0)
    changed = models.PositiveIntegerField(_("records changed"), default=0)
    removed = models.PositiveIntegerField(_("records removed"), default=0)
    #: A hash of the public columns of every kind of record: a different one is a major
    #: release (a program reading the files must be told).
    columns_signature = models.CharField(_("public columns signature"), max_length=64)
    #: The data version token (whitepaper.models.version) that the release matches: the live
    #: data is this release as long as the token has not moved on.
    data_version = models.CharField(_("data version"), max_length=32)

    TRANSLATED_FIELDS = ("notes",)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.UniqueConstraint(
                fields=["major", "minor", "patch"], name="release_unique_version"
            ),
        ]

    def __str__(self):
        return self.version

    def get_absolute_url(self):
        return reverse("reports:release", kwargs={"spec": self.version})

    def download_url(self):
        return reverse("reports:release_download", kwargs={"version": self.version})

    @property
    def version(self):
        return f"{self.major}.{self.minor}.{self.patch}"


class ReleasedRecordQuerySet(models.QuerySet):
    def as_of(self, release, model, slug, key):
        """The row that holds, as the release holds it, the record of this kind that had
        this publication slug and key in that release (its newest row up to the release), or
        None: a record the release does not hold (not added yet, removed, or known by
        another key then). Reads the rows that ever had that key, from their index."""
        content_type = ContentType.objects.get_for_model(model)
        held = self.filter(content_type=content_type, release__sequence__lte=release.sequence)
        named = held.filter(publication_slug=slug, url_key=str(key))
        for object_id in named.order_by().values_list("object_id", flat=True).distinct():
            row = (
                held.filter(object_id=object_id)
                .select_related("release")
                .order_by("-release__sequence")
                .first()
            )
            if row.new is not None and (row.publication_slug, row.url_key) == (slug, str(key)):
                return row
        return None

    def after(self, row):
        """The first release after the row's that added, changed or removed its record."""
        return (
            self.filter(
                content_type_id=row.content_type_id,
                object_id=row.object_id,
                release__sequence__gt=row.release.sequence,
            )
            .select_related("release")
            .order_by("release__sequence")
            .first()
        )

    def of_record(self, record):
        """The releases that added, changed or removed this record, oldest first."""
        return (
            self.filter(
                content_type=ContentType.objects.get_for_model(type(record)),
                object_id=record.pk,
            )
            .select_related("release")
            .order_by("release__sequence")
        )


class ReleasedRecord(Translatable, models.Model):
    """One record that a release added, changed or removed, with its public fields before
    and after (``old`` is empty for an added record, ``new`` for a removed one)."""

    class Change(models.TextChoices):
        ADDED = "added", _("added")
        CHANGED = "changed", _("changed")
        REMOVED = "removed", _("removed")

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="records", verbose_name=_("release")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    #: The record's URL key and labels as of this release, so that a release still reads
    #: after the record is gone.
    publication_slug = models.SlugField(_("publication"), max_length=200, blank=True)
    url_key = models.CharField(_("key"), max_length=200, blank=True)
    label = models.CharField(_("record"), max_length=300)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    #: A 64-bit hash of the public fields after the release (0 for a removed record).
    digest = models.BigIntegerField(_("digest"))
    old = models.JSONField(_("before"), null=True, blank=True)
    new = models.JSONField(_("after"), null=True, blank=True)

    TRANSLATED_FIELDS = ("label",)

    objects = ReleasedRecordQuerySet.as_manager()

    class Meta:
        ordering = ["release", "pk"]
        verbose_name = _("released record")
        verbose_name_plural = _("released records")
        indexes = [
            models.Index(fields=["content_type", "object_id", "release"], name="released_record"),
            # A record as of a release is found by the publication and key its page had then.
            models.Index(
                fields=["content_type", "publication_slug", "url_key"], name="released_record_key"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "content_type", "object_id"], name="released_record_once"
            ),
            models.CheckConstraint(
                condition=Q(change="added", old__isnull=True)
                | Q(change="removed", new__isnull=True)
                | Q(change="changed", old__isnull=False, new__isnull=False),
                name="released_record_old_and_new",
            ),
        ]

    def __str__(self):
        return f"{self.release}: {self.label} ({self.change})"
