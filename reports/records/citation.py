"""Ready-to-copy citations of a publication, or of one of its records, as kept on this site.

Quotation marks surround only the source's own words: the article's title, and a line of the
web page around it where such a line is what a record cites. A title this site supplies (a
record's label; the white paper's short title, since the source gives the white paper none) is
in square brackets, as bibliographic convention marks a supplied title. The author is whoever
states what is cited (whitepaper.attribution); a person's view the article reports is cited as
reported ("According to …, as reported in …"), never as a quote.

Plain text, BibTeX and CSL-JSON are built from the same parts, so they agree; they are in
English, the language of the source, on pages of either language. Dates of this site's edits
are days on the site's clock (settings.TIME_ZONE). Given a release (``ReleaseCited``), a
citation links to the record as that release holds it, with the live page beside it.
``credit`` is the one line a news story prints under a figure, in the page's language.
"""

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from reports.records.dates import as_of_text
from whitepaper.attribution import THE_ARTICLE, attribution, white_paper_of
from whitepaper.choices import StatedBy

BIBTEX_SPECIAL = re.compile(r"([{}%&$#_\\])")
#: A passage in quotation marks, as every citation here writes one.
QUOTED = re.compile(r"“([^”]*)”")


@dataclass(frozen=True)
class ReleaseCited:
    """The release a citation names: its version, its page, its day and the record as it
    holds it ("" for the publication, which has no page per release)."""

    version: str
    url: str
    day: str
    record_url: str = ""


def quoted_passages(text):
    """The passages a citation puts in quotation marks: each must be the source's words."""
    return QUOTED.findall(text)


def supplied(title):
    """A title this site supplies, marked as bibliographic convention marks one."""
    return f"[{title}]"


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def site_day(moment):
    """The day of a moment on this site's clock (settings.TIME_ZONE), ISO formatted."""
    return timezone.localtime(moment).date().isoformat()


def article(publication):
    """The article, dated by the release it reports (the source gives it no date of its
    own): "“<source title>” (the source article; undated, it reports the release of
    <release date>)"."""
    site = publication.source_site or THE_ARTICLE
    released = publication.release_date.isoformat()
    return f"“{publication.source_title}” ({site}; undated, it reports the release of {released})"


def record_title(record, label):
    """What a citation of the record calls it: a line of the web page in its own words, in
    quotation marks; anything else by this site's label, supplied."""
    if record.stated_by == StatedBy.WEB_PAGE:
        words = record.source_quote.strip()
        return f"“{words}”" if words.endswith((".", "?", "!")) else f"“{words}”."
    return f"{supplied(label.removesuffix('.'))}."


def where(record):
    """Where the cited statement is found, as the one who states it says it."""
    who, publication = attribution(record), record.publication
    if who.is_reported:
        return f"In: {who.work}, {who.via} {article(publication)}"
    if record.stated_by == StatedBy.QUOTED_PERSON:
        return f"According to {who.author}, {who.via} {article(publication)}"
    return f"{capfirst(who.via)} {article(publication)}"


def as_of_sentence(as_of):
    """ "As of 2018-03-31. " where the record's own quote dates it; nothing otherwise."""
    return f"As of {as_of.isoformat()}. " if as_of else ""


def on_this_site(url, edited, release):
    """Where the site keeps it: the release (its record's page the main link, the live page
    beside it), or the live page and its last edit."""
    if release:
        cited = release.record_url or release.url
        return (
            f"{settings.SITE_NAME}, release {release.version} ({release.day}), {cited} "
            f"(live page: {url})."
        )
    return f"{settings.SITE_NAME}, {url} (last edited {site_day(edited)})."


def bibtex_key(publication, suffix=""):
    key = re.sub(r"[^a-z0-9]+", "", publication.slug.lower())
    return f"{key}:{suffix}" if suffix else key


def bibtex_entry(key, fields, kind="misc"):
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def known_by(publication):
    """The date the cited work is known by: the release the article reports."""
    day = publication.release_date
    return [("year", str(day.year)), ("month", str(day.month)), ("day", str(day.day))]


def link_fields(url, edited, release):
    """BibTeX's address of the cited thing: the record as of the release, or the live page."""
    if release is None:
        return [("url", url), ("urldate", site_day(edited))]
    return [
        ("url", release.record_url or release.url),
        ("version", release.version),
        ("addendum", f"Release {release.version} ({release.day}); live page: {url}"),
    ]


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str
    csl_json: str


