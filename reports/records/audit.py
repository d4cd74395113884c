"""The audit of every record against its source, as the admin's guard checks one record:
each quote verbatim in its source text, each figure, date and phrase given as the source's
in its own quote, who states it recorded and supported (whitepaper.fidelity), every citation
naming as its author the one who states the record (whitepaper.attribution), in its three
formats and in both languages, and every translation of the source's words labelled as the
site's wherever a record page shows it.

``python manage.py audit_records`` prints one line per problem; it reads each kind of record
in chunks, with the publications read once.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from reports.records import citation
from reports.records.bilingual import stated_text_html
from reports.records.kinds import KIND_OF_MODEL
from whitepaper.attribution import attribution
from whitepaper.fidelity import mismatches
from whitepaper.models import RECORD_MODELS, Publication
from whitepaper.models.base import natural_key_of
from whitepaper.translation import LANGUAGE_LIST, TRANSLATIONS, twin

CHUNK_SIZE = 2000
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


def citation_problems(record):
    """A citation, in any format or language, whose author is not the one who states it."""
    kind = KIND_OF_MODEL.get(type(record))
    if kind is None:
        return
    author = attribution(record).author_with_role
    for lang in LANGUAGE_LIST:
        with translation.override(lang.code):
            title = kind.citation_title(record)
            key = citation.record_bibtex_key(record.publication, kind.key(record))
            written = {
                "plain text": citation.record_plain_text(record, title, URL),
                "BibTeX": citation.record_bibtex(record, key, title, URL),
                "CSL-JSON": citation.record_csl_json(record, key, title, URL),
            }
        expected = {
            "plain text": f"{author}. ",
            "BibTeX": f"author = {{{{{citation.bibtex_escape(author)}}}}}",
            "CSL-JSON": json.dumps({"literal": author}, ensure_ascii=False)[1:-1],
        }
        for form, text in written.items():
            if expected[form] not in text or (form == "plain text" and not text.startswith(author)):
                yield Problem(
                    record,
                    "citation-author",
                    f"the {form} citation ({lang.code}) does not name {author!r} as its author",
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
        for model in RECORD_MODELS:
            if model is Publication:
                continue
            for record in records(model, publications):
                yield from guard_problems(record)
                yield from unsourced_problems(record)
                yield from citation_problems(record)
                yield from translation_problems(record)
