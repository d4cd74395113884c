"""Who states a record, and so whom its citation names: the one place that turns a record's
``stated_by`` into the author of a citation.

The source this site holds is a news article about the white paper. What it says comes from
four voices, and a citation must name the right one:

- the white paper, as the article reports it: the white paper's publisher is the author;
- the article in its own words: the article is the author (the site that published it if
  the source names one, otherwise "the source article");
- a person whose view the article reports: that person, with the role the source gives them,
  cited as reported ("according to …, as reported in …"), never as a quote;
- the web page around the article (a link title, say): the web page.

Citations (reports.records.citation), a record's JSON (reports.views.records) and the audit
(reports/management/commands/audit_records.py) all read ``attribution(record)``; each
model's clean() (through whitepaper.fidelity) refuses a ``stated_by`` that the source
cannot support (``problems``). Citations are in English, the language of the source.
"""

import re
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from whitepaper.choices import StatedBy

WHITESPACE = re.compile(r"\s+")

#: What a citation calls the article when the source does not name the site behind it.
THE_ARTICLE = "the source article"
#: What a citation calls the page around the article when the source does not name the site.
THE_WEB_PAGE = "the web page that carries the source article"

NO_PERSON = _(
    "The publication names no quoted person; add them to the publication, or choose who "
    "else states this record."
)
PERSON_NOT_IN_QUOTE = _(
    "The quote does not name %(person)s, the person the publication says the report quotes."
)
NOT_A_PAGE_LINE = _(
    "A statement of the web page must quote one of the web page lines of its publication."
)
PAGE_LINE_OF_ANOTHER = _(
    "This quote is a line of the web page around the article, not words of the article or "
    "of the white paper: choose the web page."
)


@dataclass(frozen=True)
class Attribution:
    """Whom a citation of a record names, and where the statement is found."""

    stated_by: str
    #: Who a citation names as the author, e.g. "Yu Jianing" or "The source article".
    author: str
    #: The author's role as the source gives it ("" where there is none).
    role: str
    #: How the statement reaches the reader: "as reported in", "in", "on the web page of".
    via: str
    #: The work the statement is in: the white paper (as the source describes it, with this
    #: site's short title in square brackets: the source gives it no title), or the article.
    work: str
    #: The article the site holds, as a citation names it: its title and its site.
    article: str

    @property
    def is_reported(self):
        """The white paper's statement, known only as the article reports it."""
        return self.stated_by == StatedBy.WHITE_PAPER

    @property
    def author_with_role(self):
        return f"{self.author} ({self.role})" if self.role else self.author

    def as_json(self):
        """The attribution in a record's JSON, in the terms its citation uses."""
        return {
            "stated_by": self.stated_by,
            "author": self.author,
            "role": self.role,
            "via": self.via,
            "work": self.work,
            "article": self.article,
        }


def article_of(publication):
    """The article this site holds, as a citation names it: its title and who published it
    (the site, if the source names one)."""
    site = publication.source_site or THE_ARTICLE
    return f"“{publication.source_title}” ({site})"


def white_paper_of(publication):
    """The white paper as the source describes it, this site's short title in square
    brackets: "a white paper on blockchain industrial development [MIIT white paper …]"."""
    supplied = f"[{publication.title}]"
    return f"{publication.described_as} {supplied}" if publication.described_as else supplied


def attribution(record):
    """Whom a citation of the record (or of the publication itself: the white paper, as the
    article reports it) names. A record that does not say who states it is cited as the
    article, the text that holds it, and the audit lists it."""
    publication = getattr(record, "publication", record)
    article, title = article_of(publication), publication.source_title
    stated_by = getattr(record, "stated_by", StatedBy.WHITE_PAPER)
    if stated_by == StatedBy.WHITE_PAPER:
        author = f"{publication.publisher} ({publication.publisher_abbreviation})"
        work = white_paper_of(publication)
        return Attribution(stated_by, author, "", "as reported in", work, article)
    if stated_by == StatedBy.QUOTED_PERSON:
        person, role = publication.quoted_person, publication.quoted_person_role
        return Attribution(stated_by, person, role, "as reported in", title, article)
    if stated_by == StatedBy.WEB_PAGE:
        author = publication.source_site or capfirst(THE_WEB_PAGE)
        return Attribution(stated_by, author, "", "on the web page of", title, article)
    # The report's own words, or not recorded.
    author = publication.source_site or capfirst(THE_ARTICLE)
    return Attribution(stated_by, author, "", "in", title, article)


def squeezed(text):
    return WHITESPACE.sub("", text)


def problems(record):
    """{"stated_by": message} where the source cannot support who the record says states
    it: a quoted person the publication does not name or the quote does not name, a web
    page statement that is not a line of the web page, a line of the web page said to be
    anyone else's. (None recorded is allowed here, as a CSV import may leave it; the audit
    lists it.)"""
    stated_by = getattr(record, "stated_by", "")
    if not stated_by or not getattr(record, "publication_id", None):
        return {}
    publication = record.publication
    quote = record.source_quote or ""
    if stated_by == StatedBy.QUOTED_PERSON:
        if not publication.quoted_person:
            return {"stated_by": NO_PERSON}
        if quote and squeezed(publication.quoted_person) not in squeezed(quote):
            return {"stated_by": PERSON_NOT_IN_QUOTE % {"person": publication.quoted_person}}
    lines = [line.strip() for line in publication.source_page_lines.splitlines()]
    is_page_line = quote.strip() in lines
    if stated_by == StatedBy.WEB_PAGE and not is_page_line:
        return {"stated_by": NOT_A_PAGE_LINE}
    if stated_by != StatedBy.WEB_PAGE and quote.strip() and is_page_line:
        return {"stated_by": PAGE_LINE_OF_ANOTHER}
    return {}
