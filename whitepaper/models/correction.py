"""The public corrections log: every change to a record after it was first published.

Rows are written by whitepaper.corrections when simple-history writes a history row; they
are never edited. Each row is one field of one save (or a withdrawal or a deletion), with a
snapshot of the record's label so that the log still reads after the record is gone.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, CharField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from whitepaper.models.publication import Publication, record_models
from whitepaper.models.region import Region
from whitepaper.translation import Translatable


def page_model(model):
    """The kind of record whose page shows a model's changes: its own, except for a region,
    whose changes are shown on the page of its presence in the publication they are listed
    under."""
    if model is Region:
        return Region._meta.get_field("presences").related_model
    return model


def current_key(model, key, **match):
    """The record's current URL key, if it is public now (a subquery on the log row)."""
    records = model.objects.published().filter(**match)
    return Subquery(records.annotate(url_key=Cast(key, CharField())).values("url_key")[:1])


def release_of_change():
    """A subquery on a log row: the version of the first release published after the
    change ("1.0.1"), the release that holds it; None while it is not released."""
    from whitepaper.models.release import Release

    releases = Release.objects.filter(created_at__gt=OuterRef("changed_at")).order_by("sequence")
    version = Concat(
        Cast("major", CharField()),
        Value("."),
        Cast("minor", CharField()),
        Value("."),
        Cast("patch", CharField()),
        output_field=CharField(),
    )
    return Subquery(releases.annotate(version=version).values("version")[:1])


class CorrectionQuerySet(models.QuerySet):
    def with_releases(self):
        """Annotate ``release_version``: the release each change went into, or None."""
        return self.annotate(release_version=release_of_change())

    def of_model(self, model):
        """Rows about records of this model (by the content type's name: a join, no lookup
        of the content type first)."""
        meta = model._meta
        return self.filter(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name
        )

    def with_record_keys(self):
        """Annotate ``record_key``: the key of the record's public page as it is now (a key
        edited since still links), or None when the record is not public any more. One
        query, whatever kinds of records the rows are about."""
        this_record = {"pk": OuterRef("object_id")}
        # A region's own rows link to its presence in the publication they are listed under.
        its_presence = {
            "region_id": OuterRef("object_id"),
            "publication_id": OuterRef("publication_id"),
        }
        whens = [
            When(
                Q(content_type__model=Publication._meta.model_name),
                then=current_key(Publication, "slug", **this_record),
            ),
            When(
                Q(content_type__model=Region._meta.model_name),
                then=current_key(page_model(Region), page_model(Region).URL_KEY, **its_presence),
            ),
            *(
                When(
                    Q(content_type__model=model._meta.model_name),
                    then=current_key(model, model.URL_KEY, **this_record),
                )
                for model in record_models()
            ),
        ]
        return self.select_related("content_type", "publication").annotate(
            record_key=Case(*whens, default=None, output_field=CharField())
        )

    def public_log(self):
        """The /changes/ page and feed: newest first, each with its record's link."""
        return self.with_record_keys().with_releases().order_by("-changed_at", "-pk")

    def of_record(self, record):
        """The public changes of one record, newest first (a presence's include those of
        its region listed under the same publication)."""
        rows = self.of_model(type(record)).filter(object_id=record.pk)
        if type(record) is page_model(Region):
            region_rows = self.of_model(Region).filter(
                object_id=record.region_id, publication_id=record.publication_id
            )
            rows = rows | region_rows
        return rows.select_related("content_type").with_releases().order_by("-changed_at", "-pk")


#: The reasons the site itself gives a change (simple-history's change reason, stored in
#: English), and how the log shows them in the page's language. Any other note is an
#: editor's, shown as written.
PUBLISHED_REASON = "Published"
UNPUBLISHED_REASON = "Unpublished"
IMPORT_REASON = "Imported from a CSV file"
SITE_REASONS = {
    PUBLISHED_REASON: _("Published again in the admin."),
    UNPUBLISHED_REASON: _("Withdrawn in the admin."),
    IMPORT_REASON: _("Changed by a CSV import in the admin."),
}


class Correction(Translatable, models.Model):
    class Kind(models.TextChoices):
        CHANGED = "changed", _("changed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        DELETED = "deleted", _("deleted")

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    changed_at = models.DateTimeField(_("changed at"))
    publication = models.ForeignKey(
        Publication,
        # The log outlives what it describes: a deleted publication leaves its rows behind.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("publication"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record_label = models.CharField(_("record"), max_length=300)
    kind = models.CharField(_("kind of change"), max_length=20, choices=Kind.choices)
    field_name = models.CharField(_("field"), max_length=100, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    public_note = models.TextField(_("public note"), blank=True)
    is_minor = models.BooleanField(_("minor change"), default=False)

    TRANSLATED_FIELDS = ("record_label", "public_note")

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [
            models.Index(fields=["-changed_at", "-id"], name="correction_newest_first"),
            models.Index(fields=["content_type", "object_id"], name="correction_record"),
        ]

    def __str__(self):
        if self.kind == self.Kind.CHANGED:
            return f"{self.record_label}: {self.field_name}"
        return f"{self.record_label}: {self.kind}"

    def get_absolute_url(self):
        return f"{reverse('reports:changes')}#{self.anchor}"

    @property
    def note_shown(self):
        """The note as the log shows it in the page's language: the site's own reasons
        translated, an editor's note as written or in its translation where it has one."""
        reason = SITE_REASONS.get(self.public_note)
        return str(reason) if reason else self.text_in("public_note").text

    @property
    def note_is_editors(self):
        """Whether the note is an editor's (in the languages they wrote it in), not one of
        the site's own reasons."""
        return bool(self.public_note) and self.public_note not in SITE_REASONS

    @property
    def anchor(self):
        return f"change-{self.uuid}"

    @property
    def record_model(self):
        return self.content_type.model_class()

    @property
    def record_verbose_name(self):
        model = self.record_model
        return model._meta.verbose_name if model is not None else self.content_type.model

    @property
    def field(self):
        """The model field that changed, or None (a withdrawal, a deletion, a field since
        removed)."""
        if not self.field_name or self.record_model is None:
            return None
        try:
            return self.record_model._meta.get_field(self.field_name)
        except LookupError:
            return None

    @property
    def field_label(self):
        field = self.field
        return field.verbose_name if field is not None else self.field_name

    def record_url(self):
        """The record's public page now, or '' when it is not public any more. Needs the
        ``record_key`` annotation (CorrectionQuerySet.with_record_keys)."""
        key = getattr(self, "record_key", None)
        if not key or self.publication is None:
            return ""
        model = self.record_model
        if model is Publication:
            return reverse("reports:publication", kwargs={"slug": key})
        return reverse(
            f"reports:{page_model(model).KIND}", kwargs={"slug": self.publication.slug, "key": key}
        )
