"""The white paper's records.

Every record keeps the sentence it came from (``source_quote``) so that a reader can check it,
and records shown to the public carry an ``is_published`` flag that staff control.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    class Meta:
        abstract = True


class NaturalKeyManager(models.Manager):
    """Finds a record by its model's NATURAL_KEY lookups, for fixtures and backups."""

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.NATURAL_KEY, key, strict=True)))


def natural_key_of(record):
    """The values of the record's NATURAL_KEY lookups, e.g. ("miit-...-2018", "key")."""
    values = []
    for lookup in record.NATURAL_KEY:
        value = record
        for name in lookup.split("__"):
            value = getattr(value, name)
        values.append(value)
    return tuple(values)


class PublishedQuerySet(models.QuerySet):
    """Records that the public may see: published, and from a published publication."""

    def published(self):
        """Written as "not in an unpublished publication" rather than as a join, so that
        the database can answer from an index over the record's own columns (which carry
        the publication's id) and never needs to look the publication up per row."""
        return self.filter(is_published=True).exclude(
            publication__in=Publication.objects.filter(is_published=False)
        )


#: How many records of each kind the overview lists before pointing to the tables.
OVERVIEW_LIMIT = 12


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_published_records(self):
        """Published publications with all their published records, one query per kind.

        For the publication page; the prefetches name their own select_related so that no
        template access costs a query per row.
        """
        return self.published().prefetch_related(
            models.Prefetch(
                "statistics",
                queryset=Statistic.objects.filter(is_published=True).order_by("position", "pk"),
            ),
            models.Prefetch(
                "regional_presences",
                queryset=RegionalPresence.objects.filter(is_published=True)
                .select_related("region", "combined_share")
                .order_by("position", "pk"),
            ),
            models.Prefetch(
                "segments",
                queryset=IndustrySegment.objects.filter(is_published=True).order_by(
                    "position", "pk"
                ),
            ),
            models.Prefetch(
                "tendencies", queryset=Tendency.objects.filter(is_published=True).order_by("number")
            ),
            models.Prefetch(
                "findings",
                queryset=Finding.objects.filter(is_published=True).order_by("position", "pk"),
            ),
        )

    def for_overview(self):
        """The newest published publication with the first OVERVIEW_LIMIT of each kind of
        published record (by the editors' order), or None.

        Each list is an index range read with LIMIT, so the overview costs the same however
        many records a publication has; the tables hold the rest.
        """
        publication = self.published().order_by("-release_date", "pk").first()
        if publication is None:
            return None
        limit = OVERVIEW_LIMIT
        publication.headline_statistics = list(
            publication.statistics.filter(is_published=True).order_by("position", "id")[:limit]
        )
        publication.leading_regions = list(
            publication.regional_presences.filter(is_published=True)
            .select_related("region", "combined_share")
            .order_by("position", "id")[:limit]
        )
        publication.listed_tendencies = list(
            publication.tendencies.filter(is_published=True).order_by("number")[:limit]
        )
        publication.listed_findings = list(
            publication.findings.filter(is_published=True).order_by("position", "id")[:limit]
        )
        return publication


