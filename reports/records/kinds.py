"""How readers see each kind of record, one declarative class per kind.

A record page shows what the source states (with the source sentence in context) apart
from what is this site's own: labels, short titles, names, translations, ISO codes, region
kinds and dates derived from the source. Each kind says which is which, how the record is
named on its page, in a link, in a citation and among search results, what its JSON holds,
and which table lists it. KINDS follows the models (whitepaper.models.record_models): the
URLs, the tables (reports.tables.catalogue), the sitemap, the search page and the source reader
read it.

A record's date is its own ``as_of``, given only where its own source sentence dates it;
no record takes a date from its publication.
"""

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.records.bilingual import (
    labelled_field_html,
    stated_text_html,
    translation_label_html,
)
from reports.records.facts import (
    Fact,
    address_fact,
    english_html,
    field_facts,
    link_html,
    notes,
    translation_facts,
    verbose_name,
)
from whitepaper.lookups import value_at
from whitepaper.models import (
    Correction,
    Finding,
    IndustrySegment,
    RegionalPresence,
    StatedBy,
    Statistic,
    Tendency,
    format_number,
    record_models,
    relation_of,
)
from whitepaper.public import fields_of, flat, values_of
from whitepaper.translation import in_source_language, is_source_language

NO_RECORD = _("No published record has this address.")


@dataclass(frozen=True)
class SearchShape:
    """How a kind of record shows among search results: the field of its title (on the
    record, or on the record the title comes from), the field of its passage, its value, a
    title prefix."""

    title: str
    passage: str
    value: object = None
    titled_by: object = None
    prefix: object = None


class RecordKind:
    """One kind of record with a page at /publications/<slug>/<URL_SEGMENT>/<key>/."""

    model = None
    #: The heading of the kind's records on a publication's page, in the dataset, and of its
    #: table (reports.tables.catalogue) where it has one.
    title = ""
    #: The heading of the kind's group of search results, and how a result shows.
    search_label = ""
    search_shape = None

    @property
    def slug(self):
        """The path segment of the kind's pages under a publication, e.g. "statistics"; also
        the section of the publication's page that lists the kind, and its table's."""
        return self.model.URL_SEGMENT

    @property
    def url_name(self):
        """The URL name of the page (and, with "_json", of its JSON)."""
        return self.model.KIND

    @property
    def verbose_name(self):
        return capfirst(self.model._meta.verbose_name)

    def key(self, record):
        """The record's key in its URL: "blockchain-enterprises", "CN-BJ", 3."""
        return value_at(record, record.URL_KEY)

    def find(self, slug, key):
        """The published record of a page, with ``public_changes``: its entries in the
        corrections log (one query more); Http404 if there is none."""
        record = self.model.objects.for_record_page(slug, key)
        if record is None:
            raise Http404(NO_RECORD)
        record.public_changes = list(Correction.objects.of_record(record))
        return record

    def json_url(self, record):
        return reverse(
            f"reports:{self.url_name}_json",
            kwargs={"slug": record.publication.slug, "key": self.key(record)},
        )

    def heading(self, record):
        raise NotImplementedError

    def figure(self, record):
        """The figure shown large under the heading, if the kind has one."""
        return None

    def link_text(self, record):
        """How a link to the record reads, e.g. from a marked passage of the source."""
        raise NotImplementedError

    def citation_title(self, record):
        """The record's title in a citation (in English, the language of the source)."""
        raise NotImplementedError

    def stated(self, record):
        """What the source states, besides the sentence itself and who states it."""
        return []

    def editorial(self, record):
        """What is this site's own."""
        return []

    def json_fields(self, record):
        """The record's public values for its JSON (whitepaper.public), each under its name;
        a related record as an object of the values that name it, null where the public may
        not see it."""
        data = {}
        for field in fields_of(self.model):
            if not field.is_relation:
                data.update(flat(record, field.values))
            elif field.related(record) is None:
                data[field.name] = None
            else:
                data[field.name] = {
                    value.name.split("__", 1)[1]: value.of(record) for value in field.values
                }
        return data

    def translated_keys(self, record):
        """The keys of the record's JSON that hold this site's translation ("region.name_zh"
        inside a related record's object)."""
        return [
            value.name.replace("__", ".") for value in values_of(self.model) if value.is_translation
        ]


