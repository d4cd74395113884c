"""Ready-to-copy citations of a publication, or of one of its records, as kept on this site.

Every citation names as its author whoever states what it cites (whitepaper.attribution):
the white paper's publisher for the white paper's statements (as reported by the article),
the article for its own words, a quoted person for what they said, the web page for its
link text. Plain text, BibTeX and CSL-JSON are built from the same attribution and dates, so
they agree. Citations are in English, the language of the source, on pages of either
language. Dates of this site's edits are days in the site's time zone (settings.TIME_ZONE),
as every page, JSON, feed and download gives them. Given a release (``ReleaseCited``), a
citation names its version and its page, whose zip holds exactly the data cited.
"""

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst

from whitepaper.attribution import THE_ARTICLE, attribution

BIBTEX_SPECIAL = re.compile(r"([{}%&$#_\\])")


@dataclass(frozen=True)
class ReleaseCited:
    version: str
    url: str


def release_sentence(release):
    return f" Release {release.version}, {release.url}." if release else ""


def release_fields(release):
    """BibTeX's version and a note with the release's page."""
    if release is None:
        return []
    return [("version", release.version), ("addendum", f"Release {release.version}: {release.url}")]


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


def where(who, publication):
    """Where the cited statement is found: "In: <the white paper>, as reported in <the
    article>" for the white paper's; "As quoted in <the article>" for a quoted person's."""
    if who.is_reported:
        return f"In: {who.work}, {who.via} {article(publication)}"
    return f"{capfirst(who.via)} {article(publication)}"


def as_of_text(as_of):
    """ "As of 2018-03-31. " where the record's own quote dates it; nothing otherwise."""
    return f"As of {as_of.isoformat()}. " if as_of else ""


def bibtex_key(publication, suffix=""):
    key = re.sub(r"[^a-z0-9]+", "", publication.slug.lower())
    return f"{key}:{suffix}" if suffix else key


def record_bibtex_key(publication, record_key):
    return bibtex_key(publication, str(record_key))


def bibtex_entry(key, fields, kind="misc"):
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def known_by(publication):
    """The date the cited work is known by: the release the article reports."""
    day = publication.release_date
    return [("year", str(day.year)), ("month", str(day.month)), ("day", str(day.day))]


def plain_text(publication, url, release=None):
    """The publication: the white paper, as the article reports it, kept on this site."""
    who = attribution(publication)
    return (
        f"{who.author}. {publication.title}. {capfirst(who.via)} {article(publication)}. "
        f"{settings.SITE_NAME}, {url} (last edited {site_day(publication.last_edited)})."
        f"{release_sentence(release)}"
    )


def bibtex(publication, url, release=None):
    who = attribution(publication)
    note = f"{capfirst(who.via)} {article(publication)}. {settings.SITE_NAME}"
    fields = [
        ("author", "{" + bibtex_escape(who.author) + "}"),
        ("title", bibtex_escape(publication.title)),
        ("institution", bibtex_escape(publication.publisher_abbreviation)),
        *known_by(publication),
        ("note", bibtex_escape(note)),
        ("url", url),
        ("urldate", site_day(publication.last_edited)),
        *release_fields(release),
    ]
    return bibtex_entry(bibtex_key(publication), fields, kind="techreport")


def quoted_title(title):
    """A title in quotation marks, closed by a full stop unless it ends with its own."""
    return f"“{title}”" if title.endswith((".", "?", "!")) else f"“{title}”."


def record_plain_text(record, title, url, release=None):
    """One record as a plain-text reference, its author the one who states it."""
    who = attribution(record)
    return (
        f"{who.author_with_role}. {quoted_title(title)} {where(who, record.publication)}. "
        f"{as_of_text(record.as_of)}{settings.SITE_NAME}, {url} "
        f"(last edited {site_day(record.updated_at)}).{release_sentence(release)}"
    )


def record_bibtex(record, key, title, url, release=None):
    """One record as a BibTeX @misc entry; every text field escaped."""
    who = attribution(record)
    note = f"{where(who, record.publication)}. {as_of_text(record.as_of)}{settings.SITE_NAME}"
    fields = [
        ("author", "{" + bibtex_escape(who.author_with_role) + "}"),
        ("title", bibtex_escape(title)),
        *known_by(record.publication),
        ("note", bibtex_escape(note)),
        ("url", url),
        ("urldate", site_day(record.updated_at)),
        *release_fields(release),
    ]
    return bibtex_entry(key, fields)


def date_parts(value):
    return {"date-parts": [[value.year, value.month, value.day]]}


def record_csl_json(record, key, title, url, release=None):
    """One record as CSL-JSON (a list of one item), for Zotero, Pandoc and other
    reference managers."""
    who = attribution(record)
    publication = record.publication
    item = {
        "id": key,
        "type": "dataset",
        "title": title,
        "author": [{"literal": who.author_with_role}],
        "container-title": who.work,
        "publisher": settings.SITE_NAME,
        "issued": date_parts(publication.release_date),
        "URL": url,
        "note": (
            f"{where(who, publication)}. {as_of_text(record.as_of)}"
            f"Last edited {site_day(record.updated_at)}."
        ),
    }
    if release:
        item["version"] = release.version
        item["note"] += f" Release {release.version}: {release.url}."
    return json.dumps([item], ensure_ascii=False, indent=2)
