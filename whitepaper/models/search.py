"""Site search: the index of published records, the keywords staff curate, and the anonymous
daily counts of searches that make a query popular.

The full-text index itself lives beside SearchDocument and differs by database (see
whitepaper.search.schema): an FTS5 table over it on SQLite, a generated tsvector column with a
GIN index on PostgreSQL. Both are kept current by the database from SearchDocument's rows, so
whatever writes a document (a record's save signal, the rebuild command, a restore with
loaddata) keeps the index in step.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whitepaper.models.base import TimeStamped

#: The longest query the site searches (and counts); a longer one is refused with a 400.
QUERY_MAX_LENGTH = 200


class SearchDocument(models.Model):
    """One published record (or one paragraph of a publication's source text) as the index
    sees it: its terms, already made (whitepaper.search.words), in two columns.

    The id encodes the kind (KIND_OFFSET times the kind's number, plus the record's own key),
    so that every kind is one range of ids: a search of one kind reads one range of the index,
    and a record's document is found from the record alone.
    """

    id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        help_text=_("The KIND of the record's model, or a paragraph of a source text."),
    )
    record_id = models.BigIntegerField(
        _("record id"), help_text=_("For a paragraph, its number in the source text.")
    )
    publication_id = models.BigIntegerField(
        _("publication id"),
        help_text=_("Documents of an unpublished publication are never shown."),
    )
    weight = models.FloatField(_("weight"), default=1.0)
    title = models.TextField(_("indexed title"), help_text=_("Label, name or title terms."))
    body = models.TextField(_("indexed text"), blank=True, help_text=_("Every other term."))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"{self.kind} {self.record_id}"


class HotKeyword(TimeStamped):
    """A keyword staff show under the search box, or (not shown) a popular query they hide."""

    keyword = models.CharField(_("keyword"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    shown = models.BooleanField(
        _("shown"),
        default=True,
        help_text=_("Untick to hide this keyword, and the same query from the most searched ones."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "position", "pk"]
        verbose_name = _("hot search keyword")
        verbose_name_plural = _("hot search keywords")
        constraints = [
            models.UniqueConstraint(
                fields=["keyword", "language"],
                name="hotkeyword_unique_per_language",
                violation_error_message=_("This keyword is already listed for this language."),
            ),
        ]

    def __str__(self):
        return self.keyword


class SearchCount(models.Model):
    """How often a query that found something was searched on one day, in one language.

    Nothing else about a search is kept: no address, no browser, no session, no time of day.
    """

    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("searches"), default=1)

    class Meta:
        ordering = ["-day", "-count"]
        verbose_name = _("search count")
        verbose_name_plural = _("search counts")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language", "day"], name="searchcount_one_row_per_day"
            ),
        ]
        indexes = [models.Index(fields=["language", "day"], name="searchcount_recent")]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.day}): {self.count}"