class StatisticKind(RecordKind):
    model = Statistic
    title = _("Statistics")
    search_label = _("Statistics")
    search_shape = SearchShape("label", "note", value=lambda r: r.display_value)

    def heading(self, record):
        return labelled_field_html(record, "label")

    def figure(self, record):
        return record.display_value

    def link_text(self, record):
        return record.display_value

    def citation_title(self, record):
        return f"{record.label}: {record.display_value}"

    def stated(self, record):
        """The figure, and its number: what the source states (in a translation, the figure
        written in the page's language is the site's translation, labelled)."""
        shown = format_html('<span class="figure">{}</span>', record.display_value)
        if not is_source_language():
            shown += translation_label_html()
        return [
            Fact(gettext("as shown"), shown),
            Fact(verbose_name(Statistic, "value"), format_number(record.value)),
        ]

    def editorial(self, record):
        """The label, and how the figure is stored: its qualifier and unit are the site's
        reading of the source's words (which its sentence gives)."""
        return [
            *field_facts(record, "label"),
            Fact(
                gettext("Stored as"),
                gettext("%(qualifier)s %(value)s, in %(unit)s")
                % {
                    "qualifier": record.get_qualifier_display(),
                    "value": format_number(record.value),
                    "unit": record.get_unit_display(),
                },
            ),
            Fact(verbose_name(Statistic, "category"), record.get_category_display()),
            address_fact(record, "key"),
            *notes(record),
        ]

    def json_fields(self, record):
        fields = super().json_fields(record)
        with in_source_language():
            fields["display_value"] = record.display_value
        return fields


def share_of(presence):
    share = presence.public_share
    if share is None:
        return ""
    return gettext("together with the other listed regions: %(share)s") % {
        "share": share.display_value
    }


class RegionalPresenceKind(RecordKind):
    model = RegionalPresence
    title = _("Regions")
    search_label = _("Regions")
    search_shape = SearchShape("name", "note", value=share_of, titled_by=lambda r: r.region)

    def heading(self, record):
        return format_html(
            "{} ({})", labelled_field_html(record.region, "name"), record.region.code
        )

    def link_text(self, record):
        return record.region.text_in("name").text

    def citation_title(self, record):
        return f"{record.region.name} ({record.region.code})"

    def stated(self, record):
        facts = [Fact(verbose_name(RegionalPresence, "region"), english_html(record.region.name))]
        share = record.public_share
        if share is not None:
            facts.append(
                Fact(
                    verbose_name(RegionalPresence, "combined_share"),
                    format_html(
                        "{} — {}",
                        link_html(share.get_absolute_url(), share.display_value),
                        labelled_field_html(share, "label"),
                    ),
                )
            )
        for field in ("rank", "company_count"):
            if getattr(record, field) is not None:
                facts.append(Fact(verbose_name(RegionalPresence, field), getattr(record, field)))
        return facts

    def editorial(self, record):
        region = record.region
        return [
            *translation_facts(region, "name"),
            Fact(verbose_name(type(region), "code"), region.code),
            Fact(verbose_name(type(region), "kind"), region.get_kind_display()),
            *notes(record),
        ]


def stage_of(segment):
    """The segment's stage as the source states it; its translation labelled as such."""
    shown = segment.text_in("stage_as_stated")
    if shown.is_translation:
        return f"{shown.text} {gettext('(this site’s translation)')}"
    return shown.text


