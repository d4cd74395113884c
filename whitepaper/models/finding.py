"""A statement of the source without a number."""

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

DUPLICATE_KEY = _("This publication already has a finding with this key.")


class Finding(PublicationRecord):
    """A statement without a number: an observation of the white paper, a statement about
    it, or a related note in the source text."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("observation in the white paper")
        ABOUT = "about", _("statement about the white paper")
        RELATED = "related", _("related note in the source text")

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("publication"),
    )
    key = models.SlugField(
        _("key"), max_length=100, help_text=_("A stable name for citing and linking.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("statement"), help_text=_("The statement in this site's words."))
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    KIND = "finding"
    URL_SEGMENT = "findings"
    URL_KEY = "key"
    NATURAL_KEY = ("publication__slug", "key")
    TRANSLATED_FIELDS = ("text", "note")
    PUBLIC_FIELDS = ("key", "kind", "text", "as_of", "source_quote", "stated_by", "note")
    SEARCH_TITLE = ("text",)
    SEARCH_BODY = ("note", "source_quote")
    SEARCH_NUMBER = 5
    LOG_LABEL = "text"
    LIST_POSITION = 5

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(PublishedQuerySet)()

    class Meta(PublicationRecord.Meta):
        ordering = ["publication_id", "position", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "key"],
                name="finding_unique_key",
                violation_error_message=DUPLICATE_KEY,
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        refuse_duplicate_in_publication(self, "key", DUPLICATE_KEY)
        super().clean()
