"""A statement of the source without a number."""

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

DUPLICATE_KEY = _("This publication already has a finding with this key.")


class Finding(Translatable, TimeStamped):
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
    text_zh = models.TextField(_("statement (Chinese)"), blank=True)
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
    note = models.TextField(_("note"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "key")
    TRANSLATED_FIELDS = ("text", "note")
    #: What the public sees of a finding; a change to any of these is in the public log.
    PUBLIC_FIELDS = (
        "key",
        "kind",
        "text",
        "text_zh",
        "as_of",
        "source_quote",
        "stated_by",
        "note",
        "note_zh",
    )
    URL_NAME = "reports:finding"
    URL_KEY = "key"

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(PublishedQuerySet)()

    class Meta:
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

    def get_absolute_url(self):
        return record_page_url(self)

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication"]

    @property
    def anchor(self):
        return f"finding-{self.key}"

    def clean(self):
        super().clean()
        refuse_duplicate_in_publication(self, "key", DUPLICATE_KEY)
        refuse_mismatches(self)
