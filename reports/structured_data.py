"""schema.org Dataset description of the site's data, for search engines (JSON-LD)."""

import json

from django.urls import reverse
from django.utils.safestring import mark_safe

from reports.licence import RECORDS_LICENCE

# The characters json_script escapes, so the JSON cannot close its <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def dataset(request, publication, tables, package_url):
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": publication.title,
        "description": publication.summary,
        "url": request.build_absolute_uri(reverse("reports:overview")),
        "license": RECORDS_LICENCE.url,
        "isAccessibleForFree": True,
        "datePublished": publication.release_date.isoformat(),
        "temporalCoverage": publication.data_as_of.isoformat(),
        # The places the records name (from the records, like every fact on the site).
        "spatialCoverage": [
            {"@type": "Place", "name": presence.region.name}
            for presence in publication.listed_regional_presences
        ],
        "publisher": {
            "@type": "Organization",
            "name": publication.publisher,
            "alternateName": publication.publisher_abbreviation,
        },
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
                "name": "The whole dataset (Frictionless Data Package)",
                "encodingFormat": "application/zip",
                "contentUrl": package_url,
            }
        ],
    }


def as_script(data):
    """The data as a JSON-LD <script> element, safe to place in HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
