"""The publication: the white paper as this site holds it, with its dates and its source."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.fidelity import quotes_left_out, refuse_mismatches
from whitepaper.models.base import (
    NaturalKeyManager,
    PublicationRecord,
    PublicRecord,
    TimeStamped,
    natural_key_of,
)

#: How many records of each kind the overview lists before pointing to the tables.
OVERVIEW_LIMIT = 12
#: How many records of each kind a publication's page lists before pointing to the tables.
PUBLICATION_PAGE_LIMIT = 100

DATA_AFTER_RELEASE = _("The data cannot be dated after the release date.")


def record_models():
    """Every kind of a publication's records, in the order the site lists them."""
    return sorted(PublicationRecord.__subclasses__(), key=lambda model: model.LIST_POSITION)


def publication_records(publication):
    """Every record of the publication, kind by kind."""
    for model in record_models():
        yield from model._default_manager.filter(publication=publication).iterator()


def relation_of(model):
    """The related name of a kind's records on their publication: Statistic -> "statistics"."""
    return model._meta.get_field("publication").remote_field.related_name


def record_relations():
    return [relation_of(model) for model in record_models()]


def listed_records(publication, model, limit):
    """The first ``limit`` published records of one kind of the publication, in the editors'
    order: one index range read with LIMIT. Each record's publication is this one (the
    related manager sets it), so its links cost no query."""
    return list(
        getattr(publication, relation_of(model))
        .filter(is_published=True)
        .select_related(*model.LIST_RELATED)
        .order_by(*model.LIST_ORDER)[:limit]
    )


def of_published_records(model, aggregate):
    """A subquery: the aggregate (Max("updated_at"), Count("pk")) over the publication's
    published records of one kind, NULL when it has none."""
    return Subquery(
        model.objects.filter(publication=OuterRef("pk"), is_published=True)
        .order_by()
        .values("publication")
        .annotate(result=aggregate)
        .values("result")
    )


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def newest_first(self):
        """Published publications, the newest release first."""
        return self.published().order_by("-release_date", "pk")

    def newest(self):
        """The newest published publication, or None. Picked in a subquery, so that the
        queryset's annotations (with_last_edited) are computed for that one row only."""
        newest = self.model.objects.newest_first().values("pk")[:1]
        return self.filter(pk=Subquery(newest)).first()

    def with_last_edited(self):
        """Annotate ``last_edited``: the newest edit to the publication or to any of its
        published records, in the same query."""
        newest_edits = [
            Coalesce(of_published_records(model, Max("updated_at")), F("updated_at"))
            for model in record_models()
        ]
        return self.annotate(last_edited=Greatest(F("updated_at"), *newest_edits))

    def for_publication_page(self, slug):
        """The published publication with this slug (or None), with its first
        PUBLICATION_PAGE_LIMIT published records of each kind (``listed_<kind>``) and how
        many of each there are (``<kind>_count``).

        However many records a publication has, its page lists a bounded number of each kind
        (each an index range read with LIMIT) and links to the tables for the rest.
        """
        counts = {
            f"{relation_of(model)}_count": Coalesce(of_published_records(model, Count("pk")), 0)
            for model in record_models()
        }
        publication = self.published().filter(slug=slug).with_last_edited().annotate(**counts)
        publication = publication.first()
        if publication is not None:
            for model in record_models():
                records = listed_records(publication, model, PUBLICATION_PAGE_LIMIT)
                setattr(publication, f"listed_{relation_of(model)}", records)
        return publication

    def for_overview(self):
        """The newest published publication with the first OVERVIEW_LIMIT of each kind of
        published record (by the editors' order), or None.

        Each list is an index range read with LIMIT, so the overview costs the same however
        many records a publication has; the tables hold the rest.
        """
        publication = self.with_last_edited().newest()
        if publication is None:
            return None
        for model in record_models():
            if model.ON_OVERVIEW:
                records = listed_records(publication, model, OVERVIEW_LIMIT)
                setattr(publication, f"listed_{relation_of(model)}", records)
        return publication

    def for_source_reader(self, slug):
        """The source reader: the published publication with this slug and every published
        record of it (whose quotes the reader marks), one query per kind; or None."""
        return (
            self.published()
            .filter(slug=slug)
            .prefetch_related(
                *(
                    models.Prefetch(
                        relation_of(model),
                        queryset=model.objects.filter(is_published=True)
                        .select_related(*model.QUOTE_RELATED)
                        .order_by(*model.LIST_ORDER),
                    )
                    for model in record_models()
                )
            )
            .first()
        )


