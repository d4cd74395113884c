"""A record as the API gives it: a renderer of its public fields (whitepaper.public), each
translated text in every language, who states it, its dates and its pages, as its schema
(reports.api.schemas) describes them.

Values are plain JSON: numbers stay numbers (80, 12.5), dates and times are ISO 8601, a bound
keeps its qualifier beside its value ("value": 80, "qualifier": "more_than"), as on the
record's page.
"""

from django.urls import reverse

from reports.records.changes import change_json
from whitepaper.attribution import attribution
from whitepaper.language import path_in
from whitepaper.models import HTML_LANG, PublicationRecord, StatedBy, format_measure
from whitepaper.public import dates, fields_of
from whitepaper.translation import SITE_TRANSLATION_TAGS, in_every_language


def translated(record, field):
    """{source tag: text, each translation's tag: text, "site_translation": [its tags]}"""
    return {**in_every_language(record, field), "site_translation": list(SITE_TRANSLATION_TAGS)}


class Links:
    """Absolute addresses for one request: a page in every language, an API path. A page
    lists many records of few publications and kinds: what is the same for them is found
    once (a URL lookup costs more than the rest of a record together)."""

    def __init__(self, request):
        self.origin = request.build_absolute_uri("/").rstrip("/")
        self.publications = {}
        self.lists = {}

    def record_api_url(self, kind, record):
        """/api/v1/<kind>/<publication>/<key>: below the kind's list, as reports.api.records
        routes it."""
        if kind not in self.lists:
            self.lists[kind] = self.absolute(reverse(f"api:{kind.slug}"))
        return f"{self.lists[kind]}/{record.publication.slug}/{kind.key(record)}"

    def publication(self, publication):
        if publication.pk not in self.publications:
            self.publications[publication.pk] = publication_ref(publication, self)
        return self.publications[publication.pk]

    def absolute(self, path):
        return self.origin + path

    def pages(self, path):
        return {tag: self.origin + path_in(path, code) for code, tag in HTML_LANG.items()}


def stated_by(record):
    if not record.stated_by:
        return None
    publication = record.publication
    quoted = record.stated_by == StatedBy.QUOTED_PERSON and publication.quoted_person
    cited = attribution(record)
    return {
        "code": record.stated_by,
        "quoted_person": publication.quoted_person if quoted else None,
        "quoted_person_role": translated(publication, "quoted_person_role") if quoted else None,
        "author": cited.author,
        "via": cited.via,
    }


def measure_texts(record):
    """The value with its unit and qualifier in every language ("over 80%", "超过80%")."""
    texts = {
        tag: format_measure(record.value, record.unit, record.qualifier, code)
        for code, tag in HTML_LANG.items()
    }
    return {**texts, "site_translation": list(SITE_TRANSLATION_TAGS)}


def fields(record, links):
    """The record's public fields (whitepaper.public), one per text, a related record
    nested (reports.api.schemas.fields_schema)."""
    model = type(record)
    data = {}
    for field in fields_of(model):
        if field.name == "stated_by":
            data[field.name] = stated_by(record)
        elif field.is_translated:
            data[field.name] = translated(record, field.name)
        elif field.is_relation:
            related = field.related(record)
            data[field.name] = None if related is None else fields(related, links)
        else:
            data[field.name] = field.values[0].of(record)
    if hasattr(model, "display_value"):
        data["display_value"] = measure_texts(record)
    if issubclass(model, PublicationRecord):
        data["url"] = links.pages(record.get_absolute_url())
    return data


def publication_ref(publication, links):
    return {
        "slug": publication.slug,
        "title": translated(publication, "title"),
        "url": links.pages(publication.get_absolute_url()),
        "api_url": links.absolute(publication_api_path(publication.slug)),
    }


def publication_api_path(slug):
    return reverse("api:publication", kwargs={"slug": slug})


def record(kind, record, links):
    """A record as a list gives it."""
    publication = record.publication
    return {
        "record_kind": kind.url_name,
        "publication": links.publication(publication),
        **fields(record, links),
        "api_url": links.record_api_url(kind, record),
        "dates": dates(record),
    }


def record_detail(kind, found, links):
    """A record as its own address gives it: with its public changes."""
    return {
        **record(kind, found, links),
        "changes": [change_json(correction) for correction in found.public_changes],
    }


def logged_change(correction, links):
    """An entry of the corrections log (/changes/)."""
    url = correction.record_url()
    return {
        **change_json(correction),
        "record_kind": correction.content_type.model,
        "record": translated(correction, "record_label"),
        "record_url": links.pages(url) if url else None,
        "publication": correction.publication.slug if correction.publication else None,
    }


def publication(found, links):
    return {
        **fields(found, links),
        "url": links.pages(found.get_absolute_url()),
        "api_url": links.absolute(publication_api_path(found.slug)),
    }
