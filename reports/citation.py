"""Ready-to-copy citations of a publication as kept on this site.

The publication must carry ``last_edited`` (PublicationQuerySet.with_last_edited).
"""

import re

BIBTEX_SPECIAL = re.compile(r"([{}%&$#_\\])")


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def plain_text(publication, url):
    return (
        f"{publication.publisher} ({publication.publisher_abbreviation}). "
        f"{publication.title}. Released {publication.release_date.isoformat()}; "
        f"figures as of {publication.data_as_of.isoformat()}. "
        f"Blockchain White Paper Data, {url} "
        f"(last edited {publication.last_edited.date().isoformat()})."
    )


def bibtex(publication, url):
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
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{key},\n{body}\n}}"