class Publication(PublicRecord, TimeStamped):
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("This site's short title (the source may give none)."),
    )
    described_as = models.CharField(
        _("described by the source as"),
        max_length=300,
        blank=True,
        help_text=_(
            "How the source describes the publication, verbatim from the source quote: "
            "citations name it so, with this site's title in square brackets."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    publisher = models.CharField(
        _("publisher"), max_length=300, help_text=_("The issuing body, in full.")
    )
    publisher_abbreviation = models.CharField(_("publisher abbreviation"), max_length=30)
    release_date = models.DateField(_("release date"))
    data_as_of = models.DateField(
        _("data as of"),
        help_text=_(
            "The date the source gives for the white paper’s figures. Each record has its "
            "own date, filled only where its own quote gives one."
        ),
    )
    quoted_person = models.CharField(
        _("person quoted"),
        max_length=200,
        blank=True,
        help_text=_(
            "Someone the source quotes about the publication, named as the source names them."
        ),
    )
    quoted_person_role = models.CharField(
        _("role of the person quoted"),
        max_length=300,
        blank=True,
        help_text=_("What the source calls them."),
    )
    summary = models.TextField(_("summary"), help_text=_("This site's summary, not a quote."))
    source_title = models.CharField(
        _("source title"), max_length=300, help_text=_("The title of the text this site holds.")
    )
    source_url = models.URLField(_("source URL"), blank=True)
    source_site = models.CharField(
        _("site of the source"),
        max_length=200,
        blank=True,
        help_text=_(
            "The site that published the source text, only if the source names it; "
            "citations otherwise say “the source article”."
        ),
    )
    source_quote = models.TextField(
        _("source quote"), help_text=_("The sentence announcing the publication, verbatim.")
    )
    source_text = models.TextField(
        _("source text"),
        blank=True,
        help_text=_(
            "The whole text this site holds, verbatim (paste it): every quote of the "
            "publication and of its records must be in it, and none can be published before "
            "it is here."
        ),
    )
    source_page_lines = models.TextField(
        _("web page lines"),
        blank=True,
        help_text=_(
            "Lines of the captured web page that are not the report's own text (menus, "
            "links), one per line."
        ),
    )
    dates_note = models.TextField(
        _("note on dates"),
        blank=True,
        help_text=_("How the stored dates follow from the source, where the source is not exact."),
    )
    #: A new publication is a draft until staff publish it.
    is_published = models.BooleanField(_("published"), default=False)

    NATURAL_KEY = ("slug",)
    TRANSLATED_FIELDS = (
        "title",
        "described_as",
        "publisher",
        "publisher_abbreviation",
        "quoted_person_role",
        "summary",
        "dates_note",
    )

    PUBLIC_FIELDS = (
        "slug",
        "title",
        "described_as",
        "publisher",
        "publisher_abbreviation",
        "release_date",
        "data_as_of",
        "quoted_person",
        "quoted_person_role",
        "summary",
        "source_title",
        "source_url",
        "source_quote",
        "dates_note",
        "source_site",
        "source_page_lines",
        "source_text",
    )
    KIND = "publication"
    WORDS_FROM_QUOTE = ("described_as",)
    SEARCH_TITLE = ("title", "publisher_abbreviation")
    SEARCH_BODY = (
        "publisher",
        "summary",
        "quoted_person",
        "quoted_person_role",
        "source_title",
        "source_quote",
        "dates_note",
    )
    SEARCH_NUMBER = 1
    LOG_LABEL = "title"

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
                violation_error_message=DATA_AFTER_RELEASE,
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
            raise ValidationError({"data_as_of": DATA_AFTER_RELEASE})
        refuse_mismatches(self)
        left_out = quotes_left_out(self, publication_records)
        if left_out:
            raise ValidationError(left_out)