class IndustrySegmentKind(RecordKind):
    model = IndustrySegment
    title = _("Industry segments")
    search_label = _("Industry segments")
    search_shape = SearchShape("name", "description", value=lambda r: stage_of(r))

    def heading(self, record):
        return labelled_field_html(record, "name")

    def link_text(self, record):
        return record.text_in("name").text

    def citation_title(self, record):
        if not record.stage_as_stated:
            return record.name
        return f"{record.name} ({record.stage_as_stated})"

    def stated(self, record):
        if not record.stage_as_stated:
            return []
        return [
            Fact(
                verbose_name(IndustrySegment, "stage_as_stated"),
                stated_text_html(record, "stage_as_stated"),
            ),
        ]

    def editorial(self, record):
        facts = [
            *field_facts(record, "name"),
            *translation_facts(record, "stage_as_stated"),
            Fact(gettext("Stage code"), english_html(record.stage)),
            address_fact(record, "slug"),
        ]
        if record.description:
            facts += field_facts(record, "description")
        return facts


class TendencyKind(RecordKind):
    model = Tendency
    title = _("Development tendencies")
    search_label = _("Development tendencies")
    search_shape = SearchShape("title", "text", prefix=lambda r: f"{r.number}. ")

    def heading(self, record):
        return format_html(
            "{}: {}",
            gettext("Tendency %(number)s") % {"number": record.number},
            labelled_field_html(record, "title"),
        )

    def link_text(self, record):
        return gettext("Tendency %(number)s") % {"number": record.number}

    def citation_title(self, record):
        return f"Development tendency {record.number}: {record.title}"

    def stated(self, record):
        return [
            Fact(verbose_name(Tendency, "number"), record.number),
            Fact(verbose_name(Tendency, "text"), stated_text_html(record, "text")),
        ]

    def editorial(self, record):
        return [
            *field_facts(record, "title"),
            *translation_facts(record, "text"),
        ]


class FindingKind(RecordKind):
    model = Finding
    title = _("Findings without a number")
    search_label = _("Findings")
    search_shape = SearchShape("text", "note", value=lambda r: r.get_kind_display())

    def heading(self, record):
        return labelled_field_html(record, "text")

    def link_text(self, record):
        text = Truncator(record.text_in("text").text).words(6)
        return gettext("Finding: %(text)s") % {"text": text}

    def citation_title(self, record):
        return record.text

    def editorial(self, record):
        return [
            *field_facts(record, "text"),
            Fact(verbose_name(Finding, "kind"), record.get_kind_display()),
            address_fact(record, "key"),
            *notes(record),
        ]


#: How readers see each kind of record, by model.
KIND_OF_MODEL = {kind.model: kind() for kind in RecordKind.__subclasses__()}
#: Every kind with a page, in the order the site lists them.
KINDS = tuple(KIND_OF_MODEL[model] for model in record_models())


def quoted_by_records(publication):
    """[(quote, record), ...] for the publication's published records and the publication
    itself, from the prefetches of Publication.objects.for_source_reader."""
    quoted = [
        (record.source_quote, record)
        for model in record_models()
        for record in getattr(publication, relation_of(model)).all()
    ]
    return [*quoted, (publication.source_quote, publication)]


def record_links(records):
    """Links to records (a passage's list in the source reader), as HTML."""
    return format_html_join(", ", '<a href="{}">{}</a>', (link(record) for record in records))


def link(record):
    """(URL, text) of a link to a record's page, or to the publication's sources."""
    kind = KIND_OF_MODEL.get(type(record))
    if kind is None:
        return f"{record.get_absolute_url()}#source", gettext("the publication’s page")
    return record.get_absolute_url(), kind.link_text(record)


def apart_from_the_web_page(records):
    """(the records the white paper or the news report states, the lines of the web page
    around the report): a link's words are the page's, never shown as a finding."""
    records = list(records)
    page_lines = [record for record in records if record.stated_by == StatedBy.WEB_PAGE]
    return [record for record in records if record not in page_lines], page_lines
