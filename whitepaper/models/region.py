"""Regions of China, and what a publication says of each region it names."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.choices import Unit
from whitepaper.models.base import (
    IMPORTABLE,
    NaturalKeyManager,
    PublicationRecord,
    PublicRecord,
    PublishedQuerySet,
    TimeStamped,
    natural_key_of,
    refuse_duplicate_in_publication,
)
from whitepaper.models.publication import Publication
from whitepaper.models.statistic import Statistic

CODE_FORMAT = _("Use the ISO 3166-2:CN form, for example CN-BJ.")
DUPLICATE_REGION = _("This publication already has a record for this region.")


class Region(PublicRecord, TimeStamped):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        PROVINCE = "province", _("province")
        AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")
        SAR = "sar", _("special administrative region")

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("In English, as the source names the region."),
    )
    code = models.CharField(
        _("ISO 3166-2:CN code"),
        max_length=6,
        unique=True,
        help_text=_("For example CN-BJ for Beijing."),
        validators=[RegexValidator(r"^CN-[A-Z]{2}$", message=CODE_FORMAT)],
        error_messages={"unique": _("Another region already has this code.")},
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    NATURAL_KEY = ("code",)
    TRANSLATED_FIELDS = ("name",)
    #: Shown on the page of every published record of the region; changes are logged there.
    PUBLIC_FIELDS = ("code", "name", "kind")
    REFERENCE_FIELDS = PUBLIC_FIELDS
    LOG_LABEL = "name"

    history = HistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["name"]
        default_permissions = IMPORTABLE
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            # Portable (no REGEXP, which SQLite lacks outside Django); the field's validator
            # checks the letters.
            models.CheckConstraint(
                condition=Q(Exact(Length("code"), 5), code__startswith="CN-"),
                name="region_code_iso_format",
                violation_error_message=CODE_FORMAT,
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def natural_key(self):
        return natural_key_of(self)


class RegionalPresenceQuerySet(PublishedQuerySet):
    def for_table(self):
        """The public regions table, with the region and the combined figure it belongs to
        (with its publication, whose slug the figure's link needs)."""
        return self.published_rows("region", "combined_share__publication")


class RegionalPresence(PublicationRecord):
    """A region the publication names, with what it says of that region."""

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="regional_presences",
        verbose_name=_("publication"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="presences", verbose_name=_("region")
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("The order in which the source lists the region.")
    )
    rank = models.PositiveIntegerField(
        _("rank"), null=True, blank=True, help_text=_("Only if the source states a rank.")
    )
    company_count = models.PositiveIntegerField(
        _("number of companies"),
        null=True,
        blank=True,
        help_text=_("Only if the source states a number for this region."),
    )
    combined_share = models.ForeignKey(
        Statistic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regions",
        verbose_name=_("combined share"),
        help_text=_("The figure this region contributes to together with others."),
    )
    note = models.TextField(_("note"), blank=True)

    KIND = "region"
    URL_SEGMENT = "regions"
    URL_KEY = "region__code"
    NATURAL_KEY = ("publication__slug", "region__code")
    TRANSLATED_FIELDS = ("note",)
    #: Besides its region's own fields, which the page shows and the log lists.
    PUBLIC_FIELDS = (
        "region",
        "rank",
        "company_count",
        "combined_share",
        "as_of",
        "source_quote",
        "stated_by",
        "note",
    )
    SEARCH_TITLE = ("region__name", "region__code")
    SEARCH_BODY = ("note", "source_quote")
    SEARCH_NUMBER = 2
    NUMBERS_IN_QUOTE = ("company_count", "rank")
    RECORD_PAGE_RELATED = ("publication", "region", "combined_share__publication")
    LIST_RELATED = ("region", "combined_share__publication")
    QUOTE_RELATED = ("region",)
    LOG_LABEL = "region__name"
    LIST_POSITION = 2

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(RegionalPresenceQuerySet)()

    class Meta(PublicationRecord.Meta):
        ordering = ["publication_id", "position", "pk"]
        verbose_name = _("regional presence")
        verbose_name_plural = _("regional presences")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "region"],
                name="presence_unique_region",
                violation_error_message=DUPLICATE_REGION,
            ),
        ]

    def __str__(self):
        return f"{self.region.name} — {self.publication}"

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication", "whitepaper.region"]

    @property
    def public_share(self):
        """The combined figure, where the public may see it: a withdrawn figure is not
        shown, nor linked, beside its regions."""
        share = self.combined_share
        return share if share is not None and share.is_published else None

    def clean(self):
        refuse_duplicate_in_publication(self, "region", DUPLICATE_REGION)
        share = self.combined_share
        if share and self.publication_id and share.publication_id != self.publication_id:
            raise ValidationError(
                {"combined_share": _("Choose a figure from the same publication.")}
            )
        if share and share.unit != Unit.PERCENT:
            raise ValidationError({"combined_share": _("Choose a figure given in percent.")})
        super().clean()
