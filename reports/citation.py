"""Ready-to-copy citations of a publication, or of one of its records, as kept on this site.

A publication's citation needs ``last_edited`` (PublicationQuerySet.with_last_edited); a
record's is dated by the record's own last edit. Given a release (``ReleaseCited``), a
citation names its version and its page, whose zip holds exactly the data cited.
"""

import json
import re
from dataclasses import dataclass

BIBTEX_SPECIAL = re.compile(r"([{}%&$#_\\])")


@dataclass(frozen=True)
class ReleaseCited:
    version: str
    url: str


def release_sentence(release):
    return f" Release {release.version}, {release.url}." if release else ""


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def plain_text(publication, url, release=None):
    return (
        f"{publication.publisher} ({publication.publisher_abbreviation}). "
        f"{publication.title}. Released {publication.release_date.isoformat()}; "
        f"figures as of {publication.data_as_of.isoformat()}. "
        f"Blockchain White Paper Data, {url} "
        f"(last edited {publication.last_edited.date().isoformat()})."
        f"{release_sentence(release)}"
    )


def release_fields(release):
    """BibTeX's version and a note with the release's page."""
    if release is None:
        return []
    return [("version", release.version), ("addendum", f"Release {release.version}: {release.url}")]


def bibtex(publication, url, release=None):
    key = re.sub(r"[^a-z0-9]+", "", publication.slug.lower())
    fields = [
        ("author", "{" + bibtex_escape(publication.publisher) + "}"),
        ("title", bibtex_escape(publication.title)),
        ("institution", bibtex_escape(publication.publisher_abbreviation)),
        ("year", str(publication.release_date.year)),
        ("month", str(publication.release_date.month)),
        ("day", str(publication.release_date.day)),
        ("note", f"Figures as of {publication.data_as_of.isoformat()}"),
        ("url", url),
        ("urldate", publication.last_edited.date().isoformat()),
        *release_fields(release),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{key},\n{body}\n}}"


def record_bibtex_key(publication, record_key):
    return re.sub(r"[^a-z0-9]+", "", publication.slug.lower()) + ":" + str(record_key)


def record_plain_text(title, publication, as_of, last_edited, url, release=None):
    """One figure (or other record) of a publication, as a plain-text reference."""
    return (
        f"{publication.publisher} ({publication.publisher_abbreviation}). “{title}”. In: "
        f"{publication.title}. Released {publication.release_date.isoformat()}; "
        f"as of {as_of.isoformat()}. Blockchain White Paper Data, {url} "
        f"(last edited {last_edited.date().isoformat()})."
        f"{release_sentence(release)}"
    )


def record_bibtex(key, title, publication, as_of, last_edited, url, release=None):
    """One record as a BibTeX @misc entry; every text field escaped."""
    fields = [
        ("author", "{" + bibtex_escape(publication.publisher) + "}"),
        ("title", bibtex_escape(title)),
        ("howpublished", "In: " + bibtex_escape(publication.title)),
        ("organization", bibtex_escape(publication.publisher_abbreviation)),
        ("year", str(publication.release_date.year)),
        ("month", str(publication.release_date.month)),
        ("day", str(publication.release_date.day)),
        ("note", f"As of {as_of.isoformat()}"),
        ("url", url),
        ("urldate", last_edited.date().isoformat()),
        *release_fields(release),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def date_parts(value):
    return {"date-parts": [[value.year, value.month, value.day]]}


def record_csl_json(key, title, publication, as_of, last_edited, url, release=None):
    """One record as CSL-JSON (a list of one item), for Zotero, Pandoc and other
    reference managers."""
    item = {
        "id": key,
        "type": "dataset",
        "title": title,
        "author": [{"literal": publication.publisher}],
        "container-title": publication.title,
        "publisher": "Blockchain White Paper Data",
        "issued": date_parts(publication.release_date),
        "URL": url,
        "note": f"As of {as_of.isoformat()}; last edited {last_edited.date().isoformat()}",
    }
    if release:
        item["version"] = release.version
        item["note"] += f"; release {release.version}: {release.url}"
    return json.dumps([item], ensure_ascii=False, indent=2)
