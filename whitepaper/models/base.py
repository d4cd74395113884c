"""What every kind of record shares: timestamps, natural keys and the published filter."""

from django.core.exceptions import ValidationError
from django.db import models
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
    values = []
    for lookup in record.NATURAL_KEY:
        value = record
        for name in lookup.split("__"):
            value = getattr(value, name)
        values.append(value)
    return tuple(values)


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


class PublishedQuerySet(models.QuerySet):
    """Records that the public may see: published, and from a published publication."""

    def published_rows(self, *related):
        """Published records with their publication (and the given relations) in the same
        query, without the publication's long texts."""
        return (
            self.published()
            .select_related("publication", *related)
            .defer(*(f"publication__{name}" for name in PUBLICATION_LONG_TEXTS))
        )

    def published(self):
        """Written as "not in an unpublished publication" rather than as a join, so that
        the database can answer from an index over the record's own columns (which carry
        the publication's id) and never needs to look the publication up per row."""
        publication_model = self.model._meta.get_field("publication").related_model
        return self.filter(is_published=True).exclude(
            publication__in=publication_model.objects.filter(is_published=False)
        )


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
