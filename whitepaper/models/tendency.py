"""A development tendency the publication lists, as stated."""

from django.core.validators import MinValueValidator
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.fidelity import refuse_mismatches
from whitepaper.models.base import (
    NaturalKeyManager,
    PublishedQuerySet,
    TimeStamped,
    natural_key_of,
    record_page_url,
    refuse_duplicate_in_publication,
)
from whitepaper.models.choices import StatedBy
from whitepaper.models.publication import Publication
from whitepaper.models.translation import Translatable

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


class Tendency(Translatable, TimeStamped):
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
    title_zh = models.CharField(_("short title (Chinese)"), max_length=200, blank=True)
    text = models.TextField(_("text as stated"))
    text_zh = models.TextField(
        _("text as stated (Chinese)"), blank=True, help_text=_("This site's translation.")
    )
    as_of = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_(
            "The date the record describes, only where its own source quote gives it "
            "(a month’s end is that month’s last day); empty where it gives none."
        ),
    )
    source_quote = models.TextField(_("source quote"))
    stated_by = models.CharField(
        _("stated by"), max_length=20, choices=StatedBy.choices, blank=True
    )
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "number")
    TRANSLATED_FIELDS = ("title", "text")
    #: Fields that are the source's own words: verbatim in the source quote
    #: (whitepaper.fidelity), and their translation is always labelled as the site's.
    WORDS_FROM_QUOTE = ("text",)
    #: What the public sees of a tendency; a change to any of these is in the public log.
    PUBLIC_FIELDS = (
        "number",
        "title",
        "title_zh",
        "text",
        "text_zh",
        "as_of",
        "source_quote",
        "stated_by",
    )
    URL_NAME = "reports:tendency"
    URL_KEY = "number"

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(TendencyQuerySet)()

    class Meta:
        ordering = ["publication_id", "number"]
        verbose_name = _("development tendency")
        verbose_name_plural = _("development tendencies")
        permissions = [("import_tendency", "Can import development tendencies from CSV")]
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

    def get_absolute_url(self):
        return record_page_url(self)

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication"]

    @property
    def anchor(self):
        return f"tendency-{self.number}"

    def clean(self):
        super().clean()
        refuse_duplicate_in_publication(self, "number", DUPLICATE_NUMBER)
        refuse_mismatches(self)
