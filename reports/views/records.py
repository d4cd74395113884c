"""Provenance you can check: a page (and JSON) per record, the source reader and the public
corrections log."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from reports.caching.freshness import fresh_page
from reports.records import changes, citation, facts, kinds, source_text
from reports.releases import status
from reports.tables import catalogue
from reports.views import feeds, share
from whitepaper.attribution import attribution
from whitepaper.models import Correction, Publication
from whitepaper.public import dates
from whitepaper.translation import TRANSLATIONS, in_source_language


def citations(request, kind, record, cited=None, live_url=None):
    """The record's citation as plain text, BibTeX and CSL-JSON (in English, the language
    of the source, on pages of either language), its author the one who states it; given the
    release it is cited as of, linking to the record as of it, its live page beside it."""
    with in_source_language():
        url = request.build_absolute_uri(live_url or record.get_absolute_url())
        label = kind.citation_title(record)
    key = citation.bibtex_key(record.publication, f"{kind.slug}-{kind.key(record)}")
    return citation.of_record(record, label, key, url, cited)


def record_context(request, kind, record, release=None, live_url=None):
    """What a record's page shows of the record, live or as a release holds it: its figure
    and heading, who states it, the sentence in context, what is stated and what is this
    site's own, and its citations as of ``release``."""
    publication = record.publication
    cited = status.cited(request, release, record)
    return {
        "kind": kind,
        "table": catalogue.TABLE_OF_MODEL.get(kind.model),
        "record": record,
        "publication": publication,
        "heading": kind.heading(record),
        "figure": kind.figure(record),
        "stated_by": facts.stated_by_fact(record),
        "stated": kind.stated(record),
        "editorial": kind.editorial(record),
        "passages": source_text.passages(
            publication.source_text, record.source_quote, publication.source_page_lines
        ),
        "citation": citations(request, kind, record, cited, live_url),
        "credit": citation.credit(record, cited),
        "cited_release": cited,
    }


@fresh_page
def record_page(request, kind, slug, key):
    """One record: its figure, who states it, its dates, its source sentence in context,
    what is stated and what is the site's own, a citation, its JSON and its changes."""
    record = kind.find(slug, key)
    releases = status.record_releases(record)
    cited_release = None if releases.unreleased else releases.release
    context = record_context(request, kind, record, cited_release)
    page = record.get_absolute_url()
    context.update(
        json_url=kind.json_url(record),
        changes=record.public_changes,
        releases=releases,
        follow=feeds.follow_record(kind, record),
        share=share.record_share(
            request,
            kind,
            record,
            page + "card.png",
            request.build_absolute_uri(page),
            cited_release,
            releases.release,
        ),
    )
    return render(request, "reports/record_page.html", context)


def site_translation(kind, record):
    """Names the record's translated texts as this site's translation (the source is in
    English): its languages and the keys of the JSON that hold it."""
    return {
        "languages": [lang.tag for lang in TRANSLATIONS],
        "by": "this site",
        "keys": kind.translated_keys(record),
    }


@fresh_page
def record_json(request, kind, slug, key):
    """The record's public fields and dates, typed; its public changes."""
    record = kind.find(slug, key)
    publication = record.publication
    data = {
        "kind": kind.url_name,
        "url": request.build_absolute_uri(record.get_absolute_url()),
        "publication": {
            "slug": publication.slug,
            "title": publication.title,
            "url": request.build_absolute_uri(publication.get_absolute_url()),
        },
        **kind.json_fields(record),
        # Who states the record, in the terms its citation uses (whitepaper.attribution).
        "who_states_it": attribution(record).as_json(),
        "site_translation": site_translation(kind, record),
        "dates": dates(record),
        "time_zone": settings.TIME_ZONE,
        "changes": [changes.change_json(change) for change in record.public_changes],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@fresh_page
def source_reader(request, slug):
    """The whole source text, verbatim, with every passage a record quotes marked and
    linked to the records, and the web page's own lines shown as such."""
    publication = Publication.objects.for_source_reader(slug)
    if publication is None:
        raise Http404(_("No published publication has this address."))
    reading = source_text.read(
        publication.source_text,
        kinds.quoted_by_records(publication),
        publication.source_page_lines,
    )
    context = {"publication": publication, "reading": reading}
    return render(request, "reports/source_reader.html", context)


@fresh_page
def change_log(request):
    """Every change to a published record since its first publication, newest first."""
    paginator = Paginator(Correction.objects.public_log(), changes.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {"page": page, "paginator": paginator}
    return render(request, "reports/changes.html", context)
