"""A part of the industry chain the publication names."""

from django.db import models
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

DUPLICATE_SLUG = _("This publication already has a segment with this slug.")


class IndustrySegmentQuerySet(PublishedQuerySet):
    def for_table(self):
        return self.published_rows()

    def stage_choices(self):
        """[(stage, label)] of the published segments' stages, each labelled by its words as
        the source states them (on a Chinese page, the site's translation of them): read from
        the records, one query."""
        rows = (
            self.published()
            .order_by("stage")
            .values_list("stage", "stage_as_stated", "stage_as_stated_zh")
            .distinct()
        )
        choices = {}
        for stage, words, words_zh in rows:
            segment = self.model(stage=stage, stage_as_stated=words, stage_as_stated_zh=words_zh)
            choices.setdefault(stage, segment.text_in("stage_as_stated").text or stage)
        return list(choices.items())


class IndustrySegment(Translatable, TimeStamped):
    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="segments",
        verbose_name=_("publication"),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("This site's short name."))
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100)
    stage = models.SlugField(
        _("stage"),
        max_length=30,
        help_text=_(
            "A code shared by the segments at one place in the industry chain, for filtering "
            "(for example upstream_hardware); readers see the stage as stated."
        ),
    )
    stage_as_stated = models.CharField(
        _("stage as stated"),
        max_length=200,
        blank=True,
        help_text=_(
            "The segment’s place in the industry chain in the source’s own words, verbatim "
            "from the source quote."
        ),
    )
    stage_as_stated_zh = models.CharField(
        _("stage as stated (Chinese)"), max_length=200, blank=True
    )
    description = models.TextField(
        _("editor's description"), blank=True, help_text=_("This site's words, not a quote.")
    )
    description_zh = models.TextField(_("editor's description (Chinese)"), blank=True)
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
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "slug")
    TRANSLATED_FIELDS = ("name", "stage_as_stated", "description")
    #: Fields that are the source's own words: verbatim in the source quote
    #: (whitepaper.fidelity), and their translation is always labelled as the site's.
    WORDS_FROM_QUOTE = ("stage_as_stated",)
    #: What the public sees of a segment; a change to any of these is in the public log.
    PUBLIC_FIELDS = (
        "name",
        "name_zh",
        "slug",
        "stage",
        "stage_as_stated",
        "stage_as_stated_zh",
        "description",
        "description_zh",
        "as_of",
        "source_quote",
        "stated_by",
    )
    URL_NAME = "reports:segment"
    URL_KEY = "slug"

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(IndustrySegmentQuerySet)()

    class Meta:
        ordering = ["publication_id", "position", "pk"]
        verbose_name = _("industry segment")
        verbose_name_plural = _("industry segments")
        permissions = [("import_industrysegment", "Can import industry segments from CSV")]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "slug"],
                name="segment_unique_slug",
                violation_error_message=DUPLICATE_SLUG,
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_page_url(self)

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication"]

    @property
    def anchor(self):
        return f"segment-{self.slug}"

    def clean(self):
        super().clean()
        refuse_duplicate_in_publication(self, "slug", DUPLICATE_SLUG)
        refuse_mismatches(self)
