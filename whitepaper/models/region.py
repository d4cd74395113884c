"""Regions of China, and what a publication says of each region it names."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
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
from whitepaper.models.choices import StatedBy, Unit
from whitepaper.models.publication import Publication
from whitepaper.models.statistic import Statistic
from whitepaper.models.translation import Translatable

CODE_FORMAT = _("Use the ISO 3166-2:CN form, for example CN-BJ.")
DUPLICATE_REGION = _("This publication already has a record for this region.")


class Region(Translatable, TimeStamped):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        PROVINCE = "province", _("province")
        AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")
        SAR = "sar", _("special administrative region")

    name = models.CharField(_("English name"), max_length=100, unique=True)
    name_zh = models.CharField(
        _("Chinese name"),
        max_length=50,
        help_text=_("This site's addition: the source names regions in English."),
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
    PUBLIC_FIELDS = ("code", "name", "name_zh", "kind")

    history = HistoricalRecords()
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        permissions = [("import_region", "Can import regions from CSV")]
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


class RegionalPresence(Translatable, TimeStamped):
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
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "region__code")
    TRANSLATED_FIELDS = ("note",)
    #: What the public sees of a presence (besides its region's own fields); a change to
    #: any of these is in the public log. Not position: the editors' order.
    PUBLIC_FIELDS = (
        "region",
        "rank",
        "company_count",
        "combined_share",
        "as_of",
        "source_quote",
        "stated_by",
        "note",
        "note_zh",
    )
    #: Numbers that must be written in the record's own source quote (whitepaper.fidelity).
    NUMBERS_IN_QUOTE = ("company_count", "rank")
    URL_NAME = "reports:region"
    URL_KEY = "region__code"
    RECORD_PAGE_RELATED = ("publication", "region", "combined_share__publication")

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(RegionalPresenceQuerySet)()

    class Meta:
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

    def get_absolute_url(self):
        return record_page_url(self)

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication", "whitepaper.region"]

    @property
    def public_share(self):
        """The combined figure, where the public may see it: a withdrawn figure is not
        shown, nor linked, beside its regions."""
        share = self.combined_share
        return share if share is not None and share.is_published else None

    @property
    def anchor(self):
        return f"region-{self.region.code.lower()}"

    def clean(self):
        super().clean()
        refuse_duplicate_in_publication(self, "region", DUPLICATE_REGION)
        share = self.combined_share
        if share and self.publication_id and share.publication_id != self.publication_id:
            raise ValidationError(
                {"combined_share": _("Choose a figure from the same publication.")}
            )
        if share and share.unit != Unit.PERCENT:
            raise ValidationError({"combined_share": _("Choose a figure given in percent.")})
        refuse_mismatches(self)
