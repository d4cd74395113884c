"""A number the source states, with its unit, its qualifier and the sentence it came from."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.choices import Category, Qualifier, Unit
from whitepaper.formatting import format_measure
from whitepaper.models.base import (
    NaturalKeyManager,
    PublicationRecord,
    PublishedQuerySet,
    refuse_duplicate_in_publication,
)
from whitepaper.models.publication import Publication

NEGATIVE_VALUE = _("A count or share cannot be negative.")
PERCENT_ABOVE_100 = _("A percentage cannot be above 100.")
DUPLICATE_KEY = _("This publication already has a statistic with this key.")

#: The indexes of the public statistics table: (index name, the table column whose order it
#: serves, index columns). One for the default order (column None), one per sortable column,
#: and for each choice column one that continues in the default order, which serves both a
#: filter on the column and a sort by it (ties in the editors' order). The columns after
#: "id" are not part of the order: they let the index answer the published filter alone.
PUBLIC_STATISTIC_INDEXES = [
    ("statistic_public_default", None, ["publication", "position", "id"]),
    ("statistic_public_value", "value", ["value", "id", "publication"]),
    ("statistic_public_label", "label", ["label", "id", "publication"]),
    ("statistic_public_as_of", "as_of", ["as_of", "id", "publication"]),
    ("statistic_public_cat_default", "category", ["category", "publication", "position", "id"]),
    ("statistic_public_unit_default", "unit", ["unit", "publication", "position", "id"]),
    ("statistic_public_qual_default", "qualifier", ["qualifier", "publication", "position", "id"]),
]


def public_statistic_order(column=None):
    """The order_by terms of the public table's order by ``column`` (None: the default
    order), read from its index so that the two cannot drift apart."""
    columns = next(columns for _, name, columns in PUBLIC_STATISTIC_INDEXES if name == column)
    terms = {"publication": "publication_id", "id": "pk"}
    order = [terms.get(name, name) for name in columns]
    return tuple(order[: order.index("pk") + 1])


class StatisticQuerySet(PublishedQuerySet):
    def for_table(self):
        """The public statistics table: one query for the rows, one for the count."""
        return self.published_rows()

    def for_record_page(self, slug, key):
        """The statistic's page: the statistic with its publication and the published regions
        it is the combined share of; or None. Two queries."""
        regions = self.model._meta.get_field("regions").related_model
        return (
            self.published()
            .select_related("publication")
            .prefetch_related(
                Prefetch(
                    "regions",
                    queryset=regions.objects.filter(is_published=True)
                    .select_related("region", "publication")
                    .order_by("position", "pk"),
                )
            )
            .filter(publication__slug=slug, key=key)
            .first()
        )


class Statistic(PublicationRecord):
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
    label = models.CharField(_("label"), max_length=300, help_text=_("This site's label."))
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0, message=NEGATIVE_VALUE)],
    )
    value_as_stated = models.CharField(
        _("value as the quote writes it"),
        max_length=200,
        help_text=_(
            "The words of the source quote that give this value, copied from it, for example "
            "“456 enterprises”: the value must be the number in them."
        ),
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
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    KIND = "statistic"
    URL_SEGMENT = "statistics"
    URL_KEY = "key"
    NATURAL_KEY = ("publication__slug", "key")
    TRANSLATED_FIELDS = ("label", "note")
    PUBLIC_FIELDS = (
        "key",
        "label",
        "value",
        "unit",
        "qualifier",
        "category",
        "as_of",
        "source_quote",
        "stated_by",
        "note",
    )
    #: A region's page names the share it contributes to: its key, label and figure.
    REFERENCE_FIELDS = ("key", "label", "value", "unit", "qualifier")
    SEARCH_TITLE = ("label",)
    SEARCH_BODY = ("note", "source_quote", "value")
    SEARCH_NUMBER = 7
    NUMBERS_IN_QUOTE = ("value",)
    FIGURE_PLACES = {"value": "value_as_stated"}
    LOG_LABEL = "label"
    LIST_POSITION = 1

    history = HistoricalRecords()
    objects = NaturalKeyManager.from_queryset(StatisticQuerySet)()

    class Meta(PublicationRecord.Meta):
        # By the publication's id, not its title: the default order then walks an index
        # instead of sorting the whole table.
        ordering = list(public_statistic_order())
        verbose_name = _("statistic")
        verbose_name_plural = _("statistics")
        # The public table reads published rows only, so its indexes are partial (on
        # published rows) and each holds the publication's id: a page, a count or a deep
        # page then reads one index and never a table row it does not show. The admin
        # lists unpublished rows too, in the default order of the first index.
        indexes = [
            models.Index(fields=["publication", "position", "id"], name="statistic_default_order"),
            *(
                models.Index(fields=columns, condition=Q(is_published=True), name=name)
                for name, _column, columns in PUBLIC_STATISTIC_INDEXES
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "key"],
                name="statistic_unique_key",
                violation_error_message=DUPLICATE_KEY,
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="statistic_value_not_negative",
                violation_error_message=NEGATIVE_VALUE,
            ),
            models.CheckConstraint(
                condition=~Q(unit=Unit.PERCENT) | Q(value__lte=100),
                name="statistic_percent_at_most_100",
                violation_error_message=PERCENT_ABOVE_100,
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.display_value}"

    @property
    def display_value(self):
        return format_measure(self.value, self.unit, self.qualifier)

    def clean(self):
        if self.unit == Unit.PERCENT and self.value is not None and self.value > 100:
            raise ValidationError({"value": PERCENT_ABOVE_100})
        refuse_duplicate_in_publication(self, "key", DUPLICATE_KEY)
        super().clean()
