"""schema.org Dataset description of the site's data, for search engines (JSON-LD).

The data set is this site's work: the site is its creator and publisher (under the records'
licence), and it is based on the white paper, known through the article this site holds.
The white paper's publisher is named as the white paper's author, never as the data set's.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from reports.records.licence import RECORDS_LICENCE
from whitepaper.attribution import white_paper_of

# The characters json_script escapes, so the JSON cannot close its <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def dataset_title(publication):
    """The data set's title: this site's records of the white paper (by this site's short
    title, supplied: the source gives the white paper none), as the article reports it."""
    return f"Records of [{publication.title}], as reported in “{publication.source_title}”"


def this_site(url):
    """This site, the creator and publisher of the records (settings.SITE_NAME)."""
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": url}


def dataset_description(publication):
    """What the data set is, in the page's language: this site's records, not the white
    paper (whose summary describes the white paper)."""
    return gettext(
        "This site’s records of what the article “%(article)s” reports from %(white_paper)s: "
        "each figure, region, industry segment, development tendency and finding with the "
        "sentence it comes from and who states it."
    ) % {"article": publication.source_title, "white_paper": white_paper_of(publication)}


def based_on(publication):
    """What the records are based on: the white paper, by its publisher, known through the
    article this site holds (its subjectOf)."""
    article = {"@type": "Article", "name": publication.source_title}
    if publication.source_url:
        article["url"] = publication.source_url
    if publication.source_site:
        article["publisher"] = {"@type": "Organization", "name": publication.source_site}
    return {
        "@type": "Report",
        # The source gives the white paper no title: this site's, supplied, and the source's
        # description of it.
        "name": f"[{publication.title}]",
        "description": publication.described_as,
        "datePublished": publication.release_date.isoformat(),
        "author": {
            "@type": "Organization",
            "name": publication.publisher,
            "alternateName": publication.publisher_abbreviation,
        },
        "subjectOf": article,
    }


def dataset(request, publication, tables, package_url):
    url = request.build_absolute_uri(reverse("reports:overview"))
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset_title(publication),
        "description": dataset_description(publication),
        "url": url,
        "license": RECORDS_LICENCE.url,
        "isAccessibleForFree": True,
        "creator": this_site(url),
        "publisher": this_site(url),
        "isBasedOn": based_on(publication),
        # The places the records name (from the records, like every fact on the site).
        "spatialCoverage": [
            {"@type": "Place", "name": presence.region.name}
            for presence in publication.listed_regional_presences
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": str(table["title"]),
                "encodingFormat": "text/csv",
                "contentUrl": table["csv_url"],
            }
            for table in tables
        ]
        + [
            {
                "@type": "DataDownload",
                "name": gettext("The whole dataset (Frictionless Data Package)"),
                "encodingFormat": "application/zip",
                "contentUrl": package_url,
            }
        ],
    }


def as_script(data):
    """The data as a JSON-LD <script> element, safe to place in HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
