"""A statement of the source without a number."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.models.base import PublishedQuerySet, TimeStamped
from whitepaper.models.publication import Publication


class Finding(TimeStamped):
    """A statement without a number: an observation of the white paper or a related note."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("observation in the white paper")
        RELATED = "related", _("related note in the source text")

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("publication"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("statement"))
    source_quote = models.TextField(_("source quote"))
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    history = HistoricalRecords()
    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["publication_id", "position", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return f"{self.publication.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"finding-{self.pk}"