def of_record(record, label, key, url, release=None):
    """A record's citation in its three formats, its author the one who states it."""
    who, publication = attribution(record), record.publication
    title = record_title(record, label)
    found = f"{where(record)}. {as_of_sentence(record.as_of)}"
    text = f"{who.author_with_role}. {title} {found}{on_this_site(url, record.updated_at, release)}"
    bibtex = bibtex_entry(
        key,
        [
            ("author", "{" + bibtex_escape(who.author_with_role) + "}"),
            ("title", bibtex_escape(title.removesuffix("."))),
            *known_by(publication),
            ("note", bibtex_escape(f"{found}{settings.SITE_NAME}")),
            *link_fields(url, record.updated_at, release),
        ],
    )
    item = {
        "id": key,
        "type": "dataset",
        "title": title.removesuffix("."),
        "author": [{"literal": who.author_with_role}],
        "container-title": who.work,
        "publisher": settings.SITE_NAME,
        "issued": date_parts(publication.release_date),
        "URL": release.record_url if release else url,
        "note": f"{found}{on_this_site(url, record.updated_at, release)}",
    }
    if release:
        item["version"] = release.version
    return Citation(text, bibtex, json.dumps([item], ensure_ascii=False, indent=2))


def of_publication(publication, url, edited, release=None):
    """The publication: the white paper as the source describes it, as the article reports
    it, kept on this site (last edited ``edited``); plain text and BibTeX."""
    who = attribution(publication)
    found = f"{capfirst(who.via)} {article(publication)}."
    site = on_this_site(url, edited, release)
    text = f"{who.author}. {capfirst(white_paper_of(publication))}. {found} {site}"
    bibtex = bibtex_entry(
        bibtex_key(publication),
        [
            ("author", "{" + bibtex_escape(who.author) + "}"),
            ("title", bibtex_escape(capfirst(white_paper_of(publication)))),
            ("institution", bibtex_escape(publication.publisher_abbreviation)),
            *known_by(publication),
            ("note", bibtex_escape(f"{found} {settings.SITE_NAME}")),
            *link_fields(url, edited, release),
        ],
        kind="techreport",
    )
    return Citation(text, bibtex, "")


def date_parts(value):
    return {"date-parts": [[value.year, value.month, value.day]]}


@dataclass(frozen=True)
class Credit:
    """The parts of a credit: "Source: <who>, via a news report", "figures as of <date>"
    ("" where the record's source gives no date), and "<this site>, release <version>"."""

    source: str
    as_of: str
    site: str

    @property
    def figures_as_of(self):
        """ "Figures as of end of March 2018", or "" without a date."""
        return gettext("Figures as of %(date)s") % {"date": self.as_of} if self.as_of else ""

    @property
    def line(self):
        line = self.source
        if self.as_of:
            line += gettext("; figures as of %(date)s") % {"date": self.as_of}
        return gettext("%(line)s (%(site)s)") % {"line": line, "site": self.site}


def credit_parts(record, release=None):
    """A credit's parts, in the page's language (what a share card prints line by line)."""
    publication = getattr(record, "publication", record)
    stated_by = getattr(record, "stated_by", StatedBy.WHITE_PAPER)
    as_of = getattr(record, "as_of", None)
    sources = {
        StatedBy.WHITE_PAPER: gettext("%(white_paper)s, via a news report"),
        StatedBy.QUOTED_PERSON: gettext("%(person)s, via a news report"),
        StatedBy.WEB_PAGE: gettext("the web page of a news report"),
    }
    source = sources.get(stated_by, gettext("a news report")) % {
        "white_paper": publication.text_in("title").text,
        "person": publication.quoted_person,
    }
    return Credit(
        gettext("Source: %(source)s") % {"source": source},
        as_of_text(as_of) if as_of else "",
        site_credit(release),
    )


def site_credit(release=None):
    """This site, and the release where one is named: "<site>, release <version>"."""
    site = gettext(settings.SITE_NAME)
    if release:
        site = gettext("%(site)s, release %(version)s") % {"site": site, "version": release.version}
    return site


def credit(record, release=None):
    """The one line a news story prints under a figure (or the publication), in the page's
    language: "Source: <who>, via a news report; figures as of <date> (<this site>, release
    <version>)"."""
    return credit_parts(record, release).line
