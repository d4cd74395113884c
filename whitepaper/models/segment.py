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

DUPLICATE_SLUG = _("This publication already has a segment with this slug.")


class IndustrySegmentQuerySet(PublishedQuerySet):
    def for_table(self):
        return self.published_rows()


class IndustrySegment(PublicationRecord):
    class Stage(models.TextChoices):
        UPSTREAM_HARDWARE = "upstream_hardware", _("upstream hardware manufacturing")
        PLATFORM_SERVICES = "platform_services", _("platform services")
        SECURITY = "security", _("security")
        DOWNSTREAM_APPLICATIONS = (
            "downstream_applications",
            _("downstream industrial application services"),
        )
        OTHER_INDUSTRIES = "other_industries", _("other industries applying blockchain")

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="segments",
        verbose_name=_("publication"),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("This site's short name."))
    slug = models.SlugField(_("slug"), max_length=100)
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    description = models.TextField(
        _("editor's description"), blank=True, help_text=_("This site's words, not a quote.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    KIND = "segment"
    URL_SEGMENT = "segments"
    URL_KEY = "slug"
    NATURAL_KEY = ("publication__slug", "slug")
    TRANSLATED_FIELDS = ("name", "description")
    PUBLIC_FIELDS = ("name", "slug", "stage", "description", "source_quote", "stated_by")
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
