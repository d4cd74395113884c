"""What every kind of record shares: timestamps, natural keys, the published filter, and the
abstract model of a publication's records, on which each kind says once what is its own."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from whitepaper.choices import StatedBy
from whitepaper.fidelity import refuse_mismatches
from whitepaper.lookups import value_at
from whitepaper.translation import Translatable, twin, with_twins

#: The permissions of a kind that staff can also import from CSV in the admin.
IMPORTABLE = ("add", "change", "delete", "view", "import")


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
    return tuple(value_at(record, lookup) for lookup in record.NATURAL_KEY)


#: A publication's long texts, which no table row shows: left out of the rows of a table
#: (with their translations: see publication_long_texts).
PUBLICATION_LONG_TEXTS = (
    "summary",
    "source_quote",
    "source_text",
    "source_page_lines",
    "dates_note",
)


def record_page_url(record):
    """The record's own public page: /publications/<slug>/<kind>/<key>/ (the URL named after
    its KIND, with the publication's slug and the value of its URL_KEY)."""
    return reverse(
        f"reports:{record.KIND}",
        kwargs={"slug": record.publication.slug, "key": value_at(record, record.URL_KEY)},
    )


class PublishedQuerySet(models.QuerySet):
    """Records that the public may see: published, and from a published publication."""

    def published_rows(self, *related):
        """Published records with their publication (and the given relations) in the same
        query, without the long texts of any publication among them."""
        paths = ("publication", *related)
        publication_model = self.model._meta.get_field("publication").related_model
        long_texts = [
            f"{path}__{name}"
            for path in paths
            if path.rsplit("__", 1)[-1] == "publication"
            for name in with_twins(PUBLICATION_LONG_TEXTS, publication_model)
        ]
        return self.published().select_related(*paths).defer(*long_texts)

    def published(self):
        """Written as "not in an unpublished publication" rather than as a join, so that
        the database can answer from an index over the record's own columns (which carry
        the publication's id) and never needs to look the publication up per row."""
        publication_model = self.model._meta.get_field("publication").related_model
        return self.filter(is_published=True).exclude(
            publication__in=publication_model.objects.filter(is_published=False)
        )

    def for_record_page(self, slug, key):
        """The record's public page: the published record whose publication has this slug and
        whose URL_KEY has this value, with what its page shows (RECORD_PAGE_RELATED); None if
        there is no such record. One query."""
        return (
            self.published()
            .select_related(*self.model.RECORD_PAGE_RELATED)
            .filter(publication__slug=slug, **{self.model.URL_KEY: key})
            .first()
        )


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


class PublicRecord(Translatable):
    """A record whose public fields are shown to readers and whose changes the corrections
    log lists: the publication, a region, and each record of a publication."""

    #: What the public sees of a record, said once (without the translations' twin columns,
    #: which public_fields() adds). Read through public_fields() only: a change to any of them,
    #: in any language, needs a public note, is in the public log and in the next release.
    PUBLIC_FIELDS = ()
    #: The public fields by which another record's public values name this one (a regional
    #: presence names its region by the region's code, names and kind; whitepaper.public).
    REFERENCE_FIELDS = ()
    #: The field (lookup) that names a record in the corrections log.
    LOG_LABEL = ""

    @classmethod
    def public_fields(cls):
        """PUBLIC_FIELDS with each translated field followed by its twins: what the public
        sees of the record in every language (whitepaper.public gives its values)."""
        return with_twins(cls.PUBLIC_FIELDS, cls)

    def log_label(self, lang):
        """How the corrections log names the record in a language ('' where it has no
        translation): the log keeps the name after the record is gone."""
        return str(value_at(self, twin(self.LOG_LABEL, lang)))


class PublicationRecord(PublicRecord, TimeStamped):
    """A record of a publication: what the publication states, with the sentence it came from
    and whose statement it is.

    Each concrete kind says once, as class attributes, what is its own; every list of the
    kinds (the tables, the record pages, the search index, the corrections log, the admin and
    its CSV files, the dataset package, the sitemap) is derived from them. Each also has a
    ``publication`` foreign key, whose related name (``statistics``) lists its records.
    """

    as_of = models.DateField(
        _("as-of date"),
        null=True,
        blank=True,
        help_text=_(
            "The date the record describes, only where its own source quote gives it "
            "(a month’s end is that month’s last day); empty where it gives none."
        ),
    )
    source_quote = models.TextField(_("source quote"), help_text=_("The sentence, verbatim."))
    stated_by = models.CharField(
        _("stated by"), max_length=20, choices=StatedBy.choices, blank=True
    )
    is_published = models.BooleanField(_("published"), default=True)

    #: The kind's name: its record page's URL name, its search results' kind, its anchors.
    KIND = ""
    #: The path segment of the kind's record pages under a publication ("statistics").
    URL_SEGMENT = ""
    #: The lookup whose value names the record in its URL ("key", "region__code").
    URL_KEY = ""
    #: The lookups that name the record in fixtures, backups and CSV files.
    NATURAL_KEY = ()
    #: Fields (lookups) whose words the search index holds: the title, then the body. Their
    #: translations are indexed with them.
    SEARCH_TITLE = ()
    SEARCH_BODY = ()
    #: The kind's range of search document ids (whitepaper.search.documents): the kinds
    #: with the fewest records have the lowest.
    SEARCH_NUMBER = 0
    #: Numbers that must be written in the record's own source quote (whitepaper.fidelity).
    NUMBERS_IN_QUOTE = ()
    #: {figure field: words field}: the words of the source quote that give the figure
    #: ("456 enterprises"), so that the figure is the number at that place of the sentence
    #: and not another of its numbers, a year or another record's figure (whitepaper.fidelity).
    FIGURE_PLACES = {}
    #: Fields that are the source's own words: verbatim in the source quote
    #: (whitepaper.fidelity), and their translation is always labelled as the site's.
    WORDS_FROM_QUOTE = ()
    #: What a record page shows with the record, read in the same query.
    RECORD_PAGE_RELATED = ("publication",)
    #: The editors' order, in which pages list a publication's records of the kind.
    LIST_ORDER = ("position", "pk")
    #: What a listed record's links and labels need, read in the same query.
    LIST_RELATED = ()
    #: What the source reader needs to name a record beside its quote.
    QUOTE_RELATED = ()
    #: Whether the overview lists the newest publication's first records of the kind.
    ON_OVERVIEW = True
    #: Where the kind comes in the site's lists of kinds.
    LIST_POSITION = 0

    class Meta:
        abstract = True
        default_permissions = IMPORTABLE

    def get_absolute_url(self):
        return record_page_url(self)

    def natural_key(self):
        return natural_key_of(self)

    natural_key.dependencies = ["whitepaper.publication"]

    @property
    def anchor(self):
        return f"{self.KIND}-{str(value_at(self, self.URL_KEY)).lower()}"

    def clean(self):
        super().clean()
        refuse_mismatches(self)
