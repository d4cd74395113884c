"""A part of the industry chain the publication names."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.models.base import (
    NaturalKeyManager,
    PublicationRecord,
    PublishedQuerySet,
    refuse_duplicate_in_publication,
)
from whitepaper.models.publication import Publication
from whitepaper.translation import with_twins

DUPLICATE_SLUG = _("This publication already has a segment with this slug.")


class IndustrySegmentQuerySet(PublishedQuerySet):
    def for_table(self):
        return self.published_rows()

    def stage_choices(self):
        """[(stage, label)] of the published segments' stages, each labelled by its words as
        the source states them (on a page in a translation, the site's translation of them):
        read from the records, one query."""
        fields = with_twins(["stage_as_stated"], self.model)
        rows = self.published().order_by("stage").values_list("stage", *fields).distinct()
        choices = {}
        for stage, *words in rows:
            segment = self.model(stage=stage, **dict(zip(fields, words, strict=True)))
            choices.setdefault(stage, segment.text_in("stage_as_stated").text or stage)
        return list(choices.items())


class IndustrySegment(PublicationRecord):
    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="segments",
        verbose_name=_("publication"),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("This site's short name."))
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
    description = models.TextField(
        _("editor's description"), blank=True, help_text=_("This site's words, not a quote.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    KIND = "segment"
    URL_SEGMENT = "segments"
    URL_KEY = "slug"
    NATURAL_KEY = ("publication__slug", "slug")
    TRANSLATED_FIELDS = ("name", "stage_as_stated", "description")
    WORDS_FROM_QUOTE = ("stage_as_stated",)
    PUBLIC_FIELDS = (
        "name",
        "slug",
        "stage",
        "stage_as_stated",
        "description",
        "as_of",
        "source_quote",
        "stated_by",
    )
    SEARCH_TITLE = ("name",)
    SEARCH_BODY = ("description", "source_quote")
    SEARCH_NUMBER = 3
    LOG_LABEL = "name"
    LIST_POSITION = 3
    ON_OVERVIEW = False

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(IndustrySegmentQuerySet)()

    class Meta(PublicationRecord.Meta):
        ordering = ["publication_id", "position", "pk"]
        verbose_name = _("industry segment")
        verbose_name_plural = _("industry segments")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "slug"],
                name="segment_unique_slug",
                violation_error_message=DUPLICATE_SLUG,
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        refuse_duplicate_in_publication(self, "slug", DUPLICATE_SLUG)
        super().clean()
