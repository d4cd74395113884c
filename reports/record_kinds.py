"""The kinds of record that have a page of their own, one declarative class each.

A record page shows what the source states (with the source sentence in context) apart
from what is this site's own: labels, short titles, names, translations, ISO codes, region
kinds and dates derived from the source. Each kind says which is which, how the record is
named on its page, in a link and in a citation, and what its JSON holds. The URLs
(reports/urls.py), the sitemap and the source reader read KINDS.

A record's date is its own ``as_of``, given only where its own source sentence dates it;
no record takes a date from its publication.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from reports import catalogue
from reports.bilingual import field_html, stated_text_html
from reports.exports import typed
from reports.record_facts import (
    Fact,
    english_html,
    field_fact,
    link_html,
    notes,
    verbose_name,
)
from whitepaper.models import (
    Finding,
    IndustrySegment,
    RegionalPresence,
    Statistic,
    Tendency,
    format_number,
)
from whitepaper.models.base import value_at
from whitepaper.models.translation import twin_of


class RecordKind:
    """One kind of record with a page at /publications/<slug>/<slug of the kind>/<key>/."""

    model = None
    #: The path segment of the kind's pages under a publication, e.g. "statistics".
    slug = ""
    #: The URL name of the page (and, with "_json", of its JSON).
    url_name = ""
    #: The public table that lists every record of the kind, if there is one.
    table = None
    #: The section of the publication's page that lists the kind.
    publication_section = ""

    @property
    def verbose_name(self):
        return capfirst(self.model._meta.verbose_name)

    def key(self, record):
        """The record's key in its URL: "blockchain-enterprises", "CN-BJ", 3."""
        return value_at(record, record.URL_KEY)

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
        """The record's public fields for its JSON, typed."""
        return {field: typed(getattr(record, field)) for field in record.PUBLIC_FIELDS}

    def translated_keys(self, record):
        """The keys of the record's JSON that hold this site's translation."""
        twins = (twin_of(field) for field in type(record).TRANSLATED_FIELDS)
        return [twin for twin in twins if twin in record.PUBLIC_FIELDS]


class StatisticKind(RecordKind):
    model = Statistic
    slug = "statistics"
    url_name = "statistic"
    table = catalogue.STATISTICS
    publication_section = "statistics"

    def heading(self, record):
        return field_html(record, "label")

    def figure(self, record):
        return record.display_value

    def link_text(self, record):
        return record.display_value

    def citation_title(self, record):
        return f"{record.label}: {record.display_value}"

    def stated(self, record):
        return [
            Fact(
                gettext("as shown"),
                format_html('<span class="figure">{}</span>', record.display_value),
            ),
            Fact(verbose_name(Statistic, "value"), format_number(record.value)),
            Fact(verbose_name(Statistic, "qualifier"), record.get_qualifier_display()),
            Fact(verbose_name(Statistic, "unit"), record.get_unit_display()),
        ]

    def editorial(self, record):
        return [
            field_fact(record, "label"),
            field_fact(record, "label_zh"),
            Fact(verbose_name(Statistic, "category"), record.get_category_display()),
            field_fact(record, "key"),
            *notes(record),
        ]

    def json_fields(self, record):
        fields = super().json_fields(record)
        with translation.override("en"):
            fields["display_value"] = record.display_value
        return fields


class RegionalPresenceKind(RecordKind):
    model = RegionalPresence
    slug = "regions"
    url_name = "region"
    table = catalogue.REGIONS
    publication_section = "regions"

    def heading(self, record):
        return format_html("{} ({})", field_html(record.region, "name"), record.region.code)

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
                        field_html(share, "label"),
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
            field_fact(region, "name_zh"),
            Fact(verbose_name(type(region), "code"), region.code),
            Fact(verbose_name(type(region), "kind"), region.get_kind_display()),
            *notes(record),
        ]

    def json_fields(self, record):
        fields = super().json_fields(record)
        region = record.region
        fields["region"] = {
            "code": region.code,
            "name": region.name,
            "name_zh": region.name_zh,
            "kind": region.kind,
        }
        share = record.public_share
        fields["combined_share"] = (
            None if share is None else {"key": share.key, "value": typed(share.value)}
        )
        return fields

    def translated_keys(self, record):
        return [*super().translated_keys(record), "region.name_zh"]


class IndustrySegmentKind(RecordKind):
    model = IndustrySegment
    slug = "segments"
    url_name = "segment"
    table = catalogue.SEGMENTS
    publication_section = "segments"

    def heading(self, record):
        return field_html(record, "name")

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
            field_fact(record, "name"),
            field_fact(record, "name_zh"),
            field_fact(record, "stage_as_stated_zh"),
            Fact(verbose_name(IndustrySegment, "stage"), english_html(record.stage)),
            field_fact(record, "slug"),
        ]
        if record.description:
            facts += [field_fact(record, "description"), field_fact(record, "description_zh")]
        return facts


class TendencyKind(RecordKind):
    model = Tendency
    slug = "tendencies"
    url_name = "tendency"
    table = catalogue.TENDENCIES
    publication_section = "tendencies"

    def heading(self, record):
        return format_html(
            "{}: {}",
            gettext("Tendency %(number)s") % {"number": record.number},
            field_html(record, "title"),
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
            field_fact(record, "title"),
            field_fact(record, "title_zh"),
            field_fact(record, "text_zh"),
        ]


class FindingKind(RecordKind):
    model = Finding
    slug = "findings"
    url_name = "finding"
    publication_section = "findings"

    def heading(self, record):
        return field_html(record, "text")

    def link_text(self, record):
        text = Truncator(record.text_in("text").text).words(6)
        return gettext("Finding: %(text)s") % {"text": text}

    def citation_title(self, record):
        return record.text

    def editorial(self, record):
        return [
            field_fact(record, "text"),
            field_fact(record, "text_zh"),
            Fact(verbose_name(Finding, "kind"), record.get_kind_display()),
            field_fact(record, "key"),
            *notes(record),
        ]


STATISTIC = StatisticKind()
REGION = RegionalPresenceKind()
SEGMENT = IndustrySegmentKind()
TENDENCY = TendencyKind()
FINDING = FindingKind()

#: Every kind with a page, in the order the site lists them.
KINDS = (STATISTIC, REGION, SEGMENT, TENDENCY, FINDING)
KIND_OF_MODEL = {kind.model: kind for kind in KINDS}


def quoted_by_records(publication):
    """[(quote, record), ...] for the publication's published records and the publication
    itself, from the prefetches of Publication.objects.for_source_reader."""
    quoted = [
        (record.source_quote, record)
        for relation in ("statistics", "regional_presences", "segments", "tendencies", "findings")
        for record in getattr(publication, relation).all()
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