class Publication(TimeStamped):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    publisher = models.CharField(
        _("publisher"), max_length=300, help_text=_("The issuing body, in full.")
    )
    publisher_abbreviation = models.CharField(_("publisher abbreviation"), max_length=30)
    release_date = models.DateField(_("release date"))
    data_as_of = models.DateField(
        _("data as of"), help_text=_("The date the white paper's figures describe.")
    )
    spokesperson = models.CharField(_("spokesperson"), max_length=200, blank=True)
    spokesperson_role = models.CharField(_("spokesperson's role"), max_length=300, blank=True)
    summary = models.TextField(_("summary"))
    source_title = models.CharField(
        _("source title"), max_length=300, help_text=_("The title of the text this site holds.")
    )
    source_url = models.URLField(_("source URL"), blank=True)
    source_quote = models.TextField(
        _("source quote"), help_text=_("The sentence announcing the publication, verbatim.")
    )
    dates_note = models.TextField(
        _("note on dates"),
        blank=True,
        help_text=_("How the stored dates follow from the source, where the source is not exact."),
    )
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("slug",)

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(PublicationQuerySet)()

    class Meta:
        ordering = ["-release_date", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.CheckConstraint(
                condition=Q(data_as_of__lte=models.F("release_date")),
                name="publication_data_not_after_release",
                violation_error_message=_("The data cannot be dated after the release."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:publication", kwargs={"slug": self.slug})

    def natural_key(self):
        return natural_key_of(self)

    def clean(self):
        super().clean()
        if self.data_as_of and self.release_date and self.data_as_of > self.release_date:
            raise ValidationError(
                {"data_as_of": _("The data cannot be dated after the release date.")}
            )


class Qualifier(models.TextChoices):
    """How the stored value relates to the true one, as the source words it."""

    EXACT = "exact", _("exactly")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")
    ABOUT = "about", _("about")
    LESS_THAN = "less_than", _("less than")


#: The words shown before a value, e.g. "over 80%".
QUALIFIER_PREFIX = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: _("over"),
    Qualifier.AT_LEAST: _("at least"),
    Qualifier.ABOUT: _("about"),
    Qualifier.LESS_THAN: _("under"),
}


class Unit(models.TextChoices):
    ENTERPRISES = "enterprises", _("enterprises")
    STARTUPS = "startups", _("startups")
    PERCENT = "percent", _("percent")


class Category(models.TextChoices):
    ENTERPRISES = "enterprises", _("Blockchain enterprises")
    STARTUPS = "startups", _("Startups by business type")
    REGIONS = "regions", _("Regional distribution")


def refuse_duplicate_in_publication(instance, field, message):
    """Put a duplicate-within-publication error on the field an editor typed into."""
    attname = instance._meta.get_field(field).attname
    value = getattr(instance, attname)
    if not instance.publication_id or value in (None, ""):
        return
    others = (
        type(instance)
        ._default_manager.filter(publication_id=instance.publication_id, **{attname: value})
        .exclude(pk=instance.pk)
    )
    if others.exists():
        raise ValidationError({field: message})


def format_number(value):
    """80.00 -> "80", 12.50 -> "12.5": the value as a reader would write it."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


def format_measure(value, unit, qualifier):
    """The value with its unit and qualifier, e.g. "over 80%" or "456 enterprises"."""
    number = format_number(value)
    amount = f"{number}%" if unit == Unit.PERCENT else f"{number} {Unit(unit).label}"
    prefix = QUALIFIER_PREFIX[Qualifier(qualifier)]
    return f"{prefix} {amount}" if prefix else amount


#: Index name and columns of each order the public statistics table reads: its default
#: order, each sortable column, and each choice column followed by the default order (which
#: serves both a filter on it and a sort by it, ties in the editors' order).
PUBLIC_STATISTIC_ORDERS = [
    ("statistic_public_default", ["publication", "position", "id"]),
    ("statistic_public_value", ["value", "id", "publication"]),
    ("statistic_public_label", ["label", "id", "publication"]),
    ("statistic_public_as_of", ["as_of", "id", "publication"]),
    ("statistic_public_cat_default", ["category", "publication", "position", "id"]),
    ("statistic_public_unit_default", ["unit", "publication", "position", "id"]),
    ("statistic_public_qual_default", ["qualifier", "publication", "position", "id"]),
]


class StatisticQuerySet(PublishedQuerySet):
    def for_table(self):
        """The public statistics table: one query for the rows, one for the count."""
        return self.published().select_related("publication")


class Statistic(TimeStamped):
    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="statistics",
        verbose_name=_("publication"),
        # The unique key and the default-order index both begin with the publication.
        db_index=False,
    )
    key = models.SlugField(
        _("key"), max_length=100, help_text=_("A stable name for citing and linking.")
    )
    label = models.CharField(_("label"), max_length=300)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("A count or share cannot be negative."))],
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    qualifier = models.CharField(
        _("qualifier"),
        max_length=20,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_('Store "over 80%" as 80 with "more than": the source gives a bound.'),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    as_of = models.DateField(_("as of"))
    source_quote = models.TextField(_("source quote"), help_text=_("The sentence, verbatim."))
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "key")

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(StatisticQuerySet)()

    class Meta:
        # By the publication's id, not its title: the default order then walks an index
        # instead of sorting the whole table.
        ordering = ["publication_id", "position", "id"]
        verbose_name = _("statistic")
        verbose_name_plural = _("statistics")
        permissions = [("import_statistic", "Can import statistics from CSV")]
        # The public table reads published rows only, so its indexes are partial (on
        # published rows) and each holds the publication's id: a page, a count or a deep
        # page then reads one index and never a table row it does not show. The admin
        # lists unpublished rows too, in the default order of the first index.
        indexes = [
            models.Index(fields=["publication", "position", "id"], name="statistic_default_order"),
            *(
                models.Index(fields=columns, condition=Q(is_published=True), name=name)
                for name, columns in PUBLIC_STATISTIC_ORDERS
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "key"],
                name="statistic_unique_key",
                violation_error_message=_(
                    "This publication already has a statistic with this key."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="statistic_value_not_negative",
                violation_error_message=_("A count or share cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(unit=Unit.PERCENT) | Q(value__lte=100),
                name="statistic_percent_at_most_100",
                violation_error_message=_("A percentage cannot be above 100."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.display_value}"

    def get_absolute_url(self):
        return f"{reverse('reports:statistics')}#{self.anchor}"

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication"]

    @property
    def anchor(self):
        return f"statistic-{self.key}"

    @property
    def display_value(self):
        return format_measure(self.value, self.unit, self.qualifier)

    @property
    def is_bound(self):
        return self.qualifier != Qualifier.EXACT

    def clean(self):
        super().clean()
        if self.unit == Unit.PERCENT and self.value is not None and self.value > 100:
            raise ValidationError({"value": _("A percentage cannot be above 100.")})
        refuse_duplicate_in_publication(
            self, "key", _("This publication already has a statistic with this key.")
        )


class Region(TimeStamped):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        PROVINCE = "province", _("province")
        AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")
        SAR = "sar", _("special administrative region")

    name = models.CharField(_("English name"), max_length=100, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=50)
    code = models.CharField(
        _("ISO 3166-2:CN code"),
        max_length=6,
        unique=True,
        help_text=_("For example CN-BJ for Beijing."),
        validators=[
            RegexValidator(
                r"^CN-[A-Z]{2}$", message=_("Use the ISO 3166-2:CN form, for example CN-BJ.")
            )
        ],
        error_messages={"unique": _("Another region already has this code.")},
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    NATURAL_KEY = ("code",)

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
                violation_error_message=_("Use the ISO 3166-2:CN form, for example CN-BJ."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def natural_key(self):
        return natural_key_of(self)


class RegionalPresenceQuerySet(PublishedQuerySet):
    def for_table(self):
        """The public regions table, with the region and the combined figure it belongs to."""
        return self.published().select_related("publication", "region", "combined_share")


class RegionalPresence(TimeStamped):
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
    source_quote = models.TextField(_("source quote"))
    note = models.TextField(_("note"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "region__code")

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(RegionalPresenceQuerySet)()

    class Meta:
        ordering = ["publication", "position", "pk"]
        verbose_name = _("regional presence")
        verbose_name_plural = _("regional presences")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "region"],
                name="presence_unique_region",
                violation_error_message=_("This publication already has a record for this region."),
            ),
        ]

    def __str__(self):
        return f"{self.region.name} — {self.publication}"

    def get_absolute_url(self):
        return f"{reverse('reports:regions')}#{self.anchor}"

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication", "whitepaper.region"]

    @property
    def anchor(self):
        return f"region-{self.region.code.lower()}"

    def clean(self):
        super().clean()
        refuse_duplicate_in_publication(
            self, "region", _("This publication already has a record for this region.")
        )
        share = self.combined_share
        if share and self.publication_id and share.publication_id != self.publication_id:
            raise ValidationError(
                {"combined_share": _("Choose a figure from the same publication.")}
            )
        if share and share.unit != Unit.PERCENT:
            raise ValidationError({"combined_share": _("Choose a figure given in percent.")})


class IndustrySegmentQuerySet(PublishedQuerySet):
    def for_table(self):
        return self.published().select_related("publication")


class IndustrySegment(TimeStamped):
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
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    description = models.TextField(_("description"), blank=True)
    source_quote = models.TextField(_("source quote"))
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "slug")

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(IndustrySegmentQuerySet)()

    class Meta:
        ordering = ["publication", "position", "pk"]
        verbose_name = _("industry segment")
        verbose_name_plural = _("industry segments")
        permissions = [("import_industrysegment", "Can import industry segments from CSV")]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "slug"],
                name="segment_unique_slug",
                violation_error_message=_("This publication already has a segment with this slug."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('reports:segments')}#{self.anchor}"

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication"]

    @property
    def anchor(self):
        return f"segment-{self.slug}"

    def clean(self):
        super().clean()
        refuse_duplicate_in_publication(
            self, "slug", _("This publication already has a segment with this slug.")
        )


class TendencyQuerySet(PublishedQuerySet):
    def for_table(self):
        return self.published().select_related("publication")


class Tendency(TimeStamped):
    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="tendencies",
        verbose_name=_("publication"),
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1, message=_("Numbers start at 1."))]
    )
    title = models.CharField(
        _("short title"), max_length=200, help_text=_("An editor's short title; not a quote.")
    )
    text = models.TextField(_("text as stated"))
    source_quote = models.TextField(_("source quote"))
    is_published = models.BooleanField(_("published"), default=True)

    NATURAL_KEY = ("publication__slug", "number")

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(TendencyQuerySet)()

    class Meta:
        ordering = ["publication", "number"]
        verbose_name = _("development tendency")
        verbose_name_plural = _("development tendencies")
        permissions = [("import_tendency", "Can import development tendencies from CSV")]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"],
                name="tendency_unique_number",
                violation_error_message=_(
                    "This publication already has a tendency with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="tendency_number_positive",
                violation_error_message=_("Numbers start at 1."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{reverse('reports:tendencies')}#{self.anchor}"

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication"]

    @property
    def anchor(self):
        return f"tendency-{self.number}"

    def clean(self):
        super().clean()
        refuse_duplicate_in_publication(
            self, "number", _("This publication already has a tendency with this number.")
        )


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
        ordering = ["publication", "position", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return f"{self.publication.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"finding-{self.pk}"
