"""The audit of every record against its source, as the admin's guard checks one record:
each quote verbatim in its source text, each figure, date and phrase given as the source's
in its own quote, who states it recorded and supported (whitepaper.fidelity), every citation
naming as its author the one who states the record (whitepaper.attribution) and putting in
quotation marks only words of the source text, in its three formats and in both languages,
and every translation of the source's words labelled as the
site's wherever a record page shows it.

``python manage.py audit_records`` prints one line per problem; it reads each kind of record
in chunks, with the publications read once.
"""

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from reports.records import citation
from reports.records.bilingual import stated_text_html
from reports.records.kinds import KIND_OF_MODEL
from whitepaper.attribution import attribution
from whitepaper.fidelity import find_quote, mismatches, source_text_of
from whitepaper.models import RECORD_MODELS, Publication
from whitepaper.models.base import natural_key_of
from whitepaper.translation import LANGUAGE_LIST, TRANSLATIONS, twin

CHUNK_SIZE = 2000
#: A character BibTeX escapes, and its escape (reports.records.citation.bibtex_escape).
BIBTEX_ESCAPED = re.compile(r"\\([{}%&$#_\\])")
#: The rule each field's mismatch breaks (whitepaper.fidelity).
RULES = {
    "source_quote": "quote-verbatim",
    "as_of": "date-in-quote",
    "stated_by": "who-states-it",
}
#: A placeholder address: the audit checks a citation's author, not its link.
URL = "https://example.org/record/"


@dataclass(frozen=True)
class Problem:
    record: object
    rule: str
    message: str

    def __str__(self):
        model = type(self.record)._meta.model_name
        key = "/".join(str(part) for part in natural_key_of(self.record))
        return f"{model} {key}: {self.rule}: {self.message}"


def rule_of(record, field):
    if field in getattr(record, "NUMBERS_IN_QUOTE", ()):
        return "figure-in-quote"
    if field in getattr(record, "FIGURE_PLACES", {}).values():
        return "figure-place"
    if field in getattr(record, "WORDS_FROM_QUOTE", ()):
        return "words-in-quote"
    return RULES.get(field, field)


def guard_problems(record):
    """What the admin's guard would refuse in this record (whitepaper.fidelity)."""
    for field, message in mismatches(record).items():
        yield Problem(record, rule_of(record, field), str(message))
    if hasattr(record, "stated_by") and not record.stated_by:
        yield Problem(record, "who-states-it", "who states this record is not recorded")


def unsourced_problems(record):
    """A record whose quote is in no source: its publication has no source text (the
    admin's guard lets such a record be kept as a draft, never published)."""
    publication = getattr(record, "publication", None)
    if publication is not None and not publication.source_text.strip():
        yield Problem(
            record,
            "quote-verbatim",
            "its publication has no source text, so its quote is in no source",
        )


def citations_of(record):
    """{(format, language code): text} of every citation of the record: in each format, as
    a page in each language writes it."""
    kind = KIND_OF_MODEL.get(type(record))
    written = {}
    for lang in LANGUAGE_LIST:
        with translation.override(lang.code):
            if kind is None:
                cited = citation.of_publication(record, URL, record.updated_at)
            else:
                key = citation.bibtex_key(record.publication, kind.key(record))
                cited = citation.of_record(record, kind.citation_title(record), key, URL)
        written.update(
            {
                ("plain text", lang.code): cited.text,
                ("BibTeX", lang.code): cited.bibtex,
                ("CSL-JSON", lang.code): cited.csl_json,
            }
        )
    return {form: text for form, text in written.items() if text}


def citation_problems(record):
    """A citation, in any format or language, whose author is not the one who states it,
    or that puts in quotation marks words the source text does not have (the publication's
    citations and those of every kind of record with a page)."""
    if KIND_OF_MODEL.get(type(record)) is None and not isinstance(record, Publication):
        return
    author = attribution(record).author
    if not isinstance(record, Publication):
        author = attribution(record).author_with_role
    expected = {
        "plain text": f"{author}. ",
        "BibTeX": f"author = {{{{{citation.bibtex_escape(author)}}}}}",
        "CSL-JSON": json.dumps({"literal": author}, ensure_ascii=False)[1:-1],
    }
    source = source_text_of(record)
    for (form, code), text in citations_of(record).items():
        if expected[form] not in text or (form == "plain text" and not text.startswith(author)):
            yield Problem(
                record,
                "citation-author",
                f"the {form} citation ({code}) does not name {author!r} as its author",
            )
        if form == "BibTeX":
            text = BIBTEX_ESCAPED.sub(r"\1", text)
        for passage in citation.quoted_passages(text):
            if find_quote(source, passage) is None:
                yield Problem(
                    record,
                    "quoted-words",
                    f"the {form} citation ({code}) quotes words the source does not have: "
                    f"“{passage}”",
                )


def translation_problems(record):
    """A translation of the source's words that a record page in that language shows
    unlabelled."""
    for field in getattr(record, "WORDS_FROM_QUOTE", ()):
        for lang in TRANSLATIONS:
            if not getattr(record, twin(field, lang)):
                continue
            with translation.override(lang.code):
                html = str(stated_text_html(record, field))
                label = gettext("(this site’s translation)")
            if label not in html:
                yield Problem(
                    record, "translation-labelled", f"the translation of {field} is not labelled"
                )


def records(model, publications):
    """Every record of a kind, in chunks, each with its publication read once for all."""
    related = [
        name
        for name in getattr(model, "RECORD_PAGE_RELATED", ())
        if not name.startswith("publication")
    ]
    rows = model.objects.select_related(*related).order_by("pk").iterator(CHUNK_SIZE)
    for record in rows:
        if hasattr(record, "publication_id"):
            record.publication = publications[record.publication_id]
        yield record


def problems():
    """Every problem of every record, kind by kind."""
    publications = {publication.pk: publication for publication in Publication.objects.all()}
    with translation.override(settings.LANGUAGE_CODE):
        for publication in publications.values():
            yield from guard_problems(publication)
            yield from citation_problems(publication)
        for model in RECORD_MODELS:
            if model is Publication:
                continue
            for record in records(model, publications):
                yield from guard_problems(record)
                yield from unsourced_problems(record)
                yield from citation_problems(record)
                yield from translation_problems(record)
