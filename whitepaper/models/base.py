"""What every kind of record shares: timestamps, natural keys and the published filter."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    class Meta:
        abstract = True


class NaturalKeyManager(models.Manager):
    """Finds a record by its model's NATURAL_KEY lookups, for fixtures and backups."""

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.NATURAL_KEY, key, strict=True)))


def natural_key_of(record):
    """The values of the record's NATURAL_KEY lookups, e.g. ("miit-...-2018", "key")."""
    return tuple(value_at(record, lookup) for lookup in record.NATURAL_KEY)


#: A publication's long texts, which no table row shows: left out of the rows of a table.
PUBLICATION_LONG_TEXTS = (
    "summary",
    "summary_zh",
    "source_quote",
    "source_text",
    "source_page_lines",
    "dates_note",
    "dates_note_zh",
)


def value_at(record, lookup):
    """The value at the end of a lookup path such as "region__code"."""
    value = record
    for name in lookup.split("__"):
        value = getattr(value, name)
    return value


def record_page_url(record):
    """The record's own public page: /publications/<slug>/<kind>/<key>/ (its URL_NAME with
    the publication's slug and the value of its URL_KEY)."""
    return reverse(
        record.URL_NAME,
        kwargs={"slug": record.publication.slug, "key": value_at(record, record.URL_KEY)},
    )


def with_public_changes(record):
    """The record (or None) with ``public_changes``: its entries in the corrections log."""
    if record is not None:
        from whitepaper.models.correction import Correction

        record.public_changes = list(Correction.objects.of_record(record))
    return record


class PublishedQuerySet(models.QuerySet):
    """Records that the public may see: published, and from a published publication."""

    def published_rows(self, *related):
        """Published records with their publication (and the given relations) in the same
        query, without the long texts of any publication among them."""
        paths = ("publication", *related)
        long_texts = [
            f"{path}__{name}"
            for path in paths
            if path.rsplit("__", 1)[-1] == "publication"
            for name in PUBLICATION_LONG_TEXTS
        ]
        return self.published().select_related(*paths).defer(*long_texts)

    def published(self):
        """Written as "not in an unpublished publication" rather than as a join, so that
        the database can answer from an index over the record's own columns (which carry
        the publication's id) and never needs to look the publication up per row."""
        publication_model = self.model._meta.get_field("publication").related_model
        return self.filter(is_published=True).exclude(
            publication__in=publication_model.objects.filter(is_published=False)
        )

    def for_record_page(self, slug, key):
        """The record's public page: the published record whose publication has this slug and
        whose URL_KEY has this value, with what its page shows (RECORD_PAGE_RELATED) and its
        public changes; None if there is no such record. Two queries."""
        record = (
            self.published()
            .select_related(*getattr(self.model, "RECORD_PAGE_RELATED", ("publication",)))
            .filter(publication__slug=slug, **{self.model.URL_KEY: key})
            .first()
        )
        return with_public_changes(record)


def refuse_duplicate_in_publication(instance, field, message):
    """Put a duplicate-within-publication error on the field an editor typed into."""
    attname = instance._meta.get_field(field).attname
    value = getattr(instance, attname)
    if not instance.publication_id or value in (None, ""):
        return
    others = (
        type(instance)
        ._default_manager.filter(publication_id=instance.publication_id, **{attname: value})
        .exclude(pk=instance.pk)
    )
    if others.exists():
        raise ValidationError({field: message})
