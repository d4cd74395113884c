"""A development tendency the publication lists, as stated."""

from django.core.validators import MinValueValidator
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.models.base import (
    NaturalKeyManager,
    PublicationRecord,
    PublishedQuerySet,
    refuse_duplicate_in_publication,
)
from whitepaper.models.publication import Publication
from whitepaper.translation import twin

NUMBER_FROM_1 = _("Numbers start at 1.")
DUPLICATE_NUMBER = _("This publication already has a tendency with this number.")


class TendencyQuerySet(PublishedQuerySet):
    def for_table(self):
        return self.published_rows()

    def for_record_page(self, slug, key):
        """As for any record (PublishedQuerySet.for_record_page); a number the column cannot
        hold (text, or too large for the database) finds no tendency instead of an error."""
        _low, high = connection.ops.integer_field_range("PositiveSmallIntegerField")
        if not str(key).isdigit() or int(key) > high:
            return None
        return super().for_record_page(slug, int(key))


class Tendency(PublicationRecord):
    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="tendencies",
        verbose_name=_("publication"),
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1, message=NUMBER_FROM_1)]
    )
    title = models.CharField(
        _("short title"), max_length=200, help_text=_("An editor's short title; not a quote.")
    )
    text = models.TextField(_("text as stated"))

    KIND = "tendency"
    URL_SEGMENT = "tendencies"
    URL_KEY = "number"
    NATURAL_KEY = ("publication__slug", "number")
    TRANSLATED_FIELDS = ("title", "text")
    WORDS_FROM_QUOTE = ("text",)
    PUBLIC_FIELDS = ("number", "title", "text", "as_of", "source_quote", "stated_by")
    SEARCH_TITLE = ("title",)
    SEARCH_BODY = ("text", "source_quote")
    SEARCH_NUMBER = 4
    LOG_LABEL = "title"
    LIST_ORDER = ("number", "pk")
    LIST_POSITION = 4

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(TendencyQuerySet)()

    class Meta(PublicationRecord.Meta):
        ordering = ["publication_id", "number"]
        verbose_name = _("development tendency")
        verbose_name_plural = _("development tendencies")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"],
                name="tendency_unique_number",
                violation_error_message=DUPLICATE_NUMBER,
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="tendency_number_positive",
                violation_error_message=NUMBER_FROM_1,
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def log_label(self, lang):
        """The number and the short title ('' where the title has no translation)."""
        title = getattr(self, twin("title", lang))
        return f"{self.number}. {title}" if title else ""

    def clean(self):
        refuse_duplicate_in_publication(self, "number", DUPLICATE_NUMBER)
        super().clean()
